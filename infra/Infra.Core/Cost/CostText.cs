using Spectre.Console;
using Spectre.Console.Rendering;

namespace Infra.Core.Cost;

/// <summary>The cost estimate as terminal tables, rendered like the text plan (fixed width, no colour).</summary>
public static class CostText
{
    public static IEnumerable<IRenderable> Parts(CostEstimate estimate, ReferenceComparison? reference)
    {
        var table = new Table().Title($"Monthly cost estimate ({estimate.Region}, on-demand, USD)").AddColumns("Component", "Monthly", "Not in the total");
        foreach (var c in estimate.Components)
            table.AddRow(new Text(c.Component), new Text(Money.Usd(c.Monthly)), new Text(NotPriced(c)));
        table.AddRow(new Text("Total"), new Text(Money.Usd(estimate.Monthly)), new Text(CostMarkdown.Caveat(estimate).TrimStart(',', ' ')));
        yield return table;

        if (reference is null) yield break;
        var users = reference.Tier.ConcurrentUsers.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
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
