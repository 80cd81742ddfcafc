using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>MM-CFG-005: in production guest accounts are off, or limited to named domains and held to MFA.</summary>
public sealed class GuestAccountsPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-005";
    public override string Name => "Guest accounts restricted in production";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["MM.GUESTS"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html#guest-access";

    public override string Guideline =>
        "In production leave guest accounts off (GuestAccountsSettings.Enable false, mattermost:app.defaults.guestAccounts.enabled), or when guests " +
        "are needed, list the domains they may come from (GuestAccountsSettings.RestrictCreationToDomains, guestAccounts.allowedDomains) and enforce " +
        "MFA for them (GuestAccountsSettings.EnforceMultifactorAuthentication, guestAccounts.enforceMfa). Other environments are not held to it.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        const string enable = "GuestAccountsSettings.Enable", domains = "GuestAccountsSettings.RestrictCreationToDomains", mfa = "GuestAccountsSettings.EnforceMultifactorAuthentication";
        if (!ctx.IsProduction) { yield return NotApplicable(app, $"not production ({EnvironmentText(ctx)}); here: {app.Show(enable)}"); yield break; }
        if (!app.Flag(enable))
        {
            yield return Check(app.IsSet(enable), app, $"no guest accounts ({app.Show(enable)})",
                $"{app.Show(enable)}: set mattermost:app.defaults.guestAccounts.enabled: false so the System Console cannot turn guests on");
            yield break;
        }
        var restricted = (app.Value(domains) ?? "").Length > 0 && app.Flag(mfa);
        yield return Check(restricted, app, $"guests only from {app.Value(domains)}, with MFA ({app.Show(mfa)})",
            $"guest accounts open: {app.Show(enable)}, {app.Show(domains)}, {app.Show(mfa)}; list allowedDomains and set enforceMfa: true, or turn guests off");
    }
}
