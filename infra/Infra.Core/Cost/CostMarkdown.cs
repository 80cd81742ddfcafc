using System.Globalization;
using System.Text;
using Infra.Core.Rendering;

namespace Infra.Core.Cost;

/// <summary>The cost estimate as a Markdown section of the plan: per component, every line, and the reference architecture.</summary>
public static class CostMarkdown
{
    public static string Section(CostEstimate estimate, ReferenceComparison? reference = null, string heading = "## Cost estimate")
    {
        var sb = new StringBuilder();
        sb.Append(heading).Append("\n\n").Append(Basis(estimate.Region)).Append("\n\n");
        sb.Append("**Total: ").Append(CostWording.TotalPhrase(estimate)).Append("**");
        if (!estimate.IsComplete) sb.Append(" (").Append(CostWording.Unpriced(estimate)).Append(')');
        sb.Append(", plus usage-based charges.\n\n");
        if (estimate.Storage is { } storage)
            sb.Append(CultureInfo.InvariantCulture, $"File storage is charged as it grows: {Money.Quantity(storage.FirstMonthGb)} GB in month 1, ")
              .Append(CultureInfo.InvariantCulture, $"{Money.Quantity(storage.HorizonGb)} GB in month {storage.HorizonMonths} (the high end of the storage forecast); every other item costs the same each month.\n\n");

        var grows = Grows(estimate);
        var months = estimate.HorizonMonths?.ToString(CultureInfo.InvariantCulture);
        sb.Append(grows
            ? Markdown.Header("Component", "Month 1 (USD)", $"Month {months} (USD)", "Not in the total")
            : Markdown.Header("Component", "Monthly (USD)", "Not in the total"));
        foreach (var c in estimate.Components)
        {
            var notPriced = NotPriced(c.UnknownPrices, c.UsageBased, c.NoChargeResources);
            sb.Append(grows
                ? Markdown.Row(c.Component, CostWording.Component(c), CostWording.ComponentAtHorizon(c), notPriced)
                : Markdown.Row(c.Component, CostWording.Component(c), notPriced));
        }
        var totalNotPriced = NotPriced(estimate.UnknownPrices, estimate.UsageBased, estimate.NoChargeResources);
        sb.Append(grows
            ? Markdown.Row("Total", CostWording.Total(estimate), CostWording.TotalAtHorizon(estimate), totalNotPriced)
            : Markdown.Row("Total", CostWording.Total(estimate), totalNotPriced));
        sb.Append('\n');

        sb.Append("<details><summary>Cost lines (").Append(estimate.Lines.Length.ToString(CultureInfo.InvariantCulture)).Append(")</summary>\n\n");
        sb.Append(Markdown.Header("Resource", "Item", "Quantity", "Unit price", "Monthly", "Source"));
        foreach (var l in estimate.Lines)
            sb.Append(Markdown.Row(l.Resource, l.Item, Quantity(l), l.UnitPrice is { } u ? Money.UnitPrice(u) : "unknown", Monthly(l, months), l.Source));
        sb.Append("\n</details>\n\n");

        if (reference is not null) sb.Append(Reference(reference));
        return sb.ToString();
    }

    /// <summary>True when the horizon month costs something else than the first (the file store grows).</summary>
    public static bool Grows(CostEstimate e) => e.HorizonMonths is not null && e.Lines.Any(l => l.HorizonQuantity is not null);

    public static string Reference(ReferenceComparison r)
    {
        var sb = new StringBuilder();
        var users = r.Tier.ConcurrentUsers.ToString("#,0", CultureInfo.InvariantCulture);
        sb.Append("### Against Mattermost's reference architecture\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"The reference architecture for {users} concurrent users (the smallest tier covering the design load of {r.DesignLoad:#,0}; {r.Tier.Source}), priced from the same table. ");
        sb.Append("The reference architectures list only app, database and search hardware, so only those parts are compared.\n\n");
        sb.Append(Markdown.Header("Part", "This stack", "Monthly", $"Reference ({users} users)", "Monthly", "Difference"));
        foreach (var p in r.Parts)
            sb.Append(Markdown.Row(p.Part, p.Stack, Money.Usd(p.StackMonthly), p.Reference, Money.Usd(p.ReferenceMonthly), p.Difference is { } d ? Money.Signed(d) : "unknown"));
        sb.Append(Markdown.Row("priced parts", "", Money.Usd(r.StackMonthly), "", Money.Usd(r.ReferenceMonthly), Money.Signed(r.StackMonthly - r.ReferenceMonthly)));
        if (r.Unpriced > 0) sb.Append(CultureInfo.InvariantCulture, $"\n{r.Unpriced} part(s) have no known price and are left out of both totals.\n");
        sb.Append('\n');
        return sb.ToString();
    }

    public static string Basis(string region) =>
        $"On-demand list prices for {region}, in USD per month of {AwsPriceTable.HoursPerMonth:0} hours, from the price table " +
        $"`infra/Infra.Core/Cost/AwsPriceTable.cs` (prices dated {AwsPriceTable.DateRange.Oldest} to {AwsPriceTable.DateRange.Newest}; each line names its source). " +
        "Usage-based charges (data processed, requests, logs, database storage and I/O) depend on traffic and are listed, not estimated; " +
        "a price the table does not hold for the region is shown as unknown, never guessed or scaled from another region, and a total that leaves " +
        "such items out says \"at least\".";

    private static string NotPriced(int unknown, int usage, int free)
    {
        var parts = new List<string>();
        if (unknown > 0) parts.Add($"{unknown} unknown price");
        if (usage > 0) parts.Add($"{usage} usage-based");
        if (free > 0) parts.Add($"{free} without charge");
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    private static string Quantity(CostLine l)
    {
        if (l.Status == CostStatus.UsageBased) return "per use";
        var unit = l.Quantity == 1 && l.Unit.EndsWith('s') ? l.Unit[..^1] : l.Unit;
        return l.HorizonQuantity is { } h ? $"{Money.Quantity(l.Quantity)} -> {Money.Quantity(h)} {unit}" : $"{Money.Quantity(l.Quantity)} {unit}";
    }

    private static string Monthly(CostLine l, string? months) => l.Status switch
    {
        CostStatus.Priced when l.HorizonMonthly is { } h => $"{Money.Usd(l.Monthly!.Value)} (month {months}: {Money.Usd(h)})",
        CostStatus.Priced => Money.Usd(l.Monthly!.Value),
        CostStatus.UsageBased => "usage-based",
        _ => "unknown",
    };
}
