using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>
/// MM-CFG-001: Mattermost reaches the AD/LDAP directory and the mail relay encrypted, verifying their certificates: the
/// bind password, every user's directory password at sign-in and the SMTP password travel on these connections.
/// </summary>
public sealed class TransportEncryptionPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-001";
    public override string Name => "Directory and mail relay traffic encrypted";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["MM.LDAP-TLS", "MM.SMTP-TLS"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html#connection-security";

    public override string Guideline =>
        "With AD/LDAP sign-in on (LdapSettings.Enable), set LdapSettings.ConnectionSecurity to TLS (LDAPS, port 636) or STARTTLS (389) and leave " +
        "LdapSettings.SkipCertificateVerification false: mattermost:app.directory.connectionSecurity. Mattermost's default is no encryption, which its " +
        "documentation accepts only when the connection is secured outside Mattermost. With a mail relay (EmailSettings.SMTPServer), set " +
        "EmailSettings.ConnectionSecurity to TLS or STARTTLS and leave SkipServerCertificateVerification false: mattermost:app.email.connectionSecurity.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        var any = false;
        if (app.Flag("LdapSettings.Enable"))
        {
            any = true;
            var security = app.Value("LdapSettings.ConnectionSecurity") ?? "";
            var verify = !app.Flag("LdapSettings.SkipCertificateVerification");
            var ok = security is "TLS" or "STARTTLS" && verify;
            yield return Finding.Check(ok, app.Node.Name, app.Node.Type,
                $"AD/LDAP over {security}, certificate verified ({app.Show("LdapSettings.ConnectionSecurity")})",
                !verify ? $"AD/LDAP skips the certificate check ({app.Show("LdapSettings.SkipCertificateVerification")})"
                    : $"AD/LDAP without TLS: {app.Show("LdapSettings.ConnectionSecurity")}; set TLS or STARTTLS", "MM.LDAP-TLS");
        }
        if (app.IsSet("EmailSettings.SMTPServer"))
        {
            any = true;
            var security = app.Value("EmailSettings.ConnectionSecurity") ?? "";
            var verify = !app.Flag("EmailSettings.SkipServerCertificateVerification");
            yield return Finding.Check(security is "TLS" or "STARTTLS" && verify, app.Node.Name, app.Node.Type,
                $"SMTP to {app.Value("EmailSettings.SMTPServer")} over {security}, certificate verified",
                !verify ? $"SMTP skips the relay's certificate check ({app.Show("EmailSettings.SkipServerCertificateVerification")})"
                    : $"SMTP to {app.Value("EmailSettings.SMTPServer")} without TLS: {app.Show("EmailSettings.ConnectionSecurity")}; set TLS or STARTTLS", "MM.SMTP-TLS");
        }
        if (!any) yield return NotApplicable(app, "no AD/LDAP sign-in (LdapSettings.Enable is not true) and no mail relay (EmailSettings.SMTPServer not set)");
    }
}
