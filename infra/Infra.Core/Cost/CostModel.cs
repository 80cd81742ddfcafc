using System.Collections.Immutable;

namespace Infra.Core.Cost;

/// <summary>How a cost line is known.</summary>
public enum CostStatus
{
    /// <summary>Quantity and price are known: the monthly amount counts in the total.</summary>
    Priced,

    /// <summary>The quantity is known but the price is not (unconfirmed, or not collected for the region): not in the total, and the total says so.</summary>
    UnknownPrice,

    /// <summary>Billed per use (GB processed, requests, logs ingested): the usage is not projected, so not in the total.</summary>
    UsageBased,
}

/// <summary>
/// One billed item of one resource: e.g. 5 x c7i.large x 730 h. Most items cost the same every month; an item that grows
/// (file storage) also carries its quantity and amount in the horizon month.
/// </summary>
public sealed record CostLine(
    string Component,
    string Resource,
    string Item,
    decimal Quantity,
    string Unit,
    decimal? UnitPrice,
    decimal? Monthly,
    CostStatus Status,
    string Source)
{
    /// <summary>The quantity in the horizon month, for an item that grows; null when it is the same every month.</summary>
    public decimal? HorizonQuantity { get; init; }

    /// <summary>The amount in the horizon month, for a priced item that grows; null when it is the same every month.</summary>
    public decimal? HorizonMonthly { get; init; }

    /// <summary>The amount this line adds to the horizon month's total.</summary>
    public decimal? MonthlyAtHorizon => HorizonMonthly ?? (HorizonQuantity is null ? Monthly : null);
}

/// <summary>A component's share: priced sums (first and horizon month), and how many of its items are not priced.</summary>
public sealed record ComponentCost(string Component, decimal Monthly, int UnknownPrices, int UsageBased, int NoChargeResources)
{
    public decimal MonthlyAtHorizon { get; init; } = Monthly;
}

/// <summary>
/// The monthly estimate of one graph: every line, per component, and the totals of the priced lines in the first month
/// and (where the file store grows) in the horizon month. A total is only the whole bill when <see cref="IsComplete"/>;
/// otherwise it is a lower bound, and <see cref="Unpriced"/> lists what it leaves out.
/// </summary>
public sealed record CostEstimate(string Region, ImmutableArray<CostLine> Lines, ImmutableArray<ComponentCost> Components, int NoChargeResources)
{
    /// <summary>The file store's growth the storage lines were priced with; null when the graph was priced without a forecast.</summary>
    public StorageGrowth? Storage { get; init; }

    /// <summary>The priced total of the first month.</summary>
    public decimal Monthly => Components.Sum(c => c.Monthly);

    /// <summary>The priced total of the horizon month (equal to <see cref="Monthly"/> when nothing grows).</summary>
    public decimal MonthlyAtHorizon => Components.Sum(c => c.MonthlyAtHorizon);

    /// <summary>The month the horizon total is for, when storage grows; null when every month costs the same.</summary>
    public int? HorizonMonths => Storage?.HorizonMonths;

    public int UnknownPrices => Lines.Count(l => l.Status == CostStatus.UnknownPrice);

    public int UsageBased => Lines.Count(l => l.Status == CostStatus.UsageBased);

    /// <summary>The items whose price is unknown: left out of every total, and named wherever a total is shown.</summary>
    public ImmutableArray<CostLine> Unpriced => [.. Lines.Where(l => l.Status == CostStatus.UnknownPrice)];

    /// <summary>True when at least one item is priced (else a total is "unknown", not $0.00).</summary>
    public bool HasPricedItems => Lines.Any(l => l.Status == CostStatus.Priced);

    /// <summary>True when every billed item has a price (usage-based items are listed, but never complete).</summary>
    public bool IsComplete => UnknownPrices == 0;

    public decimal ComponentMonthly(string component) => Components.FirstOrDefault(c => c.Component == component)?.Monthly ?? 0m;

    public ComponentCost? Component(string component) => Components.FirstOrDefault(c => c.Component == component);
}
