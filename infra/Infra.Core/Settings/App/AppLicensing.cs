namespace Infra.Core.Settings.App;

/// <summary>A Mattermost feature that only works with a licence, the setting that turns it on, and where that is said.</summary>
public sealed record LicensedFeature(string Feature, string Setting, string Plan, string Source);

/// <summary>
/// Features of Mattermost's own configuration that need a licence: Mattermost ignores them without one. The
/// authentication settings page carries the "Entry, Professional, Enterprise" badge and says GitLab OpenID is the one
/// provider free of it; MFA is enforced only with the licence's MFA feature; the compliance page carries the
/// "Enterprise and Enterprise Advanced" badge. Read both by <see cref="Planning.LicenceRequirement"/> (from the settings)
/// and by policy MM-CFG-009 (from the graph).
/// </summary>
public static class AppLicensing
{
    private const string Auth = "mattermost/docs 9dd1c713 source/administration-guide/configure/authentication-configuration-settings.rst (all-commercial badge)";
    private const string Compliance = "mattermost/docs 9dd1c713 source/administration-guide/configure/compliance-configuration-settings.rst (ent-plus badge)";

    public static readonly IReadOnlyList<LicensedFeature> Features =
    [
        new("multi-factor authentication", "ServiceSettings.EnableMultifactorAuthentication", "Professional",
            "mattermost/mattermost server/channels/web/context.go @ 00e76f8d, MfaRequired: license.Features.MFA"),
        new("AD/LDAP sign-in", "LdapSettings.Enable", "Professional", Auth),
        new("SAML single sign-on", "SamlSettings.Enable", "Professional", Auth),
        new("OpenID Connect", "OpenIdSettings.Enable", "Professional", Auth),
        new("OpenID Connect with Entra ID", "Office365Settings.Enable", "Professional", Auth),
        new("OpenID Connect with Google", "GoogleSettings.Enable", "Professional", Auth),
        new("guest accounts", "GuestAccountsSettings.Enable", "Professional", Auth),
        new("data retention", "DataRetentionSettings.EnableMessageDeletion", "Enterprise", Compliance),
        new("data retention", "DataRetentionSettings.EnableFileDeletion", "Enterprise", Compliance),
        new("compliance export", "MessageExportSettings.EnableExport", "Enterprise", Compliance),
    ];

    /// <summary>The licensed features the settings turn on, by name, once each.</summary>
    public static IReadOnlyList<string> On(IEnumerable<AppVariable> variables)
    {
        var on = variables.Where(v => v.Value is "true").Select(v => v.Setting).ToHashSet(StringComparer.Ordinal);
        return [.. Features.Where(f => on.Contains(f.Setting)).Select(f => f.Feature).Distinct()];
    }
}
