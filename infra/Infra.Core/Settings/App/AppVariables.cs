using System.Collections.Frozen;
using System.Globalization;
using Infra.Core.Catalog;

namespace Infra.Core.Settings.App;

/// <summary>
/// One Mattermost setting the stack's <c>mattermost:app</c> sets: the setting, its <c>MM_*</c> variable, its value as
/// Mattermost reads it from the environment (null for a secret, which the node or External Secrets fetches from Secrets
/// Manager), and the field it comes from (<c>mattermost:app.signIn.mfa</c>), marked when that is the environment's default.
/// </summary>
public sealed record AppVariable(string Setting, string EnvVar, string? Value, AppSecret? Secret, string From, bool IsDefault)
{
    /// <summary>The value as reports show it: the text, or the secret's reference.</summary>
    public string Shown => Secret is { } s ? $"[secret: {s.Reference}]" : Value ?? "";
}

/// <summary>
/// Turns <see cref="AppConfig"/> into Mattermost settings: fields that map to one setting as they are, the others as the
/// several settings they mean (MFA enforced is EnableMultifactorAuthentication and EnforceMultifactorAuthentication; a
/// directory turns AD/LDAP sign-in on; an OpenID Connect provider picks the section Mattermost keeps it in). Every setting
/// is one of the pinned server's (the tests hold them to <see cref="MattermostSettings"/>).
/// </summary>
public static class AppVariables
{
    /// <summary>Names Mattermost gives the SAML files it stores when they are uploaded (server/channels/app/saml.go).</summary>
    public const string SamlIdpCertificateName = "saml-idp.crt";
    public const string SamlPublicCertificateName = "saml-public.crt";
    public const string SamlPrivateKeyName = "saml-private.key";

    /// <summary>The settings section Mattermost keeps each OpenID Connect provider in (authentication-configuration-settings.rst).</summary>
    public static readonly FrozenDictionary<string, string> OpenIdSections = new Dictionary<string, string>
    {
        ["entra"] = "Office365Settings",
        ["google"] = "GoogleSettings",
        ["gitlab"] = "GitLabSettings",
        ["okta"] = "OpenIdSettings",
        ["other"] = "OpenIdSettings",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Settings derived from a field rather than mapped one to one, and the field.</summary>
    private static readonly FrozenDictionary<string, string> Derived = new Dictionary<string, string>
    {
        ["ServiceSettings.EnableMultifactorAuthentication"] = "signIn.mfa",
        ["ServiceSettings.EnforceMultifactorAuthentication"] = "signIn.mfa",
        ["LdapSettings.Enable"] = "directory",
        ["LdapSettings.LdapPort"] = "directory.port",
        ["LdapSettings.ConnectionSecurity"] = "directory.connectionSecurity",
        ["LdapSettings.EnableAdminFilter"] = "directory.adminFilter",
        ["SamlSettings.Enable"] = "sso.saml",
        ["SamlSettings.Verify"] = "sso.saml.verifySignature",
        ["SamlSettings.AssertionConsumerServiceURL"] = "sso.saml.verifySignature",
        ["SamlSettings.Encrypt"] = "sso.saml.encrypt",
        ["SamlSettings.IdpCertificateFile"] = "sso.saml.certificates.identityProvider",
        ["SamlSettings.PublicCertificateFile"] = "sso.saml.certificates.serviceProvider",
        ["SamlSettings.PrivateKeyFile"] = "sso.saml.certificates.serviceProviderKey",
        ["SamlSettings.EnableAdminAttribute"] = "sso.saml.attributes.admin",
        ["EmailSettings.SMTPPort"] = "email.smtpPort",
        ["EmailSettings.ConnectionSecurity"] = "email.connectionSecurity",
        ["EmailSettings.EnableSMTPAuth"] = "email.username",
        ["TeamSettings.EnableCustomBrand"] = "branding",
        ["DataRetentionSettings.EnableMessageDeletion"] = "compliance.dataRetention.messageDays",
        ["DataRetentionSettings.EnableFileDeletion"] = "compliance.dataRetention.fileDays",
        ["MessageExportSettings.EnableExport"] = "compliance.messageExport.format",
    }
    .Concat(OpenIdSections.Values.Distinct().SelectMany(section => new[] { "Enable", "Id", "Secret", "DiscoveryEndpoint" }
        .Select(name => KeyValuePair.Create($"{section}.{name}", "sso.openId"))))
    .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The field of <c>mattermost:app</c> that sets this setting, or null when none does.</summary>
    public static string? FieldFor(string setting) =>
        AppFields.All.FirstOrDefault(f => f.Setting == setting) is { } f ? f.Key
        : Derived.TryGetValue(setting, out var path) ? $"{AppFields.Key}.{path}"
        : null;

    /// <summary>Every setting <c>mattermost:app</c> can set, typed fields and derived ones.</summary>
    public static IEnumerable<string> Settings =>
        AppFields.All.Select(f => f.Setting).OfType<string>().Concat(Derived.Keys).Distinct().Order(StringComparer.Ordinal);

    /// <summary>
    /// Settings the tool sets from the stack itself (site URL, database, files, cluster, search, metrics, logs): the app's
    /// configuration cannot override them. Null when the tool leaves the setting alone.
    /// </summary>
    public static string? SetByTheTool(string setting)
    {
        var section = setting[..setting.IndexOf('.', StringComparison.Ordinal)];
        return section switch
        {
            "SqlSettings" => "the database, from the database component and its secret",
            "ClusterSettings" => "clustering, from mattermost:highAvailability",
            "ElasticsearchSettings" => "enterprise search, from mattermost:enterpriseSearch",
            "MetricsSettings" => "metrics on :8067",
            _ when setting is "ServiceSettings.SiteURL" => "from mattermost:domainName",
            _ when setting is "ServiceSettings.ListenAddress" => "Mattermost listens on :8065 behind the load balancer",
            _ when setting is "FileSettings.DriverName" || setting.StartsWith("FileSettings.AmazonS3", StringComparison.Ordinal) => "files in the stack's S3 bucket",
            _ when setting is "LogSettings.ConsoleJson" or "LogSettings.EnableFile" => "logs for CloudWatch and the pods' output",
            _ => null,
        };
    }

    /// <summary>The settings the stack's configuration sets, in setting order.</summary>
    public static IReadOnlyList<AppVariable> From(AppConfig app, string siteUrl)
    {
        var result = new List<AppVariable>();
        void Add(string setting, string? value, AppSecret? secret, string path)
        {
            var s = MattermostSettings.ByKey(setting) ?? throw new InvalidOperationException($"{setting} is not in the settings catalogue");
            var isDefault = app[path] is { Source: AppConfigReader.DefaultSource };
            result.Add(new AppVariable(setting, s.EnvVar, value, secret, $"{AppFields.Key}.{path}", isDefault));
        }
        static string Flag(bool b) => b ? "true" : "false";

        foreach (var field in AppFields.All.Where(f => f.Setting is not null && !f.Pending))
        {
            var value = app[field.Path];
            switch (value)
            {
                case null: continue;
                case AppSecret secret: Add(field.Setting!, null, secret, field.Path); break;
                default: Add(field.Setting!, Text(field, value), null, field.Path); break;
            }
        }

        if (app.Text("signIn.mfa") is { } mfa)
        {
            Add("ServiceSettings.EnableMultifactorAuthentication", Flag(mfa != "off"), null, "signIn.mfa");
            Add("ServiceSettings.EnforceMultifactorAuthentication", Flag(mfa == "enforced"), null, "signIn.mfa");
        }
        if (app.HasDirectory)
        {
            Add("LdapSettings.Enable", "true", null, "directory.server");
            Add("LdapSettings.LdapPort", Number(app.DirectoryPort), null, app.Int("directory.port") is null ? "directory.connectionSecurity" : "directory.port");
            if (app.Text("directory.connectionSecurity") is { } security)
                Add("LdapSettings.ConnectionSecurity", security == "none" ? "" : security, null, "directory.connectionSecurity");
            if (app.Text("directory.adminFilter") is not null) Add("LdapSettings.EnableAdminFilter", "true", null, "directory.adminFilter");
        }
        if (app.HasSaml)
        {
            var acs = $"{siteUrl}/login/sso/saml";
            Add("SamlSettings.Enable", "true", null, "sso.saml.ssoUrl");
            Add("SamlSettings.IdpCertificateFile", SamlIdpCertificateName, null, "sso.saml.certificates.identityProvider");
            if (app.Text("sso.saml.serviceProviderIdentifier") is null)
                Add("SamlSettings.ServiceProviderIdentifier", acs, null, "sso.saml.ssoUrl");
            var verify = app.Bool("sso.saml.verifySignature") ?? true;
            Add("SamlSettings.Verify", Flag(verify), null, "sso.saml.verifySignature");
            Add("SamlSettings.AssertionConsumerServiceURL", acs, null, "sso.saml.verifySignature");
            var encrypt = app.Bool("sso.saml.encrypt") ?? false;
            Add("SamlSettings.Encrypt", Flag(encrypt), null, "sso.saml.encrypt");
            if (encrypt)
            {
                Add("SamlSettings.PublicCertificateFile", SamlPublicCertificateName, null, "sso.saml.certificates.serviceProvider");
                Add("SamlSettings.PrivateKeyFile", SamlPrivateKeyName, null, "sso.saml.certificates.serviceProviderKey");
            }
            if (app.Text("sso.saml.attributes.admin") is not null) Add("SamlSettings.EnableAdminAttribute", "true", null, "sso.saml.attributes.admin");
        }
        if (app.HasOpenId && app.Text("sso.openId.provider") is { } provider)
        {
            var section = OpenIdSections[provider];
            Add($"{section}.Enable", "true", null, "sso.openId.provider");
            if (app.Text("sso.openId.clientId") is { } id) Add($"{section}.Id", id, null, "sso.openId.clientId");
            if (app.Secret("sso.openId.clientSecret") is { } secret) Add($"{section}.Secret", null, secret, "sso.openId.clientSecret");
            if (app.Text("sso.openId.discoveryUrl") is { } discovery) Add($"{section}.DiscoveryEndpoint", discovery, null, "sso.openId.discoveryUrl");
        }
        if (app.HasEmail)
        {
            Add("EmailSettings.SMTPPort", Number(app.SmtpPort), null, app.Int("email.smtpPort") is null ? "email.connectionSecurity" : "email.smtpPort");
            if (app.Text("email.connectionSecurity") is { } security)
                Add("EmailSettings.ConnectionSecurity", security == "none" ? "" : security, null, "email.connectionSecurity");
            Add("EmailSettings.EnableSMTPAuth", Flag(app.Text("email.username") is not null), null, "email.username");
        }
        if (app.Text("branding.customBrandText") is not null || app.File("branding.image") is not null)
            Add("TeamSettings.EnableCustomBrand", "true", null, app.Text("branding.customBrandText") is not null ? "branding.customBrandText" : "branding.image");
        if (app.Int("compliance.dataRetention.messageDays") is not null)
            Add("DataRetentionSettings.EnableMessageDeletion", "true", null, "compliance.dataRetention.messageDays");
        if (app.Int("compliance.dataRetention.fileDays") is not null)
            Add("DataRetentionSettings.EnableFileDeletion", "true", null, "compliance.dataRetention.fileDays");
        if (app.Text("compliance.messageExport.format") is not null)
            Add("MessageExportSettings.EnableExport", "true", null, "compliance.messageExport.format");

        foreach (var extra in app.Extra)
        {
            var s = MattermostSettings.ByKey(extra.Setting)!;
            result.Add(new AppVariable(extra.Setting, s.EnvVar, extra.Value, extra.Secret, $"{AppFields.Key}.{AppFields.SettingsPath}.{extra.Setting}", false));
        }
        return [.. result.OrderBy(v => v.Setting, StringComparer.Ordinal)];
    }

    /// <summary>A field's value as Mattermost reads it from the environment.</summary>
    private static string Text(AppField field, AppValue value) => value switch
    {
        AppBool b => b.Value ? "true" : "false",
        AppInt i => Number(i.Value),
        AppText t => t.Value,
        // Mattermost splits RestrictCreationToDomains on commas (TeamSettings, GuestAccountsSettings), list settings on spaces.
        AppList l => string.Join(field.Kind == AppFieldKind.Domains ? "," : " ", l.Items),
        _ => throw new InvalidOperationException($"{field.Path}: no environment form for {value.GetType().Name}"),
    };

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
