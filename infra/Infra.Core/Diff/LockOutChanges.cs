using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Support;

namespace Infra.Core.Diff;

/// <summary>
/// A change of Mattermost's own configuration that would lock users out: a way of signing in removed, or the directory or
/// identity provider users are matched against changed (accounts are found by the directory's server, base DN and id
/// attribute, or the identity provider's URLs and id attribute; a new one does not find the old accounts).
/// </summary>
/// <param name="Setting">The setting, Section.Setting.</param>
/// <param name="Before">Its value in the base (Mattermost's default when the base did not set it).</param>
/// <param name="After">Its desired value.</param>
/// <param name="Why">Who is locked out, in one sentence.</param>
public sealed record LockOut(string Setting, string Before, string After, string Why);

/// <summary>Finds <see cref="LockOut"/>s between two graphs, from the MM_* variables each hands Mattermost.</summary>
public static class LockOutChanges
{
    /// <summary>Ways to sign in, by the setting that turns each on (authentication-configuration-settings.rst).</summary>
    private static readonly (string Setting, string Method)[] SignIn =
    [
        ("EmailSettings.EnableSignInWithEmail", "email sign-in"),
        ("EmailSettings.EnableSignInWithUsername", "username sign-in"),
        ("LdapSettings.Enable", "AD/LDAP sign-in"),
        ("SamlSettings.Enable", "SAML sign-in"),
        ("OpenIdSettings.Enable", "OpenID Connect sign-in"),
        ("Office365Settings.Enable", "Entra ID sign-in"),
        ("GoogleSettings.Enable", "Google sign-in"),
        ("GitLabSettings.Enable", "GitLab sign-in"),
    ];

    /// <summary>What identifies the directory or identity provider behind a sign-in method, and its accounts there.</summary>
    private static readonly (string Enable, string[] Identity, string Who)[] Providers =
    [
        ("LdapSettings.Enable", ["LdapSettings.LdapServer", "LdapSettings.LdapPort", "LdapSettings.BaseDN", "LdapSettings.IdAttribute", "LdapSettings.LoginIdAttribute"],
            "AD/LDAP users are looked up in another directory, or under another id, and may not be found"),
        ("SamlSettings.Enable", ["SamlSettings.IdpURL", "SamlSettings.IdpDescriptorURL", "SamlSettings.IdAttribute"],
            "SAML users sign in at another identity provider, or are matched by another id, and may not be found"),
        ("OpenIdSettings.Enable", ["OpenIdSettings.DiscoveryEndpoint", "OpenIdSettings.Id"], "OpenID Connect users sign in at another provider or client"),
        ("Office365Settings.Enable", ["Office365Settings.DiscoveryEndpoint", "Office365Settings.Id", "Office365Settings.DirectoryId"], "Entra ID users sign in at another tenant or client"),
        ("GoogleSettings.Enable", ["GoogleSettings.DiscoveryEndpoint", "GoogleSettings.Id"], "Google users sign in through another client"),
        ("GitLabSettings.Enable", ["GitLabSettings.DiscoveryEndpoint", "GitLabSettings.Id"], "GitLab users sign in through another client"),
    ];

    public static ImmutableArray<LockOut> Compare(ResourceGraph before, ResourceGraph after)
    {
        var was = MattermostConfiguration.In(before).FirstOrDefault();
        var now = MattermostConfiguration.In(after).FirstOrDefault();
        if (was is null || now is null) return [];
        var result = new List<LockOut>();
        string Show(MattermostConfiguration c, string s) => c.Value(s) is { } v ? (v.Length == 0 ? "\"\"" : v) : "(unset)";
        foreach (var (setting, method) in SignIn)
            if (was.Flag(setting) && !now.Flag(setting))
                result.Add(new LockOut(setting, Show(was, setting), Show(now, setting),
                    $"{method} is removed: users who sign in this way can no longer sign in"));
        foreach (var (enable, identity, who) in Providers)
        {
            if (!was.Flag(enable) || !now.Flag(enable)) continue;
            foreach (var setting in identity)
                if (was.Value(setting) != now.Value(setting))
                    result.Add(new LockOut(setting, Show(was, setting), Show(now, setting), who));
        }
        return [.. result];
    }
}
