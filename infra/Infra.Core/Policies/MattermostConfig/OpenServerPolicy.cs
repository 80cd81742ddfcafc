using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>MM-CFG-003: nobody signs up without an invitation; in production the setting is locked.</summary>
public sealed class OpenServerPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-003";
    public override string Name => "Open server off";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["MM.OPEN-SERVER"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html#enable-open-server";

    public override string Guideline =>
        "Keep TeamSettings.EnableOpenServer false (mattermost:app.defaults.openServer, false by default in every environment): with it anyone who " +
        "reaches the site can create an account and join open teams. In production the program must set it, so that the System Console cannot turn it on.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        const string s = "TeamSettings.EnableOpenServer";
        var off = !app.Flag(s);
        var locked = app.IsSet(s) || !ctx.IsProduction;
        yield return Check(off && locked, app,
            $"accounts only by invitation or directory ({app.Show(s)})",
            off ? $"{app.Show(s)}: in production set it (mattermost:app.defaults.openServer: false) so the System Console cannot open the server"
                : $"anyone can sign up: {app.Show(s)}; set mattermost:app.defaults.openServer: false");
    }
}
