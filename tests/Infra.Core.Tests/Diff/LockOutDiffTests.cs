using System.Text.Json;

namespace Infra.Core.Tests.Diff;

/// <summary>
/// A change of Mattermost's own configuration that would lock users out (a sign-in method removed, the directory or
/// identity provider changed) needs an approval like data loss: a banner of its own in every format and exit code 3.
/// </summary>
public class LockOutDiffTests
{
    private const string Directory =
        "{directory: {server: ldap.corp.example.com, connectionSecurity: TLS, networks: [10.50.0.0/24], baseDn: 'dc=corp,dc=example,dc=com', " +
        "attributes: {id: objectGUID, loginId: sAMAccountName, username: sAMAccountName, email: mail}}}";

    private static string With(string app, string from, string to) => app.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void Removing_ad_ldap_sign_in_locks_users_out_and_needs_an_approval()
    {
        using var edit = new StackEdit("staging");
        var basePath = edit.Set("mattermost:app", Directory).WriteBase();
        edit.Set("mattermost:app", "{signIn: {mfa: enforced}}");

        var (code, text, err) = edit.Diff(basePath);
        Assert.True(code == 3, err + text);
        Assert.Contains("!!! LOCK-OUT RISK: 1 change of Mattermost's sign-in would lock users out.", text);
        Assert.Contains("LdapSettings.Enable: true -> false: AD/LDAP sign-in is removed", text);
        Assert.DoesNotContain("DATA LOSS", text);

        var (jsonCode, json, _) = edit.Diff(basePath, "--format", "json");
        Assert.Equal(3, jsonCode);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.True(root.GetProperty("requiresApproval").GetBoolean());
        Assert.Equal("LdapSettings.Enable", root.GetProperty("lockOut")[0].GetProperty("setting").GetString());
        Assert.Empty(root.GetProperty("dataLoss").EnumerateArray());

        var (_, markdown, _) = edit.Diff(basePath, "--format", "markdown");
        Assert.Contains("**Lock-out risk: 1 change of Mattermost's sign-in would lock users out.**", markdown);
    }

    [Fact]
    public void Moving_to_another_directory_server_or_id_attribute_locks_users_out()
    {
        using var edit = new StackEdit("staging");
        var basePath = edit.Set("mattermost:app", Directory).WriteBase();
        edit.Set("mattermost:app", With(With(Directory, "ldap.corp.example.com", "ldap2.corp.example.com"), "id: objectGUID", "id: entryUUID"));

        var (code, json, err) = edit.Diff(basePath, "--format", "json");
        Assert.True(code == 3, err);
        var settings = JsonDocument.Parse(json).RootElement.GetProperty("lockOut").EnumerateArray().Select(l => l.GetProperty("setting").GetString()).ToList();
        Assert.Equal(["LdapSettings.LdapServer", "LdapSettings.IdAttribute"], settings);
    }

    [Fact]
    public void Turning_email_sign_in_off_locks_out_the_users_who_sign_in_with_it()
    {
        using var edit = new StackEdit("staging");
        var basePath = edit.WriteBase(); // email sign-in on: Mattermost's default
        edit.Set("mattermost:app", "{signIn: {emailSignIn: false}}");

        var (code, text, err) = edit.Diff(basePath);
        Assert.True(code == 3, err + text);
        Assert.Contains("EmailSettings.EnableSignInWithEmail: true -> false: email sign-in is removed", text);
    }

    [Fact]
    public void Adding_a_sign_in_method_or_changing_other_settings_needs_no_approval()
    {
        using var edit = new StackEdit("staging");
        var basePath = edit.WriteBase();
        edit.Set("mattermost:app", With(Directory, "{directory:", "{branding: {siteName: Acme Chat}, directory:"));

        var (code, text, err) = edit.Diff(basePath);
        Assert.True(code == 0, err + text);
        Assert.DoesNotContain("LOCK-OUT", text);
    }
}
