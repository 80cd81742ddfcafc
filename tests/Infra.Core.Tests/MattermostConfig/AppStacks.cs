using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.MattermostConfig;

/// <summary>Stacks with a <c>mattermost:app</c> section, written into a throw-away project.</summary>
public static class AppStacks
{
    /// <summary>A directory, SAML, email and the rest, all valid: the base the failing cases change one thing of.</summary>
    public static readonly string[] Full =
    [
        "mattermost:app:",
        "  signIn:",
        "    emailSignUp: false",
        "    allowedEmailDomains: [example.com, example.org]",
        "    mfa: enforced",
        "    sessionHours: {web: 168, mobile: 720, sso: 168}",
        "    passwordPolicy: {minimumLength: 12, symbol: true}",
        "  directory:",
        "    server: ldap.corp.example.com",
        "    connectionSecurity: TLS",
        "    networks: [10.50.0.0/24]",
        "    baseDn: dc=corp,dc=example,dc=com",
        "    bindUsername: cn=mattermost,ou=services,dc=corp,dc=example,dc=com",
        "    bindPassword: arn:aws:secretsmanager:us-east-1:111122223333:secret:mattermost/ldap-bind-AbCdEf",
        "    userFilter: (&(objectClass=user)(memberOf=cn=chat,ou=groups,dc=corp,dc=example,dc=com))",
        "    attributes: {id: objectGUID, loginId: sAMAccountName, username: sAMAccountName, email: mail, firstName: givenName, lastName: sn}",
        "    sync: true",
        "  sso:",
        "    saml:",
        "      ssoUrl: https://idp.example.com/sso",
        "      issuer: https://idp.example.com/issuer",
        "      attributes: {email: mail, username: uid}",
        "      certificates: {identityProvider: idp.crt}",
        "  email:",
        "    smtpServer: smtp.example.com",
        "    connectionSecurity: STARTTLS",
        "    networks: [198.51.100.0/28]",
        "    username: mattermost",
        "    password:",
        "      secure: AAABAMattermostSmtpCiphertext",
        "  branding:",
        "    siteName: Acme Chat",
        "    customBrandText: Welcome to **Acme**",
        "  settings:",
        "    ServiceSettings.EnableLinkPreviews: true",
    ];

    /// <summary>The minimal stack plus these lines, loaded as the given stack of a project holding the files named.</summary>
    public static StackSettings Load(string stack, params string[] lines)
    {
        using var p = Project(stack, lines);
        return new StackSettingsLoader(p.Directory).Load(stack);
    }

    public static IReadOnlyList<ConfigProblem> Problems(string stack, params string[] lines)
    {
        using var p = Project(stack, lines);
        return Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack)).Problems;
    }

    public static TempProject Project(string stack, params string[] lines)
    {
        var p = new TempProject(TempProject.With(lines), stack);
        File.WriteAllText(Path.Combine(p.Directory, "idp.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        return p;
    }

    /// <summary><see cref="Full"/> with one line replaced (matched by its text up to the colon) or, when none matches, added.</summary>
    public static string[] FullWith(string match, params string[] replacement)
    {
        var i = Array.FindIndex(Full, l => l.TrimStart().StartsWith(match, StringComparison.Ordinal));
        if (i < 0) return [.. Full, .. replacement];
        return [.. Full[..i], .. replacement, .. Full[(i + 1)..]];
    }
}
