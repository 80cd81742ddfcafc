using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>
/// MM-CFG-002: in production, where users sign in with a password Mattermost checks (email, username or AD/LDAP),
/// multi-factor authentication is on and enforced, and the program sets it so that the System Console cannot turn it off.
/// </summary>
public sealed class MultiFactorPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-002";
    public override string Name => "MFA enforced where sign-in is by password";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["MM.MFA"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html#enforce-multi-factor-authentication";

    public override string Guideline =>
        "In production, when email or username sign-in (EmailSettings.EnableSignInWithEmail, EnableSignInWithUsername; both on by default) or " +
        "AD/LDAP sign-in is on, set ServiceSettings.EnableMultifactorAuthentication and EnforceMultifactorAuthentication to true " +
        "(mattermost:app.signIn.mfa: enforced, the default of staging and production). Mattermost applies MFA to email and AD/LDAP accounts only; " +
        "with SAML or OpenID Connect the identity provider enforces it. MFA is a licensed feature (MM-CFG-009). Other environments are not held to it.";

    private static readonly string[] Settings = ["ServiceSettings.EnableMultifactorAuthentication", "ServiceSettings.EnforceMultifactorAuthentication"];

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        if (!app.PasswordSignIn)
        {
            yield return NotApplicable(app, "no password sign-in (email, username and AD/LDAP sign-in are off): the identity provider enforces MFA");
            yield break;
        }
        if (!ctx.IsProduction)
        {
            yield return NotApplicable(app, $"not production ({EnvironmentText(ctx)}); here: {string.Join(", ", Settings.Select(app.Show))}");
            yield break;
        }
        var ok = Settings.All(s => app.Flag(s) && app.IsSet(s));
        yield return Check(ok, app,
            $"password sign-in with MFA enforced and locked ({string.Join(", ", Settings.Select(app.Show))})",
            $"password sign-in without enforced, locked MFA: {string.Join(", ", Settings.Select(app.Show))}; set mattermost:app.signIn.mfa: enforced");
    }
}
