using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>MM-CFG-004: in production files are not shared through public links, and the setting is locked.</summary>
public sealed class PublicLinksPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-004";
    public override string Name => "Public links off in production";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["MM.PUBLIC-LINKS"];
    public override string HelpUri => "https://docs.mattermost.com/security-guide/security-guide-index.html#public-link-management";

    public override string Guideline =>
        "In production set FileSettings.EnablePublicLink to false (mattermost:app.defaults.publicLinks, false by default): a public link hands a file " +
        "to anyone who has the URL, without signing in. Other environments are not held to it.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        const string s = "FileSettings.EnablePublicLink";
        if (!ctx.IsProduction) { yield return NotApplicable(app, $"not production ({EnvironmentText(ctx)}); here: {app.Show(s)}"); yield break; }
        yield return Check(!app.Flag(s) && app.IsSet(s), app, $"no public links ({app.Show(s)})",
            $"{app.Show(s)}: set mattermost:app.defaults.publicLinks: false");
    }
}
