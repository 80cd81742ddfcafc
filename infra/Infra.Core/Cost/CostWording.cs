using System.Globalization;

namespace Infra.Core.Cost;

/// <summary>
/// How every rendering words an amount that may be incomplete: a plain amount when every item is priced, "at least"
/// when some are not (the amount is a lower bound), "unknown" when none is. Never $0.00 for something unpriced.
/// </summary>
public static class CostWording
{
    /// <summary>An amount under a set of lines: <paramref name="unpriced"/> items are left out of <paramref name="amount"/>.</summary>
    public static string Amount(decimal amount, int unpriced, bool anyPriced) =>
        unpriced == 0 ? Money.Usd(amount) : anyPriced || amount != 0 ? $"at least {Money.Usd(amount)}" : "unknown";

    /// <summary>The first month's total of the estimate.</summary>
    public static string Total(CostEstimate e) => Amount(e.Monthly, e.UnknownPrices, e.HasPricedItems);

    /// <summary>The horizon month's total of the estimate.</summary>
    public static string TotalAtHorizon(CostEstimate e) => Amount(e.MonthlyAtHorizon, e.UnknownPrices, e.HasPricedItems);

    /// <summary>A component's first-month amount.</summary>
    public static string Component(ComponentCost c) => Amount(c.Monthly, c.UnknownPrices, c.Monthly != 0);

    /// <summary>A component's horizon-month amount.</summary>
    public static string ComponentAtHorizon(ComponentCost c) => Amount(c.MonthlyAtHorizon, c.UnknownPrices, c.MonthlyAtHorizon != 0);

    /// <summary>"N items unpriced: a; b; c" (each distinct item once, with a count when repeated), or "" when all are priced.</summary>
    public static string Unpriced(CostEstimate e)
    {
        var lines = e.Unpriced;
        if (lines.IsEmpty) return "";
        var items = lines.GroupBy(l => l.Item, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (x{g.Count().ToString(CultureInfo.InvariantCulture)})");
        return $"{Count(lines.Length, "item")} unpriced: {string.Join("; ", items)}";
    }

    /// <summary>"at least $X per month", with the horizon month where storage grows ("... in month 1, ... in month 18"), or "unknown".</summary>
    public static string TotalPhrase(CostEstimate e)
    {
        var first = Total(e);
        if (first == "unknown") return first;
        return e.HorizonMonths is { } months && e.MonthlyAtHorizon != e.Monthly
            ? $"{first} per month in month 1, {TotalAtHorizon(e)} in month {months.ToString(CultureInfo.InvariantCulture)}"
            : $"{first} per month";
    }

    /// <summary>The one-line headline: the total phrase, then what it leaves out.</summary>
    public static string Headline(CostEstimate e) => e.IsComplete ? TotalPhrase(e) : $"{TotalPhrase(e)} ({Unpriced(e)})";

    public static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
