using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Policies.Support;
using Infra.Core.Settings;

namespace Infra.Core.Policies.Model;

/// <summary>
/// Everything a policy may read: the graph, the optional sizing basis (only when the graph comes from a
/// plan), the stack's waivers and "today" (injected, so that waiver expiry is testable). Policies read
/// nothing else: no settings, no files, no clock.
/// </summary>
public sealed class PolicyContext
{
    private readonly Lazy<GraphFacts> _facts;

    public PolicyContext(ResourceGraph graph, SizingBasis? sizing, DateOnly today, IEnumerable<Waiver>? waivers = null, EnvironmentKind? environment = null)
    {
        Graph = graph;
        Sizing = sizing;
        Today = today;
        Waivers = [.. waivers ?? []];
        _facts = new Lazy<GraphFacts>(() => new GraphFacts(graph));
        if (environment is { } e)
        {
            Environment = e;
            EnvironmentSource = "the stack's settings";
        }
        else if (Facts.TaggedEnvironment() is { } tag && Enum.TryParse<EnvironmentKind>(tag, ignoreCase: true, out var tagged))
        {
            Environment = tagged;
            EnvironmentSource = "the resources' environment tag";
        }
        else if (Enum.TryParse<EnvironmentKind>(graph.Stack, ignoreCase: true, out var named))
        {
            Environment = named;
            EnvironmentSource = "the stack name";
        }
        else EnvironmentSource = "unknown: production rules apply";
    }

    /// <summary>A planned stack: graph, sizing basis, waivers and environment from its settings.</summary>
    public static PolicyContext For(StackPlan plan, DateOnly today) =>
        new(plan.Graph, SizingBasis.From(plan), today, plan.Settings.Waivers, plan.Settings.Environment)
        {
            RetentionRequirementDays = RetentionRequirement(plan.Settings),
        };

    /// <summary>The retention requirement a stack declares (<c>mattermost:app.compliance.retentionRequirementDays</c>).</summary>
    public static int? RetentionRequirement(StackSettings settings) => (int?)settings.App.Int("compliance.retentionRequirementDays");

    public ResourceGraph Graph { get; }

    public SizingBasis? Sizing { get; }

    public DateOnly Today { get; }

    public ImmutableArray<Waiver> Waivers { get; }

    /// <summary>Ids of the policies being evaluated, so that a waiver naming an unknown policy is caught.</summary>
    public IReadOnlySet<string> PolicyIds { get; init; } = PolicyPack.Ids;

    public GraphFacts Facts => _facts.Value;

    /// <summary>
    /// The organisation's records rule the stack declares: messages and files are kept at most this many days. Like the
    /// waivers it comes from the stack's settings, so a program checked on its own has none.
    /// </summary>
    public int? RetentionRequirementDays { get; init; }

    public EnvironmentKind? Environment { get; }

    public string EnvironmentSource { get; }

    /// <summary>Production rules apply to production and, being the stricter reading, to an unknown environment.</summary>
    public bool IsProduction => Environment is null or EnvironmentKind.Production;

    /// <summary>From the settings when planned; otherwise a graph with two or more app nodes is taken as highly available.</summary>
    public bool HighAvailability => Sizing?.HighAvailability ?? Facts.AppCompute.Sum(c => c.Nodes) >= 2;
}
