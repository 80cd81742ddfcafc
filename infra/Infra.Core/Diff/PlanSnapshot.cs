using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>
/// A previous plan read back from its JSON (stacks/&lt;stack&gt;/plan.json): the graph that was planned, and
/// the facts the cost estimate needs (region, and the file-storage forecast when the plan had sizing).
/// </summary>
public sealed record PlanSnapshot(string? Stack, string? Region, decimal? FileStorageGb, ResourceGraph Graph);

/// <summary>A plan file that cannot be read: the message names where in the file.</summary>
public sealed class PlanFormatException(string message) : Exception(message);
