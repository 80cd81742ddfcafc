using System.Globalization;
using System.Text;
using Infra.Core.Cost;

namespace Infra.Core.Diff;

/// <summary>
/// The diff for a terminal: the settings that changed and what they caused first, then the data-loss banner,
/// what needs care, counts and cost, then every change property by property, and a legend of the symbols.
/// </summary>
public static class DiffTextRenderer
{
    /// <summary>How many inputs a setting's effect lists before it counts the rest.</summary>
    private const int EffectsShown = 8;

    public static string Render(DiffReport report)
    {
        var r = report.Result;
        var sb = new StringBuilder();
        sb.Append("Diff of stack '").Append(report.Stack).Append("' against ").Append(report.BaseLabel).Append('\n');
        Settings(sb, report);
        if (r.RequiresApproval)
        {
            var loss = r.DataLoss.ToList();
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"!!! DATA LOSS RISK: {loss.Count} stateful resource{(loss.Count == 1 ? "" : "s")} would be replaced or deleted.");
            sb.Append(" Deploy only with an explicit approval (exit code 3).\n");
            foreach (var c in loss)
            {
                sb.Append("  - ").Append(c.Consequence).Append('\n');
                if (report.CauseText(c) is { } cause) sb.Append("      ").Append(cause).Append('\n');
                foreach (var why in c.ReplaceReasons) sb.Append("      because ").Append(why).Append('\n');
            }
        }
        if (!report.LockOuts.IsEmpty)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"!!! LOCK-OUT RISK: {report.LockOuts.Length} change{(report.LockOuts.Length == 1 ? "" : "s")} of Mattermost's sign-in would lock users out.");
            sb.Append(" Deploy only with an explicit approval (exit code 3).\n");
            foreach (var l in report.LockOuts)
                sb.Append("  - ").Append(l.Setting).Append(": ").Append(l.Before).Append(" -> ").Append(l.After).Append(": ").Append(l.Why).Append('\n');
        }
        var care = r.WithWarnings.ToList();
        if (care.Count > 0)
        {
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $">>> NEEDS CARE: {care.Count} change{(care.Count == 1 ? " does" : "s do")} more than change a property.\n");
            foreach (var c in care)
                foreach (var w in c.Notices) sb.Append("  - ").Append(c.Name).Append(": ").Append(w).Append('\n');
        }
        sb.Append('\n');
        if (r.IsEmpty)
            sb.Append(CultureInfo.InvariantCulture, $"No changes: all {r.Unchanged} resources match the base ({report.Counted}).\n");
        else
        {
            sb.Append("Resources (").Append(report.Counted).Append("): ").Append(Counts(r)).Append(".\n");
            if (r.ComponentChanges > 0)
                sb.Append(CultureInfo.InvariantCulture, $"Component resources: {r.ComponentChanges} changed (listed below).\n");
        }
        sb.Append("Monthly cost: ").Append(report.CostSentence()).Append(".\n");
        if (!r.IsEmpty) sb.Append(DiffReport.TextLegend).Append('\n');

        foreach (var c in report.Ordered)
        {
            sb.Append('\n').Append(c.Symbol).Append(' ').Append(c.Verb).Append(' ').Append(c.Name).Append(" (").Append(c.Type).Append(')');
            if (c.StatefulRisk is not null) sb.Append(" [stateful]");
            sb.Append('\n');
            if (report.CauseText(c) is { } cause) sb.Append("    ").Append(cause).Append('\n');
            foreach (var why in c.ReplaceReasons) sb.Append("    because ").Append(why).Append('\n');
            foreach (var w in c.Notices) sb.Append("    >>> ").Append(w).Append('\n');
            if (c.Action is ChangeAction.Add or ChangeAction.Delete && report.SettingsFor(c.Name) is { IsEmpty: false } whole)
                sb.Append("    (caused by ").Append(string.Join(", ", whole)).Append(")\n");
            foreach (var p in c.Properties)
            {
                sb.Append("    ").Append(p.Path).Append(": ").Append(p.BeforeText).Append(" -> ").Append(p.AfterText);
                if (p.ForcesReplacement) sb.Append("  (forces replacement)");
                else if (p.MayForceReplacement) sb.Append("  (may force replacement)");
                if (p.Note is not null) sb.Append("  (").Append(p.Note).Append(')');
                if (report.SettingsFor(c.Name, p.Path) is { IsEmpty: false } keys) sb.Append("  (caused by ").Append(string.Join(", ", keys)).Append(')');
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

    /// <summary>The settings that changed (old -> new), each with the sizing decisions and inputs it changed.</summary>
    private static void Settings(StringBuilder sb, DiffReport report)
    {
        if (report.Settings is not { } s) return;
        sb.Append('\n');
        if (!s.BaseKnown)
        {
            sb.Append("Settings: ").Append(SettingsReport.UnknownText).Append(".\n");
            return;
        }
        if (s.Changes.IsEmpty)
        {
            sb.Append("Settings: none changed.\n");
        }
        else
        {
            sb.Append("Settings that changed (base plan -> this plan) and what they cause:\n");
            foreach (var c in s.Changes)
            {
                sb.Append("  ").Append(c.Key).Append(": ").Append(c.ValueText).Append('\n');
                if (c.Unreplayed is { } why) sb.Append("      ").Append(why).Append('\n');
                foreach (var d in c.Decisions) sb.Append("      sizing ").Append(d.Text).Append('\n');
                if (c.Unreplayed is null)
                    sb.Append("      changes ").Append(Effects(c)).Append('\n');
                if (c.ReplacementText is { } replaces) sb.Append("      ").Append(replaces).Append('\n');
            }
        }
        if (!s.Unexplained.IsEmpty)
            sb.Append(CultureInfo.InvariantCulture, $"  {s.Unexplained.Length} changed resource(s) no setting explains ({SettingsReport.UnexplainedWhy(s)}): ")
                .Append(Shortened(s.Unexplained, EffectsShown)).Append('\n');
    }

    public static string Effects(SettingChange c) =>
        c.Effects.IsEmpty ? "no resource" : Shortened(c.Effects, EffectsShown);

    private static string Shortened(IReadOnlyList<string> items, int shown) =>
        items.Count <= shown ? string.Join(", ", items) : string.Join(", ", items.Take(shown)) + $" and {items.Count - shown} more";

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
