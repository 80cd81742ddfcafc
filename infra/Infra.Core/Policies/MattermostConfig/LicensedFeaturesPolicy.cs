using System.Collections.Immutable;
using Infra.Core.Policies.Governance;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Settings.App;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>
/// MM-CFG-009 (advisory): Mattermost features the configuration turns on that only work with a licence (AD/LDAP, SAML,
/// OpenID Connect, MFA, guest accounts, data retention, compliance export) come with one.
/// </summary>
public sealed class LicensedFeaturesPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-009";
    public override string Name => "Licensed Mattermost features have a licence";
    public override Severity Severity => Severity.High;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => [];
    public override string HelpUri => "https://mattermost.com/pricing/";

    public override string Guideline =>
        "AD/LDAP, SAML, OpenID Connect (except GitLab), MFA and guest accounts need a Mattermost licence (the authentication settings are " +
        "available on commercial plans, authentication-configuration-settings.rst; MFA is enforced only with a licence's MFA feature, " +
        "server/channels/web/context.go); data retention and compliance export need Enterprise (compliance-configuration-settings.rst). " +
        "Without it Mattermost ignores them: the directory's users cannot sign in, retention deletes nothing. Set the licence with " +
        "`pulumi config set --secret mattermost:licenseKey <licence>`. Advisory for the reason of MM-GOV-002: committed stack files cannot hold a " +
        "real licence; `plan` warns and the Pulumi program refuses to deploy without it.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        var features = AppLicensing.Features.Where(f => app.Flag(f.Setting)).Select(f => $"{f.Feature} ({f.Setting})").Distinct().ToList();
        if (features.Count == 0) { yield return NotApplicable(app, "no licensed feature is on"); yield break; }
        var licence = LicencePolicy.LicenceSource(ctx.Graph);
        yield return Check(licence is not null, app, $"{string.Join(", ", features)}: licensed ({licence})",
            $"{string.Join(", ", features)} need a Mattermost licence, and the program gives Mattermost none");
    }
}
