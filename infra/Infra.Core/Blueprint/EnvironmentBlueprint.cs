using System.Collections.Immutable;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Blueprint;

/// <summary>
/// Everything decided about one environment before resources are declared: settings, sizing, the
/// subnet plan, the tags and the protection of stateful resources.
/// </summary>
public sealed record EnvironmentBlueprint(
    StackSettings Settings,
    SizingPlan Sizing,
    IReadOnlyList<SubnetSpec> Subnets,
    ImmutableSortedDictionary<string, string> Tags)
{
    public const string ManagedBy = "pulumi/mattermost-infra";

    public static EnvironmentBlueprint From(StackSettings settings)
    {
        var sizing = SizingEngine.Size(settings);
        var tags = settings.Tags
            .SetItem("environment", settings.Tags.GetValueOrDefault("environment") ?? settings.Environment.ToString().ToLowerInvariant())
            .SetItem("pulumi-stack", settings.Stack)
            .SetItem("managed-by", ManagedBy);
        return new EnvironmentBlueprint(settings, sizing, SubnetPlanner.Plan(settings.VpcCidr, settings.AvailabilityZones), tags);
    }

    public string Prefix => $"mattermost-{Settings.Stack}";

    public IEnumerable<SubnetSpec> SubnetsOf(SubnetTier tier) => Subnets.Where(s => s.Tier == tier);

    /// <summary>Stateful resources are protected in production: deleting them loses data.</summary>
    public bool ProtectStateful => Settings.IsProduction;
}
