using System.Globalization;
using System.Text;
using Infra.Core.Cost;

namespace Infra.Core.Diff;

/// <summary>The diff for a terminal: banner, counts and cost first, then every change property by property.</summary>
public static class DiffTextRenderer
{
    public static string Render(DiffReport report)
    {
        var r = report.Result;
        var sb = new StringBuilder();
        sb.Append("Diff of stack '").Append(report.Stack).Append("' against ").Append(report.BaseLabel).Append('\n');
        if (r.RequiresApproval)
        {
            var loss = r.DataLoss.ToList();
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"!!! DATA LOSS RISK: {loss.Count} stateful resource{(loss.Count == 1 ? "" : "s")} would be replaced or deleted.");
            sb.Append(" Deploy only with an explicit approval (exit code 3).\n");
            foreach (var c in loss)
            {
                sb.Append("  - ").Append(c.Consequence).Append('\n');
                foreach (var why in c.ReplaceReasons) sb.Append("      because ").Append(why).Append('\n');
            }
        }
        sb.Append('\n');
        if (r.IsEmpty)
            sb.Append(CultureInfo.InvariantCulture, $"No changes: all {r.Unchanged} resources match the base.\n");
        else
            sb.Append("Resources: ").Append(Counts(r)).Append(".\n");
        sb.Append("Monthly cost: ").Append(report.CostSentence()).Append(".\n");

        foreach (var c in report.Ordered)
        {
            sb.Append('\n').Append(c.Symbol).Append(' ').Append(c.Verb).Append(' ').Append(c.Name).Append(" (").Append(c.Type).Append(')');
            if (c.StatefulRisk is not null) sb.Append(" [stateful]");
            sb.Append('\n');
            foreach (var why in c.ReplaceReasons) sb.Append("    because ").Append(why).Append('\n');
            foreach (var p in c.Properties)
            {
                sb.Append("    ").Append(p.Path).Append(": ").Append(p.BeforeText).Append(" -> ").Append(p.AfterText);
                if (p.ForcesReplacement) sb.Append("  (forces replacement)");
                else if (p.MayForceReplacement) sb.Append("  (may force replacement)");
                if (p.Note is not null) sb.Append("  (").Append(p.Note).Append(')');
                sb.Append('\n');
                foreach (var line in p.LineChanges) sb.Append("        ").Append(line).Append('\n');
            }
        }

        if (!r.Outputs.IsEmpty)
        {
            sb.Append("\nOutputs:\n");
            foreach (var o in r.Outputs)
                sb.Append("  ").Append(o.Action switch { ChangeAction.Add => "+ ", ChangeAction.Delete => "- ", _ => "~ " })
                    .Append(o.Name).Append(": ").Append(ValueText.Of(o.Before)).Append(" -> ").Append(ValueText.Of(o.After)).Append('\n');
        }

        var costs = report.ComponentCosts.Where(c => c.Change != 0).ToList();
        if (costs.Count > 0)
        {
            sb.Append("\nCost by component (monthly):\n");
            foreach (var c in costs)
                sb.Append("  ").Append(c.Component).Append(": ").Append(Money.Usd(c.Before)).Append(" -> ").Append(Money.Usd(c.After))
                    .Append(" (").Append(Money.Signed(c.Change)).Append(")\n");
        }

        var notes = report.Notes.ToList();
        if (notes.Count > 0)
        {
            sb.Append("\nNotes:\n");
            foreach (var n in notes) sb.Append("  - ").Append(n).Append('\n');
        }
        return sb.ToString();
    }

    public static string Counts(GraphDiffResult r)
    {
        var parts = new List<string> { $"{r.Count(ChangeAction.Replace)} to replace" };
        if (r.Count(ChangeAction.MaybeReplace) > 0) parts.Add($"{r.Count(ChangeAction.MaybeReplace)} that may be replaced");
        parts.Add($"{r.Count(ChangeAction.Delete)} to delete");
        parts.Add($"{r.Count(ChangeAction.Add)} to add");
        parts.Add($"{r.Count(ChangeAction.Update)} to update");
        parts.Add($"{r.Unchanged} unchanged");
        return string.Join(", ", parts);
    }
}
