using System.Collections.Immutable;
using Infra.Core.Settings;
using Infra.Core.Settings.App;
using Infra.Core.Sizing;

namespace Infra.Core.Planning;

/// <summary>
/// Whether a stack plans Mattermost features that only run with a Mattermost Enterprise licence, and whether the
/// stack has one. Without the licence the app nodes of a high-availability cluster do not form a cluster, and
/// enterprise search (OpenSearch) is not used: both are Enterprise features (Mattermost docs
/// high-availability-cluster-based-deployment.rst and enterprise-search.rst; every reference tier that needs HA
/// carries the "Enterprise+" plan badge, shared/reference/mattermost-sizing.md Table 1).
/// </summary>
/// <param name="Features">What the stack plans that needs the licence; empty when nothing does.</param>
/// <param name="Licensed">The stack has the licence as a Pulumi secret (<see cref="ConfigKey"/>).</param>
public sealed record LicenceRequirement(ImmutableArray<string> Features, bool Licensed)
{
    public const string ConfigKey = "mattermost:licenseKey";

    public const string SetCommand = "pulumi config set --secret " + ConfigKey + " <licence>";

    /// <summary>True when something planned needs the licence and the stack has none.</summary>
    public bool Missing => Features.Length > 0 && !Licensed;

    public static LicenceRequirement For(StackSettings settings, SizingPlan sizing)
    {
        var features = ImmutableArray.CreateBuilder<string>();
        if (settings.HighAvailability || sizing.App.Nodes > 1)
            features.Add($"a high-availability Mattermost cluster ({sizing.App.Nodes} app nodes)");
        if (sizing.Search.Enabled)
            features.Add($"enterprise search ({sizing.Search.Nodes} OpenSearch nodes)");
        var app = AppLicensing.On(AppVariables.From(settings.App, settings.SiteUrl));
        if (app.Count > 0) features.Add(string.Join(", ", app) + " (mattermost:app)");
        return new LicenceRequirement(features.ToImmutable(), settings.LicenseKey is not null);
    }

    public static LicenceRequirement For(StackPlan plan) => For(plan.Settings, plan.Blueprint.Sizing);

    /// <summary>One sentence naming what needs the licence, the key and the command that sets it.</summary>
    public string Problem(string stack) =>
        $"stack '{stack}' plans {string.Join(" and ", Features)}, which need a Mattermost Enterprise licence, but {ConfigKey} is not set: " +
        $"without it the app nodes do not form a cluster, and enterprise search and the licensed settings are not used. Set it with `{SetCommand}` " +
        "(or turn them off: mattermost:highAvailability, mattermost:enterpriseSearch, mattermost:app).";
}
