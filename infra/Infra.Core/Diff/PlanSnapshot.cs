using System.Collections.Immutable;
using Infra.Core.Cost;
using Infra.Core.Graph;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Diff;

/// <summary>
/// A previous plan read back from its JSON (stacks/&lt;stack&gt;/plan.json): the graph that was planned, the
/// facts the cost estimate needs (region, and the file store's growth when the plan had sizing), and, from
/// plans that carry them, the project, the resolved settings and the sizing decisions.
/// </summary>
public sealed record PlanSnapshot(string? Stack, string? Region, StorageGrowth? Storage, ResourceGraph Graph)
{
    public string? Project { get; init; }

    /// <summary>The base's settings by key; null for plans written before plan.json carried them.</summary>
    public ImmutableSortedDictionary<string, BaseSetting>? Settings { get; init; }

    public ImmutableArray<SizingDecision> Decisions { get; init; } = [];
}

/// <summary>
/// One setting of a base plan: its value as compact JSON (to compare and show), where it came from, and the value
/// as configuration (to plan the stack again with it).
/// </summary>
public sealed record BaseSetting(string Key, string Text, string Source, RawValue? Raw);

/// <summary>A plan file that cannot be read: the message names where in the file.</summary>
public sealed class PlanFormatException(string message) : Exception(message);
