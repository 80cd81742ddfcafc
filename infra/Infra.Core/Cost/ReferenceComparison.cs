using System.Collections.Immutable;
using Infra.Core.Sizing;

namespace Infra.Core.Cost;

/// <summary>One part of the hardware (app nodes, database, search), in this stack and in the reference tier.</summary>
public sealed record ReferencePart(string Part, string Stack, decimal? StackMonthly, string Reference, decimal? ReferenceMonthly)
{
    public decimal? Difference => StackMonthly is { } s && ReferenceMonthly is { } r ? s - r : null;
}

/// <summary>
/// This stack's compute against the hardware of Mattermost's reference architecture for the same load
/// (the smallest tier covering the design load, <see cref="SizingPlan.GoverningTier"/>), priced from the same
/// table. The reference architectures list hardware only (app, database, search nodes), so only those parts
/// are compared; everything else the stack runs has no counterpart there.
/// </summary>
public sealed record ReferenceComparison(ReferenceTier Tier, int DesignLoad, ImmutableArray<ReferencePart> Parts)
{
    public decimal StackMonthly => Parts.Where(p => p.Difference is not null).Sum(p => p.StackMonthly!.Value);

    public decimal ReferenceMonthly => Parts.Where(p => p.Difference is not null).Sum(p => p.ReferenceMonthly!.Value);

    /// <summary>Parts whose price is unknown on either side are left out of both totals.</summary>
    public int Unpriced => Parts.Count(p => p.Difference is null);

    public static ReferenceComparison For(SizingPlan sizing, string region)
    {
        var tier = sizing.GoverningTier;
        var parts = new List<ReferencePart>
        {
            // On the Kubernetes tier the stack buys the node groups' instances, not app nodes of the pods' size.
            sizing.Kubernetes is { } k
                ? Part("app nodes", k.TotalNodes, k.NodeInstanceType, tier.AppNodes, tier.AppInstanceType, "ec2", region, "EKS nodes for the Mattermost pods")
                : Part("app nodes", sizing.App.Nodes, sizing.App.InstanceType, tier.AppNodes, tier.AppInstanceType, "ec2", region),
            Part("database instances", sizing.Database.Instances, sizing.Database.InstanceClass, tier.DatabaseInstances, tier.DatabaseClass, "aurora-postgresql", region),
        };
        if (sizing.Search.Enabled || tier.SearchNodes > 0)
            parts.Add(Part("search nodes", sizing.Search.Enabled ? sizing.Search.Nodes : 0, sizing.Search.InstanceType, tier.SearchNodes, tier.SearchInstanceType, "opensearch", region));
        return new ReferenceComparison(tier, sizing.Load.DesignLoad, [.. parts]);
    }

    private static ReferencePart Part(string part, int count, string type, int refCount, string refType, string service, string region, string? what = null) =>
        new(part, count == 0 ? "none" : $"{count} x {type}" + (what is null ? "" : $" ({what})"), Monthly(count, type, service, region),
            refCount == 0 ? "none" : $"{refCount} x {refType}", Monthly(refCount, refType, service, region));

    private static decimal? Monthly(int count, string type, string service, string region)
    {
        if (count == 0) return 0m;
        return AwsPriceTable.Find($"{service}:{type}", region)?.Usd is { } usd
            ? CostEstimator.Money(count * AwsPriceTable.HoursPerMonth * usd)
            : null;
    }
}
