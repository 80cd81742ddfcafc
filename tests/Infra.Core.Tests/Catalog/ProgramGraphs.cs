using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>
/// Every graph the program can send, for checks that must hold for all of them: the three stacks and every example stack
/// as configured, each stack on the other app tier too, and each stack with an Enterprise licence (which adds the licence
/// paths of both tiers).
/// </summary>
internal static class ProgramGraphs
{
    private static readonly Lazy<IReadOnlyDictionary<string, ResourceGraph>> Graphs = new(Build);

    public static IEnumerable<object[]> Names => Graphs.Value.Keys.Order(StringComparer.Ordinal).Select(k => new object[] { k });

    public static ResourceGraph Get(string name) => Graphs.Value[name];

    public static IEnumerable<ResourceGraph> All => Graphs.Value.Values;

    private static IReadOnlyDictionary<string, ResourceGraph> Build()
    {
        var graphs = new Dictionary<string, ResourceGraph>(StringComparer.Ordinal);
        foreach (var stack in new[] { "pilot", "staging", "production" })
        {
            var settings = Repo.Settings(stack);
            graphs[stack] = Repo.Plan(stack).Graph;
            var other = settings.AppTier == AppTierKind.Vm ? AppTierKind.Kubernetes : AppTierKind.Vm;
            graphs[$"{stack} on the {other.ToString().ToLowerInvariant()} tier"] = StackPlan.From(settings with { AppTier = other }).Graph;
            graphs[$"{stack} with a licence"] = StackPlan.From(settings with { LicenseKey = new SecretSetting("mattermost:licenseKey") }).Graph;
            graphs[$"{stack} on the {other.ToString().ToLowerInvariant()} tier with a licence"] =
                StackPlan.From(settings with { AppTier = other, LicenseKey = new SecretSetting("mattermost:licenseKey") }).Graph;
        }
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, "examples")).Order(StringComparer.Ordinal))
        {
            var planner = new Planner(dir, Repo.Today);
            foreach (var stack in planner.Loader.AvailableStacks())
                graphs[$"examples/{Path.GetFileName(dir)} {stack}"] = planner.Plan(stack).Graph;
        }
        return graphs;
    }
}
