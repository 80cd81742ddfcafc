using Infra.Core.Catalog;
using Infra.Core.Settings;
using Infra.Core.Settings.App;
using static Infra.Core.Tests.MattermostConfig.AppStacks;

namespace Infra.Core.Tests.MattermostConfig;

/// <summary>
/// <c>mattermost:app</c> is read as strictly as the rest of the configuration: unknown fields and settings are refused with a
/// suggestion, values are held to Mattermost's own limits, secrets are references only, and each problem names its key.
/// </summary>
public class AppSettingsTests
{
    private static ConfigProblem One(IReadOnlyList<ConfigProblem> problems, string key)
    {
        var p = Assert.Single(problems);
        Assert.Equal("config." + key, p.Key);
        Assert.Equal("Pulumi.staging.yaml", p.File);
        return p;
    }

    [Fact]
    public void A_full_configuration_loads_and_becomes_real_settings()
    {
        var s = Load("staging", Full);
        var variables = AppVariables.From(s.App, s.SiteUrl);
        var byName = variables.ToDictionary(v => v.Setting);
        Assert.Equal("true", byName["LdapSettings.Enable"].Value);
        Assert.Equal("TLS", byName["LdapSettings.ConnectionSecurity"].Value);
        Assert.Equal("636", byName["LdapSettings.LdapPort"].Value);
        Assert.Equal("arn:aws:secretsmanager:us-east-1:111122223333:secret:mattermost/ldap-bind-AbCdEf", byName["LdapSettings.BindPassword"].Secret!.Arn);
        Assert.Null(byName["LdapSettings.BindPassword"].Value);
        Assert.True(byName["EmailSettings.SMTPPassword"].Secret!.IsPulumiSecret);
        Assert.Equal("email.password", byName["EmailSettings.SMTPPassword"].Secret!.Path);
        Assert.Equal("587", byName["EmailSettings.SMTPPort"].Value);
        Assert.Equal("example.com,example.org", byName["TeamSettings.RestrictCreationToDomains"].Value);
        Assert.Equal("true", byName["ServiceSettings.EnforceMultifactorAuthentication"].Value);
        Assert.Equal("https://chat.example.com/login/sso/saml", byName["SamlSettings.AssertionConsumerServiceURL"].Value);
        Assert.Equal("saml-idp.crt", byName["SamlSettings.IdpCertificateFile"].Value);
        Assert.Equal("true", byName["TeamSettings.EnableCustomBrand"].Value);
        Assert.Equal("true", byName["ServiceSettings.EnableLinkPreviews"].Value);
        // Every variable names a setting of the pinned server version, with a value Mattermost parses.
        foreach (var v in variables)
        {
            Assert.Null(MattermostSettings.NameProblem(v.EnvVar));
            if (v.Value is { } value) Assert.True(MattermostSettings.CheckValue(MattermostSettings.ByKey(v.Setting)!, value).Parses, $"{v.EnvVar}={value}");
        }
        Assert.Equal(variables.Count, variables.Select(v => v.Setting).Distinct().Count());
    }

    [Fact]
    public void Every_setting_the_configuration_can_set_is_a_setting_of_the_pinned_version()
    {
        foreach (var setting in AppVariables.Settings)
        {
            var s = MattermostSettings.ByKey(setting);
            Assert.True(s is not null, $"{setting} is not in the catalogue");
            Assert.Null(MattermostSettings.NameProblem(s!.EnvVar));
        }
    }

    [Fact]
    public void A_plain_text_bind_password_is_refused_naming_the_key()
    {
        var p = One(Problems("staging", FullWith("bindPassword:", "    bindPassword: hunter2")), "mattermost:app.directory.bindPassword");
        Assert.Contains("plain text", p.Message);
        Assert.Contains("--secret", p.Message);
        Assert.DoesNotContain("hunter2", p.Message);
    }

    [Fact]
    public void A_bind_password_may_be_a_pulumi_secret()
    {
        var s = Load("staging", FullWith("bindPassword:", "    bindPassword:", "      secure: AAABAbindCiphertext"));
        var secret = s.App.Secret("directory.bindPassword")!;
        Assert.True(secret.IsPulumiSecret);
        Assert.Equal("Pulumi secret mattermost:app.directory.bindPassword", secret.Reference);
    }

    [Fact]
    public void Brand_text_of_501_characters_is_refused_and_500_pass()
    {
        var p = One(Problems("staging", FullWith("customBrandText:", $"    customBrandText: {new string('a', 501)}")), "mattermost:app.branding.customBrandText");
        Assert.Contains("501 characters", p.Message);
        Assert.Contains("500", p.Message);
        Assert.Equal(500, Load("staging", FullWith("customBrandText:", $"    customBrandText: {new string('a', 500)}")).App.Text("branding.customBrandText")!.Length);
    }

    [Fact]
    public void The_site_name_is_held_to_30_bytes_as_mattermost_counts_them()
    {
        // 15 characters, 30 bytes: accepted. 16 characters, 31 bytes: Mattermost would refuse to start.
        Assert.Equal("ÄÖÜäöüßÄÖÜäöüßÄ", Load("staging", FullWith("siteName:", "    siteName: ÄÖÜäöüßÄÖÜäöüßÄ")).App.Text("branding.siteName"));
        var p = One(Problems("staging", FullWith("siteName:", "    siteName: ÄÖÜäöüßÄÖÜäöüßÄa")), "mattermost:app.branding.siteName");
        Assert.Contains("31 bytes", p.Message);
        Assert.Contains("SitenameMaxLength", p.Message);
    }

    [Fact]
    public void An_unknown_setting_name_is_refused_with_the_nearest_real_one()
    {
        var p = One(Problems("staging", [.. Full, "    ServiceSettings.EnableLinkPreview: true"]), "mattermost:app.settings.ServiceSettings.EnableLinkPreview");
        Assert.Contains("not a setting of Mattermost 11.7.0", p.Message);
        Assert.Contains("did you mean ServiceSettings.EnableLinkPreviews?", p.Message);
    }

    [Theory]
    [InlineData("LdapSettings.LdapServer: other.example.com", "is set by mattermost:app.directory.server")]
    [InlineData("ServiceSettings.EnforceMultifactorAuthentication: false", "is set by mattermost:app.signIn.mfa")]
    [InlineData("SqlSettings.MaxOpenConns: 500", "is set by this tool")]
    [InlineData("ServiceSettings.SiteURL: https://other.example.com", "is set by this tool")]
    [InlineData("ServiceSettings.EnableLinkPreviews: sometimes", "is not a boolean")]
    [InlineData("ServiceSettings.SplitKey: abc", "is a secret")]
    [InlineData("MessageExportSettings.GlobalRelaySettings: x", "names the group")]
    public void The_escape_hatch_takes_only_settings_it_may_set(string line, string message)
    {
        var key = "mattermost:app.settings." + line[..line.IndexOf(':')];
        var problems = Problems("staging", [.. Full.Where(l => !l.Contains("EnableLinkPreviews")), "    " + line]);
        Assert.Contains(problems, p => p.Key == "config." + key && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_sensitive_setting_of_the_escape_hatch_is_taken_as_a_secret_reference_only()
    {
        var s = Load("staging", [.. Full, "    ServiceSettings.SplitKey:", "      secure: AAABAsplit"]);
        var v = AppVariables.From(s.App, s.SiteUrl).Single(x => x.Setting == "ServiceSettings.SplitKey");
        Assert.Null(v.Value);
        Assert.Equal("settings.ServiceSettings.SplitKey", v.Secret!.Path);
        var p = One(Problems("staging", [.. Full, "    ServiceSettings.SplitKey: abc"]), "mattermost:app.settings.ServiceSettings.SplitKey");
        Assert.Contains("--path 'mattermost:app.settings[\"ServiceSettings.SplitKey\"]'", p.Message);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_the_nearest_field()
    {
        var p = One(Problems("staging", FullWith("mfa:", "    mfaa: enforced")), "mattermost:app.signIn.mfaa");
        Assert.Contains("did you mean mfa?", p.Message);
    }

    [Fact]
    public void A_directory_needs_what_mattermost_and_the_network_need()
    {
        var problems = Problems("staging", "mattermost:app:", "  directory:", "    server: ldap.corp.example.com");
        foreach (var field in new[] { "baseDn", "connectionSecurity", "networks", "attributes.id", "attributes.loginId", "attributes.username", "attributes.email" })
            Assert.Contains(problems, p => p.Key == $"config.mattermost:app.directory.{field}" && p.Message.Contains("is required"));
    }

    [Theory]
    [InlineData("connectionSecurity:", "    connectionSecurity: tls", "mattermost:app.directory.connectionSecurity", "did you mean 'TLS'")]
    [InlineData("networks:", "    networks: [0.0.0.0/0]", "mattermost:app.directory.networks[0]", "wider than /8")]
    [InlineData("userFilter:", "    userFilter: objectClass=user", "mattermost:app.directory.userFilter", "LDAP filter")]
    [InlineData("customBrandText:", "    customBrandText: \"two\\nlines\"", "mattermost:app.branding.customBrandText", "one line")]
    [InlineData("passwordPolicy:", "    passwordPolicy: {minimumLength: 4}", "mattermost:app.signIn.passwordPolicy.minimumLength", "from 5 to 72")]
    public void Values_are_held_to_mattermosts_limits(string match, string line, string key, string message)
    {
        var p = One(Problems("staging", FullWith(match, line)), key);
        Assert.Contains(message, p.Message);
    }

    [Fact]
    public void Staging_and_production_enforce_mfa_and_every_environment_locks_the_open_doors()
    {
        var staging = Load("staging");
        Assert.Equal("enforced", staging.App.Text("signIn.mfa"));
        var pilot = Load("pilot");
        Assert.Null(pilot.App.Text("signIn.mfa"));
        foreach (var s in new[] { staging, pilot })
        {
            var v = AppVariables.From(s.App, s.SiteUrl).ToDictionary(x => x.Setting);
            Assert.Equal("false", v["TeamSettings.EnableOpenServer"].Value);
            Assert.Equal("false", v["FileSettings.EnablePublicLink"].Value);
            Assert.Equal("false", v["GuestAccountsSettings.Enable"].Value);
            Assert.True(v["TeamSettings.EnableOpenServer"].IsDefault);
        }
    }

    [Fact]
    public void A_declared_file_must_exist_in_the_project()
    {
        var p = One(Problems("staging", FullWith("certificates:", "      certificates: {identityProvider: missing.crt}")), "mattermost:app.sso.saml.certificates.identityProvider");
        Assert.Contains("not a file", p.Message);
        Assert.Contains(Problems("staging", FullWith("certificates:", "      certificates: {identityProvider: ../idp.crt}")),
            q => q.Key == "config.mattermost:app.sso.saml.certificates.identityProvider" && q.Message.Contains("without '..'"));
    }

    [Fact]
    public void Pending_items_are_listed_for_the_api()
    {
        var s = Load("staging", Full);
        var pending = Assert.Single(s.App.Pending);
        Assert.Equal("sso.saml.certificates.identityProvider", pending.Field.Path);
        Assert.Equal("idp.crt", ((AppFile)pending.Value).RelativePath);
    }

    [Fact]
    public void An_openid_provider_goes_to_the_section_mattermost_keeps_it_in()
    {
        var s = Load("staging", "mattermost:app:", "  sso:", "    openId:", "      provider: entra",
            "      discoveryUrl: https://login.microsoftonline.com/0000/v2.0/.well-known/openid-configuration",
            "      clientId: 11111111-2222", "      directoryId: 0000",
            "      clientSecret: arn:aws:secretsmanager:us-east-1:111122223333:secret:oidc-AbCdEf");
        var v = AppVariables.From(s.App, s.SiteUrl).ToDictionary(x => x.Setting);
        Assert.Equal("true", v["Office365Settings.Enable"].Value);
        Assert.Equal("0000", v["Office365Settings.DirectoryId"].Value);
        Assert.NotNull(v["Office365Settings.Secret"].Secret);
        Assert.DoesNotContain(v.Keys, k => k.StartsWith("OpenIdSettings.", StringComparison.Ordinal));
    }
}
