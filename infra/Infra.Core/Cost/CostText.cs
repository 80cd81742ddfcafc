using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Infra.Core.Cost;

/// <summary>
/// The cost estimate as terminal tables, rendered like the text plan (no colour, the width the caller gives). Column
/// headers are short and every long phrase (what a total leaves out, the storage growth) is a paragraph under the
/// table, so that the tables read at 80 columns.
/// </summary>
public static class CostText
{
    public static IEnumerable<IRenderable> Parts(CostEstimate estimate, ReferenceComparison? reference)
    {
        var grows = CostMarkdown.Grows(estimate);
        var months = estimate.HorizonMonths?.ToString(CultureInfo.InvariantCulture);
        var table = new Table().Title($"Monthly cost estimate ({estimate.Region}, on-demand, USD)");
        if (grows) table.AddColumns("Component", "Month 1", $"Month {months}", "Not in the total");
        else table.AddColumns("Component", "Monthly", "Not in the total");
        foreach (var c in estimate.Components)
        {
            IRenderable[] row = grows
                ? [new Text(c.Component), new Text(CostWording.Component(c)), new Text(CostWording.ComponentAtHorizon(c)), new Text(NotPriced(c))]
                : [new Text(c.Component), new Text(CostWording.Component(c)), new Text(NotPriced(c))];
            table.AddRow(row);
        }
        var caveat = estimate.IsComplete ? "usage-based" : $"{estimate.UnknownPrices} unknown price, usage-based";
        table.AddRow(grows
            ? [new Text("Total"), new Text(CostWording.Total(estimate)), new Text(CostWording.TotalAtHorizon(estimate)), new Text(caveat)]
            : [new Text("Total"), new Text(CostWording.Total(estimate)), new Text(caveat)]);
        yield return table;

        var notes = new List<string> { $"Estimate: {CostWording.TotalPhrase(estimate)}, plus usage-based charges." };
        if (estimate.Storage is { } s && grows)
            notes.Add($"File storage is charged as it grows: {Money.Quantity(s.FirstMonthGb)} GB in month 1, {Money.Quantity(s.HorizonGb)} GB in month {months}.");
        if (!estimate.IsComplete) notes.Add($"Not in the total: {CostWording.Unpriced(estimate)}.");
        yield return new Text(string.Join("\n", notes) + "\n\n");

        if (reference is null) yield break;
        var users = reference.Tier.ConcurrentUsers.ToString("#,0", CultureInfo.InvariantCulture);
        var r = new Table().Title($"Against Mattermost's reference architecture for {users} users").AddColumns("Part", "This stack", "Monthly", "Reference", "Monthly", "Difference");
        foreach (var p in reference.Parts)
            r.AddRow(new Text(p.Part), new Text(p.Stack), new Text(Money.Usd(p.StackMonthly)), new Text(p.Reference), new Text(Money.Usd(p.ReferenceMonthly)),
                new Text(p.Difference is { } d ? Money.Signed(d) : "unknown"));
        r.AddRow(new Text("priced parts"), new Text(""), new Text(Money.Usd(reference.StackMonthly)), new Text(""), new Text(Money.Usd(reference.ReferenceMonthly)),
            new Text(Money.Signed(reference.StackMonthly - reference.ReferenceMonthly)));
        yield return r;
    }

    private static string NotPriced(ComponentCost c)
    {
        var parts = new List<string>();
        if (c.UnknownPrices > 0) parts.Add($"{c.UnknownPrices} unknown price");
        if (c.UsageBased > 0) parts.Add($"{c.UsageBased} usage-based");
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }
}
