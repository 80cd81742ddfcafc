using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>
/// The policies on Mattermost's own configuration, for auditors: they read the settings the program hands Mattermost
/// (<see cref="MattermostConfiguration"/>: its MM_* variables, on either tier or in anyone's program) and Mattermost's
/// defaults for the rest, and name the setting in every finding. Controls are from Mattermost's security and compliance
/// documentation (<see cref="Controls.ControlCatalog.Mattermost"/>).
/// </summary>
public abstract class MattermostConfigPolicyBase : Policy
{
    public override string Category => "mattermost-config";

    public override string HelpUri => "https://docs.mattermost.com/security-guide/security-guide-index.html";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var apps = MattermostConfiguration.In(ctx.Graph);
        if (apps.Count == 0) return [Finding.NotApplicable("(stack)", "no Mattermost deployment sets ServiceSettings.SiteURL: no Mattermost configuration to judge")];
        return apps.SelectMany(app => Evaluate(ctx, app));
    }

    protected abstract IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app);

    protected static Finding Check(bool ok, MattermostConfiguration app, string pass, string fail) =>
        Finding.Check(ok, app.Node.Name, app.Node.Type, pass, fail);

    protected static Finding NotApplicable(MattermostConfiguration app, string why) => Finding.NotApplicable(app.Node.Name, why);

    /// <summary>"pilot (from the stack's settings)", for findings that depend on the environment.</summary>
    protected static string EnvironmentText(PolicyContext ctx) => $"{ctx.Environment?.ToString().ToLowerInvariant() ?? "unknown"}, from {ctx.EnvironmentSource}";
}
