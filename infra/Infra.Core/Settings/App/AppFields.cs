using System.Text.RegularExpressions;

namespace Infra.Core.Settings.App;

/// <summary>
/// Every field of <c>mattermost:app</c>, Mattermost's own configuration as code, as data. Limits are Mattermost's
/// (server/public/model/config.go at 004a635e, the commit of the settings catalogue: the <c>isValid</c> functions, which
/// stop the server when a value breaks them, and the defaults of <c>SetDefaults</c>) or the documentation's
/// (mattermost/docs at 9dd1c713, source/administration-guide/configure/*.rst). Each field names the setting it becomes;
/// <see cref="AppVariables"/> turns the others (one field, several settings) into settings, and the tests hold every
/// setting to the catalogue of the pinned server version.
/// </summary>
public static partial class AppFields
{
    public const string Key = "mattermost:app";

    /// <summary>The escape hatch: any other setting by its <c>Section.Setting</c> name.</summary>
    public const string SettingsPath = "settings";

    private const string ConfigGo = "config.go @ 004a635e";
    private const string AuthDoc = "authentication-configuration-settings.rst";
    private const string SiteDoc = "site-configuration-settings.rst";

    private static AppField Flag(string path, string setting, string description) => new(path, AppFieldKind.Boolean, description, setting);

    private static AppField Attribute(string path, string setting, string description) =>
        new(path, AppFieldKind.Text, description, setting, TextCheck: IsAttribute, TextFormat: "an attribute name");

    public static readonly IReadOnlyList<AppField> All =
    [
        // ---- sign-in ------------------------------------------------------------------------------------------
        Flag("signIn.emailSignUp", "EmailSettings.EnableSignUpWithEmail", "Users may create accounts with an email address and password."),
        Flag("signIn.emailSignIn", "EmailSettings.EnableSignInWithEmail", "Users may sign in with their email address and password."),
        Flag("signIn.usernameSignIn", "EmailSettings.EnableSignInWithUsername", "Users may sign in with their username and password."),
        Flag("signIn.userCreation", "TeamSettings.EnableUserCreation", "New accounts may be created at all (off: only existing accounts and the directory's)."),
        new("signIn.allowedEmailDomains", AppFieldKind.Domains, "Accounts may be created only with addresses in these domains.", "TeamSettings.RestrictCreationToDomains"),
        new AppField("signIn.mfa", AppFieldKind.Choice,
            "Multi-factor authentication for accounts that sign in with a password (email or AD/LDAP): enforced, optional, or off. Needs a licence (MFA is a licensed feature).",
            Choices: ["enforced", "optional", "off"], Staging: "enforced", Production: "enforced",
            Source: $"{AuthDoc} (MFA); server/channels/web/context.go MfaRequired checks the licence's MFA feature"),
        new("signIn.maximumLoginAttempts", AppFieldKind.Integer, "Failed sign-ins before an account is locked.", "ServiceSettings.MaximumLoginAttempts",
            Min: 1, Max: 1000, Source: $"{ConfigGo} ServiceSettings.isValid: greater than 0"),
        Flag("signIn.forgotPasswordLink", "PasswordSettings.EnableForgotLink", "The sign-in page offers the forgot-password link."),
        new("signIn.sessionHours.web", AppFieldKind.Integer, "Hours a browser session lasts.", "ServiceSettings.SessionLengthWebInHours", Min: 1, Max: 87600),
        new("signIn.sessionHours.mobile", AppFieldKind.Integer, "Hours a mobile app session lasts.", "ServiceSettings.SessionLengthMobileInHours", Min: 1, Max: 87600),
        new("signIn.sessionHours.sso", AppFieldKind.Integer, "Hours a session started through SAML, OpenID Connect or GitLab lasts.", "ServiceSettings.SessionLengthSSOInHours", Min: 1, Max: 87600),
        new("signIn.sessionIdleTimeoutMinutes", AppFieldKind.Integer, "Minutes of inactivity after which a web session ends (0: never).", "ServiceSettings.SessionIdleTimeoutInMinutes", Min: 0, Max: 525600),
        new("signIn.passwordPolicy.minimumLength", AppFieldKind.Integer, "Shortest password allowed.", "PasswordSettings.MinimumLength",
            Min: 5, Max: 72, Source: $"{ConfigGo} PasswordMinimumLength = 5, PasswordMaximumLength = 72 (Config.IsValid)"),
        Flag("signIn.passwordPolicy.lowercase", "PasswordSettings.Lowercase", "Passwords need a lower-case letter."),
        Flag("signIn.passwordPolicy.uppercase", "PasswordSettings.Uppercase", "Passwords need an upper-case letter."),
        Flag("signIn.passwordPolicy.number", "PasswordSettings.Number", "Passwords need a digit."),
        Flag("signIn.passwordPolicy.symbol", "PasswordSettings.Symbol", "Passwords need a symbol."),

        // ---- directory (AD/LDAP) ------------------------------------------------------------------------------
        new("directory.server", AppFieldKind.Text, "The AD/LDAP server's host name or IP address (sign-in with AD/LDAP is on when the directory is set).",
            "LdapSettings.LdapServer", TextCheck: IsHost, TextFormat: "a host name or IPv4 address", Source: $"{ConfigGo} LdapSettings.isValid: required"),
        new("directory.port", AppFieldKind.Integer, "The server's port; defaults to 636 with TLS and 389 otherwise.", Min: 1, Max: 65535),
        new("directory.connectionSecurity", AppFieldKind.Choice, "TLS (LDAPS), STARTTLS, or none (refused by policy MM-CFG-001).",
            Choices: ["TLS", "STARTTLS", "none"], Source: $"{ConfigGo} LdapSettings.isValid: \"\", TLS or STARTTLS"),
        new("directory.networks", AppFieldKind.Cidrs, "The directory servers' networks: the only destinations the app may reach on the directory port."),
        new("directory.baseDn", AppFieldKind.Text, "Where the directory's users are searched.", "LdapSettings.BaseDN",
            TextCheck: IsDistinguishedName, TextFormat: "a distinguished name such as dc=corp,dc=example,dc=com", Source: $"{ConfigGo} LdapSettings.isValid: required"),
        new("directory.bindUsername", AppFieldKind.Text, "The account Mattermost searches the directory as.", "LdapSettings.BindUsername"),
        new("directory.bindPassword", AppFieldKind.Secret, "The bind account's password.", "LdapSettings.BindPassword"),
        new("directory.userFilter", AppFieldKind.Text, "Which directory entries are Mattermost users.", "LdapSettings.UserFilter", TextCheck: IsLdapFilter, TextFormat: "an LDAP filter such as (objectClass=user)", Source: $"{ConfigGo} LdapSettings.isValid compiles it"),
        new("directory.groupFilter", AppFieldKind.Text, "Which directory entries are groups (group sync).", "LdapSettings.GroupFilter", TextCheck: IsLdapFilter, TextFormat: "an LDAP filter"),
        new("directory.guestFilter", AppFieldKind.Text, "Which users sign in as guests.", "LdapSettings.GuestFilter", TextCheck: IsLdapFilter, TextFormat: "an LDAP filter"),
        new("directory.adminFilter", AppFieldKind.Text, "Which users are system admins (turns the admin filter on).", "LdapSettings.AdminFilter", TextCheck: IsLdapFilter, TextFormat: "an LDAP filter"),
        Attribute("directory.attributes.id", "LdapSettings.IdAttribute", "Unique, unchanging id of a user (objectGUID, entryUUID). Changing it later locks users out."),
        Attribute("directory.attributes.loginId", "LdapSettings.LoginIdAttribute", "What users type to sign in (sAMAccountName, uid)."),
        Attribute("directory.attributes.username", "LdapSettings.UsernameAttribute", "The Mattermost username."),
        Attribute("directory.attributes.email", "LdapSettings.EmailAttribute", "The email address."),
        Attribute("directory.attributes.firstName", "LdapSettings.FirstNameAttribute", "First name."),
        Attribute("directory.attributes.lastName", "LdapSettings.LastNameAttribute", "Last name."),
        Attribute("directory.attributes.nickname", "LdapSettings.NicknameAttribute", "Nickname."),
        Attribute("directory.attributes.position", "LdapSettings.PositionAttribute", "Position (job title)."),
        Attribute("directory.attributes.picture", "LdapSettings.PictureAttribute", "Profile picture."),
        Attribute("directory.attributes.groupDisplayName", "LdapSettings.GroupDisplayNameAttribute", "A group's display name (group sync)."),
        Attribute("directory.attributes.groupId", "LdapSettings.GroupIdAttribute", "A group's unique id (group sync)."),
        Flag("directory.sync", "LdapSettings.EnableSync", "Synchronise users (and, with group attributes, groups) from the directory."),
        new("directory.syncIntervalMinutes", AppFieldKind.Integer, "Minutes between synchronisations.", "LdapSettings.SyncIntervalMinutes",
            Min: 1, Max: 10080, Source: $"{ConfigGo} LdapSettings.isValid: greater than 0"),
        Flag("directory.skipCertificateVerification", "LdapSettings.SkipCertificateVerification", "Do not verify the server's certificate (refused by policy MM-CFG-001)."),
        new("directory.loginFieldName", AppFieldKind.Text, "Placeholder of the sign-in field, e.g. \"Corporate account\".", "LdapSettings.LoginFieldName"),
        new("directory.queryTimeoutSeconds", AppFieldKind.Integer, "Seconds a directory query may take.", "LdapSettings.QueryTimeout", Min: 1, Max: 3600),

        // ---- single sign-on: SAML 2.0 -------------------------------------------------------------------------
        new("sso.saml.metadataUrl", AppFieldKind.Text, "The identity provider's metadata URL.", "SamlSettings.IdpMetadataURL", TextCheck: IsHttpsUrl, TextFormat: "an https:// URL"),
        new("sso.saml.ssoUrl", AppFieldKind.Text, "The identity provider's sign-on URL (SAML sign-in is on when it is set).", "SamlSettings.IdpURL",
            TextCheck: IsHttpsUrl, TextFormat: "an https:// URL", Source: $"{ConfigGo} SamlSettings.isValid: a valid http(s) URL"),
        new("sso.saml.issuer", AppFieldKind.Text, "The identity provider's issuer (entity id).", "SamlSettings.IdpDescriptorURL", Source: $"{ConfigGo} SamlSettings.isValid: required"),
        new("sso.saml.serviceProviderIdentifier", AppFieldKind.Text, "Mattermost's entity id at the identity provider; defaults to the site URL + /login/sso/saml.", "SamlSettings.ServiceProviderIdentifier"),
        new("sso.saml.verifySignature", AppFieldKind.Boolean, "Verify the identity provider's signature (sets the assertion consumer URL to the site URL + /login/sso/saml)."),
        new("sso.saml.encrypt", AppFieldKind.Boolean, "Encrypt assertions (needs the service provider certificate and key, applied through the API)."),
        Flag("sso.saml.signRequest", "SamlSettings.SignRequest", "Sign the authentication requests."),
        new("sso.saml.signatureAlgorithm", AppFieldKind.Choice, "Signature algorithm.", "SamlSettings.SignatureAlgorithm",
            Choices: ["RSAwithSHA1", "RSAwithSHA256", "RSAwithSHA512"], Source: $"{ConfigGo} SamlSettings.isValid"),
        new("sso.saml.canonicalAlgorithm", AppFieldKind.Choice, "Canonicalisation algorithm.", "SamlSettings.CanonicalAlgorithm",
            Choices: ["Canonical1.0", "Canonical1.1"], Source: $"{ConfigGo} SamlSettings.isValid"),
        new("sso.saml.attributes.email", AppFieldKind.Text, "The assertion attribute holding the email address.", "SamlSettings.EmailAttribute", Source: $"{ConfigGo} SamlSettings.isValid: required"),
        new("sso.saml.attributes.username", AppFieldKind.Text, "The assertion attribute holding the username.", "SamlSettings.UsernameAttribute", Source: $"{ConfigGo} SamlSettings.isValid: required"),
        new("sso.saml.attributes.id", AppFieldKind.Text, "Unique, unchanging user id. Changing it later locks users out.", "SamlSettings.IdAttribute"),
        new("sso.saml.attributes.firstName", AppFieldKind.Text, "First name.", "SamlSettings.FirstNameAttribute"),
        new("sso.saml.attributes.lastName", AppFieldKind.Text, "Last name.", "SamlSettings.LastNameAttribute"),
        new("sso.saml.attributes.nickname", AppFieldKind.Text, "Nickname.", "SamlSettings.NicknameAttribute"),
        new("sso.saml.attributes.position", AppFieldKind.Text, "Position.", "SamlSettings.PositionAttribute"),
        new("sso.saml.attributes.locale", AppFieldKind.Text, "Preferred language.", "SamlSettings.LocaleAttribute"),
        new("sso.saml.attributes.guest", AppFieldKind.Text, "name=value marking guests.", "SamlSettings.GuestAttribute",
            TextCheck: IsAttributeEquation, TextFormat: "attribute=value", Source: $"{ConfigGo} SamlSettings.isValid: exactly one '='"),
        new("sso.saml.attributes.admin", AppFieldKind.Text, "name=value marking system admins (turns the admin attribute on).", "SamlSettings.AdminAttribute",
            TextCheck: IsAttributeEquation, TextFormat: "attribute=value", Source: $"{ConfigGo} SamlSettings.isValid: exactly one '='"),
        new("sso.saml.loginButtonText", AppFieldKind.Text, "Text of the SAML button on the sign-in page.", "SamlSettings.LoginButtonText"),
        Flag("sso.saml.syncWithDirectory", "SamlSettings.EnableSyncWithLdap", "Synchronise SAML users with the AD/LDAP directory (needs mattermost:app.directory)."),
        new("sso.saml.certificates.identityProvider", AppFieldKind.File, "The identity provider's public certificate (PEM).", Pending: true,
            Source: "server/channels/app/saml.go: uploaded as saml-idp.crt through POST /api/v4/saml/certificate/idp"),
        new("sso.saml.certificates.serviceProvider", AppFieldKind.File, "Mattermost's public certificate for encryption (PEM).", Pending: true,
            Source: "server/channels/app/saml.go: uploaded as saml-public.crt"),
        new("sso.saml.certificates.serviceProviderKey", AppFieldKind.Secret, "Mattermost's private key for encryption.", Pending: true,
            Source: "server/channels/app/saml.go: uploaded as saml-private.key"),

        // ---- single sign-on: OpenID Connect -------------------------------------------------------------------
        new("sso.openId.provider", AppFieldKind.Choice,
            "Who the OpenID Connect provider is: entra (Office365Settings), google (GoogleSettings), gitlab (GitLabSettings), okta or other (OpenIdSettings).",
            Choices: ["entra", "google", "gitlab", "okta", "other"], Source: $"{AuthDoc} (OpenID Connect)"),
        new("sso.openId.discoveryUrl", AppFieldKind.Text, "The provider's discovery endpoint (.well-known/openid-configuration).", TextCheck: IsHttpsUrl, TextFormat: "an https:// URL"),
        new("sso.openId.clientId", AppFieldKind.Text, "The client (application) id registered at the provider."),
        new("sso.openId.clientSecret", AppFieldKind.Secret, "The client secret."),
        new("sso.openId.directoryId", AppFieldKind.Text, "Entra ID only: the tenant (directory) id.", "Office365Settings.DirectoryId"),
        new("sso.openId.buttonText", AppFieldKind.Text, "Okta or other providers: text of the sign-in button.", "OpenIdSettings.ButtonText"),
        new("sso.openId.buttonColor", AppFieldKind.Text, "Okta or other providers: colour of the sign-in button.", "OpenIdSettings.ButtonColor",
            TextCheck: IsColour, TextFormat: "a colour such as #145DBF"),

        // ---- email --------------------------------------------------------------------------------------------
        new("email.smtpServer", AppFieldKind.Text, "The mail relay's host name or IP address.", "EmailSettings.SMTPServer", TextCheck: IsHost, TextFormat: "a host name or IPv4 address"),
        new("email.smtpPort", AppFieldKind.Integer, "The relay's port; defaults to 465 with TLS, 587 with STARTTLS and 25 otherwise.", Min: 1, Max: 65535),
        new("email.connectionSecurity", AppFieldKind.Choice, "TLS, STARTTLS or none.", Choices: ["TLS", "STARTTLS", "none"],
            Source: $"{ConfigGo} EmailSettings.isValid: \"\", PLAIN, TLS or STARTTLS"),
        new("email.networks", AppFieldKind.Cidrs, "The relay's networks: the only destinations the app may reach on the SMTP port."),
        new("email.username", AppFieldKind.Text, "The relay account (turns SMTP authentication on).", "EmailSettings.SMTPUsername"),
        new("email.password", AppFieldKind.Secret, "The relay account's password.", "EmailSettings.SMTPPassword"),
        new("email.senderName", AppFieldKind.Text, "Name notifications are sent from.", "EmailSettings.FeedbackName"),
        new("email.senderAddress", AppFieldKind.Text, "Address notifications are sent from.", "EmailSettings.FeedbackEmail", TextCheck: IsEmail, TextFormat: "an email address"),
        new("email.replyTo", AppFieldKind.Text, "Reply-to address of notifications.", "EmailSettings.ReplyToAddress", TextCheck: IsEmail, TextFormat: "an email address"),
        Flag("email.notifications", "EmailSettings.SendEmailNotifications", "Send email notifications."),
        Flag("email.requireVerification", "EmailSettings.RequireEmailVerification", "New email accounts must verify their address."),
        Flag("email.skipServerCertificateVerification", "EmailSettings.SkipServerCertificateVerification", "Do not verify the relay's certificate."),

        // ---- defaults: teams and channels ---------------------------------------------------------------------
        new AppField("defaults.openServer", AppFieldKind.Boolean, "Anyone may sign up without an invitation (policy MM-CFG-003 wants it off).", "TeamSettings.EnableOpenServer").WithDefault("false"),
        new("defaults.maxUsersPerTeam", AppFieldKind.Integer, "Most members a team may have.", "TeamSettings.MaxUsersPerTeam", Min: 1, Max: 5_000_000,
            Source: $"{ConfigGo} TeamSettings.isValid: greater than 0"),
        new("defaults.maxChannelsPerTeam", AppFieldKind.Integer, "Most channels a team may have.", "TeamSettings.MaxChannelsPerTeam", Min: 1, Max: 1_000_000,
            Source: $"{ConfigGo} TeamSettings.isValid: greater than 0"),
        new("defaults.teammateNameDisplay", AppFieldKind.Choice, "How teammates are named.", "TeamSettings.TeammateNameDisplay",
            Choices: ["username", "nickname_full_name", "full_name"], Source: $"{ConfigGo} TeamSettings.isValid"),
        Flag("defaults.lockTeammateNameDisplay", "TeamSettings.LockTeammateNameDisplay", "Users may not change how teammates are named."),
        new("defaults.restrictDirectMessage", AppFieldKind.Choice, "Who users may message directly: anyone, or members of their teams.", "TeamSettings.RestrictDirectMessage",
            Choices: ["any", "team"], Source: $"{ConfigGo} TeamSettings.isValid"),
        new AppField("defaults.publicLinks", AppFieldKind.Boolean, "Users may share files by public link (policy MM-CFG-004 wants it off in production).", "FileSettings.EnablePublicLink").WithDefault("false"),
        Flag("defaults.emailInvitations", "ServiceSettings.EnableEmailInvitations", "Users may invite others by email."),
        new("defaults.defaultChannels", AppFieldKind.Names, "Channels every new team member joins besides town-square.", "TeamSettings.ExperimentalDefaultChannels"),
        new AppField("defaults.guestAccounts.enabled", AppFieldKind.Boolean, "Guest accounts (policy MM-CFG-005 restricts them in production).", "GuestAccountsSettings.Enable").WithDefault("false"),
        new("defaults.guestAccounts.allowedDomains", AppFieldKind.Domains, "Guests may only be invited from these domains.", "GuestAccountsSettings.RestrictCreationToDomains"),
        Flag("defaults.guestAccounts.enforceMfa", "GuestAccountsSettings.EnforceMultifactorAuthentication", "Guests must use multi-factor authentication."),
        new("defaults.teams", AppFieldKind.File, "Teams and their channels (a file of the project), created through the API.", Pending: true),

        // ---- branding -----------------------------------------------------------------------------------------
        new("branding.siteName", AppFieldKind.Text, "Name of the site on the sign-in page and in the app.", "TeamSettings.SiteName",
            MaxBytes: 30, Source: $"{ConfigGo} SitenameMaxLength = 30, compared with Go's len(), which counts UTF-8 bytes; a longer name makes the configuration invalid and Mattermost refuses to start"),
        new("branding.customBrandText", AppFieldKind.Text, "Text under the brand image on the sign-in page (Markdown on one line; turns custom branding on).", "TeamSettings.CustomBrandText",
            MaxChars: 500, Source: $"{SiteDoc} (custom brand text: maximum 500 characters)"),
        new("branding.description", AppFieldKind.Text, "Text above the sign-in form.", "TeamSettings.CustomDescriptionText"),
        new("branding.image", AppFieldKind.File, "Brand image on the sign-in page (a file of the project, under 2 MB; turns custom branding on).", Pending: true,
            Source: $"{SiteDoc} (custom brand image: no config.json setting, uploaded, smaller than 2 MB)"),

        // ---- privacy and compliance ---------------------------------------------------------------------------
        new("compliance.retentionRequirementDays", AppFieldKind.Integer,
            "The organisation's records rule: messages and files are kept at most this many days (policy MM-CFG-008 checks data retention against it).", Min: 1, Max: 36500),
        new("compliance.dataRetention.messageDays", AppFieldKind.Integer, "Delete messages older than this many days.", "DataRetentionSettings.MessageRetentionDays", Min: 1, Max: 36500),
        new("compliance.dataRetention.fileDays", AppFieldKind.Integer, "Delete files older than this many days.", "DataRetentionSettings.FileRetentionDays", Min: 1, Max: 36500),
        new("compliance.dataRetention.deletionJobStartTime", AppFieldKind.Text, "Time of day (UTC) the deletion job starts.", "DataRetentionSettings.DeletionJobStartTime",
            TextCheck: IsTimeOfDay, TextFormat: "HH:MM, 24-hour"),
        new("compliance.messageExport.format", AppFieldKind.Choice, "Daily compliance export of messages (turns the export on): csv or actiance.", "MessageExportSettings.ExportFormat",
            Choices: ["csv", "actiance"], Source: $"{ConfigGo} ComplianceExportTypeCsv, ComplianceExportTypeActiance (Global Relay needs settings of its own: use mattermost:app.settings)"),
        new("compliance.messageExport.dailyRunTime", AppFieldKind.Text, "Time of day (UTC) the export runs.", "MessageExportSettings.DailyRunTime",
            TextCheck: IsTimeOfDay, TextFormat: "HH:MM, 24-hour"),
        Flag("compliance.auditLog.enabled", "ExperimentalAuditSettings.FileEnabled", "Write Mattermost's audit log to a file."),
        new("compliance.auditLog.fileName", AppFieldKind.Text, "The audit log file.", "ExperimentalAuditSettings.FileName"),

        // ---- roles and permissions ----------------------------------------------------------------------------
        new("roles", AppFieldKind.File, "Roles and permissions (a file of the project: who may create teams and channels, permission schemes), applied through the API.", Pending: true),
    ];

    public static AppField? Find(string path) => All.FirstOrDefault(f => f.Path == path);

    /// <summary>
    /// Whether a configuration key (<c>mattermost:app.signIn.passwordPolicy</c>) is a field or section of this schema that
    /// holds no secret, although its name sounds like one: the secret scan then looks at its values only.
    /// </summary>
    public static bool IsKnownNonSecret(string key)
    {
        if (!key.StartsWith(Key + ".", StringComparison.Ordinal)) return false;
        var path = key[(Key.Length + 1)..];
        return All.Any(f => f.Kind != AppFieldKind.Secret && (f.Path == path || f.Path.StartsWith(path + ".", StringComparison.Ordinal)));
    }

    /// <summary>The sections of <c>mattermost:app</c> and the fields directly below a path (<c>""</c> for the top).</summary>
    public static IReadOnlyList<string> Children(string prefix)
    {
        var start = prefix.Length == 0 ? "" : prefix + ".";
        var names = All.Where(f => f.Path.StartsWith(start, StringComparison.Ordinal))
            .Select(f => f.Path[start.Length..].Split('.')[0]);
        if (prefix.Length == 0) names = names.Append(SettingsPath);
        return [.. names.Distinct().Order(StringComparer.Ordinal)];
    }

    private static bool IsHost(string v) => (v.Length <= 253 && HostName().IsMatch(v)) || (System.Net.IPAddress.TryParse(v, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && v.Count(c => c == '.') == 3);

    private static bool IsHttpsUrl(string v) => Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps && u.Host.Length > 0;

    private static bool IsDistinguishedName(string v) => v.Contains('=') && !v.StartsWith(',') && !v.EndsWith(',');

    private static bool IsAttribute(string v) => AttributeName().IsMatch(v);

    private static bool IsAttributeEquation(string v) => v.Split('=').Length == 2 && v.Split('=').All(p => p.Length > 0);

    private static bool IsColour(string v) => Colour().IsMatch(v);

    private static bool IsEmail(string v) => Email().IsMatch(v);

    private static bool IsTimeOfDay(string v) => TimeOfDay().IsMatch(v);

    /// <summary>
    /// An LDAP search filter (RFC 4515) as far as its shape goes: one parenthesised expression with balanced
    /// parentheses. Mattermost compiles it with ldap.CompileFilter and refuses the configuration otherwise.
    /// </summary>
    public static bool IsLdapFilter(string v)
    {
        if (v.Length < 3 || v[0] != '(' || v[^1] != ')') return false;
        var depth = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '\\') { i++; continue; }
            if (v[i] == '(') depth++;
            else if (v[i] == ')' && --depth < 0) return false;
            if (depth == 0 && i < v.Length - 1) return false; // two filters side by side need an &, | or ! around them
        }
        return depth == 0;
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostName();

    // RFC 4512 section 1.4: descr = keystring (a letter, then letters, digits, hyphens) or a numeric OID.
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)+)$")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    private static partial Regex Colour();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimeOfDay();
}
