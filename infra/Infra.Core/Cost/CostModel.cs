using System.Collections.Immutable;

namespace Infra.Core.Cost;

/// <summary>How a cost line is known.</summary>
public enum CostStatus
{
    /// <summary>Quantity and price are known: the monthly amount counts in the total.</summary>
    Priced,

    /// <summary>The quantity is known but the price is not (unconfirmed, or a region without prices): not in the total.</summary>
    UnknownPrice,

    /// <summary>Billed per use (GB processed, requests, logs ingested): the usage is not projected, so not in the total.</summary>
    UsageBased,
}

/// <summary>One billed item of one resource: e.g. 5 x c7i.large x 730 h.</summary>
public sealed record CostLine(
    string Component,
    string Resource,
    string Item,
    decimal Quantity,
    string Unit,
    decimal? UnitPrice,
    decimal? Monthly,
    CostStatus Status,
    string Source);

/// <summary>A component's share: priced sum, and how many of its items are not priced.</summary>
public sealed record ComponentCost(string Component, decimal Monthly, int UnknownPrices, int UsageBased, int NoChargeResources);

/// <summary>The monthly estimate of one graph: every line, per component, and the total of the priced lines.</summary>
public sealed record CostEstimate(string Region, ImmutableArray<CostLine> Lines, ImmutableArray<ComponentCost> Components, int NoChargeResources)
{
    public decimal Monthly => Components.Sum(c => c.Monthly);

    public int UnknownPrices => Lines.Count(l => l.Status == CostStatus.UnknownPrice);

    public int UsageBased => Lines.Count(l => l.Status == CostStatus.UsageBased);

    /// <summary>True when every billed item has a price (usage-based items are listed, but never complete).</summary>
    public bool IsComplete => UnknownPrices == 0;

    public decimal ComponentMonthly(string component) => Components.FirstOrDefault(c => c.Component == component)?.Monthly ?? 0m;
}
