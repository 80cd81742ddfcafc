using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>MM-CFG-007: where Mattermost checks passwords itself, they are at least 8 characters and failed sign-ins are limited.</summary>
public sealed class PasswordRulesPolicy : MattermostConfigPolicyBase
{
    /// <summary>Shortest password allowed: Mattermost's default and NIST SP 800-63B §5.1.1.1's minimum for memorised secrets.</summary>
    public const int MinLength = 8;

    /// <summary>Most failed sign-ins before the account is locked: Mattermost's default (config.go ServiceSettingsDefaultMaxLoginAttempts).</summary>
    public const int MaxAttempts = 10;

    public override string Id => "MM-CFG-007";
    public override string Name => "Password policy within bounds";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["MM.PASSWORDS"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html#password";

    public override string Guideline =>
        $"Where users sign in with an email address or username and a password Mattermost keeps, set PasswordSettings.MinimumLength to {MinLength} or " +
        $"more (mattermost:app.signIn.passwordPolicy.minimumLength; Mattermost allows 5 to 72) and ServiceSettings.MaximumLoginAttempts to {MaxAttempts} " +
        "or fewer (signIn.maximumLoginAttempts): Mattermost's defaults, and NIST SP 800-63B's minimum length. AD/LDAP and SSO passwords follow the " +
        "directory's or identity provider's rules.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        if (!app.EmailPasswordSignIn)
        {
            yield return NotApplicable(app, "no email or username sign-in: passwords are the directory's or identity provider's");
            yield break;
        }
        const string length = "PasswordSettings.MinimumLength", attempts = "ServiceSettings.MaximumLoginAttempts";
        var problems = new List<string>();
        if (app.Number(length) is not >= MinLength) problems.Add($"{app.Show(length)} is below {MinLength}");
        if (app.Number(attempts) is not (>= 1 and <= MaxAttempts)) problems.Add($"{app.Show(attempts)} allows more than {MaxAttempts} failed sign-ins");
        yield return Check(problems.Count == 0, app, $"{app.Show(length)}, {app.Show(attempts)}", string.Join("; ", problems));
    }
}
