using System.Globalization;
using System.Text;
using Infra.Core.Cost;
using Infra.Core.Rendering;

namespace Infra.Core.Diff;

/// <summary>
/// The diff as a pull-request comment. The banner, the counts, the cost change and the list of changed
/// resources come first and are always kept; property-by-property details follow as long as the comment
/// stays under GitHub's limit, and a pointer to the full diff replaces whatever does not fit. The first line
/// is a marker so that CI can update one comment per stack instead of adding one per run.
/// </summary>
public sealed class DiffMarkdownRenderer(int maxLength = DiffMarkdownRenderer.GitHubCommentLimit, string? fullDiffPointer = null)
{
    /// <summary>GitHub refuses issue and pull-request comments longer than 65,536 characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    public static string Marker(string stack) => $"<!-- mattermost-infra diff: {stack} -->";

    public string Render(DiffReport report)
    {
        var head = Head(report);
        var tail = Tail(report);
        var pointer = fullDiffPointer ?? $"run `dotnet run --project infra/Infra.Cli -- diff --stack {report.Stack} --base <base>` for the full diff";
        var truncatedNote = $"\n_The comment is shortened to stay under GitHub's {GitHubCommentLimit:#,0}-character limit; {pointer}._\n";
        var budget = maxLength - head.Length - tail.Length - truncatedNote.Length;

        var summary = Summary(report, budget, out var summaryCut);
        budget -= summary.Length;
        var details = new StringBuilder();
        var detailed = 0;
        var withDetails = report.Ordered.Where(c => !c.Properties.IsEmpty && c.Action != ChangeAction.Add).ToList();
        foreach (var c in withDetails)
        {
            var block = Details(report, c);
            if (details.Length + block.Length > budget - 64) break;
            details.Append(block);
            detailed++;
        }
        var sb = new StringBuilder(head).Append(summary);
        if (withDetails.Count > 0)
        {
            sb.Append("### Property changes\n\n").Append(details);
            if (detailed < withDetails.Count)
                sb.Append(CultureInfo.InvariantCulture, $"…and {withDetails.Count - detailed} more resource(s) with property changes.\n\n");
        }
        sb.Append(tail);
        if (summaryCut || detailed < withDetails.Count) sb.Append(truncatedNote);
        // Only a banner listing thousands of stateful resources can still be too long: cut it hard.
        if (sb.Length > maxLength)
        {
            sb.Length = Math.Max(0, maxLength - truncatedNote.Length - 2);
            sb.Append("…\n").Append(truncatedNote);
        }
        return sb.ToString();
    }

    private static string Head(DiffReport report)
    {
        var r = report.Result;
        var sb = new StringBuilder();
        sb.Append(Marker(report.Stack)).Append('\n');
        sb.Append("## Infrastructure diff: `").Append(report.Stack).Append("`\n\n");
        sb.Append("The desired state of `").Append(report.Stack).Append("` compared with ").Append(Escape(report.BaseLabel)).Append(".\n\n");
        Settings(sb, report);
        if (r.RequiresApproval)
        {
            var loss = r.DataLoss.ToList();
            sb.Append("> [!CAUTION]\n");
            sb.Append(CultureInfo.InvariantCulture, $"> **Data loss risk: {loss.Count} stateful resource{(loss.Count == 1 ? "" : "s")} would be replaced or deleted.** ");
            sb.Append("Merge only with an explicit approval (`diff` exits with code 3).\n>\n");
            foreach (var c in loss)
            {
                sb.Append("> - ").Append(Escape(c.Consequence));
                if (report.CauseText(c) is { } cause) sb.Append(' ').Append(Escape(Sentence(cause)));
                if (!c.ReplaceReasons.IsEmpty) sb.Append(" Because ").Append(Escape(string.Join("; ", c.ReplaceReasons))).Append('.');
                sb.Append('\n');
            }
            sb.Append('\n');
        }
        if (!report.LockOuts.IsEmpty)
        {
            sb.Append("> [!CAUTION]\n");
            sb.Append(CultureInfo.InvariantCulture, $"> **Lock-out risk: {report.LockOuts.Length} change{(report.LockOuts.Length == 1 ? "" : "s")} of Mattermost's sign-in would lock users out.** ");
            sb.Append("Merge only with an explicit approval (`diff` exits with code 3).\n>\n");
            foreach (var l in report.LockOuts)
                sb.Append("> - `").Append(l.Setting).Append("`: ").Append(Escape(l.Before)).Append(" -> ").Append(Escape(l.After)).Append(": ").Append(Escape(l.Why)).Append('\n');
            sb.Append('\n');
        }
        var care = r.WithWarnings.ToList();
        if (care.Count > 0)
        {
            sb.Append("> [!WARNING]\n");
            sb.Append(CultureInfo.InvariantCulture, $"> **Needs care: {care.Count} change{(care.Count == 1 ? " does" : "s do")} more than change a property.**\n>\n");
            foreach (var c in care)
                foreach (var w in c.Notices) sb.Append("> - `").Append(c.Name).Append("`: ").Append(Escape(w)).Append('\n');
            sb.Append('\n');
        }
        if (r.IsEmpty)
            sb.Append(CultureInfo.InvariantCulture, $"**No changes**: all {r.Unchanged} resources match the base ({report.Counted}).\n\n");
        else
        {
            sb.Append("Resources (").Append(report.Counted).Append("):\n\n");
            sb.Append(Markdown.Header("Replace", "May replace", "Delete", "Add", "Update", "Unchanged"));
            sb.Append(Markdown.Row(N(r.Count(ChangeAction.Replace)), N(r.Count(ChangeAction.MaybeReplace)), N(r.Count(ChangeAction.Delete)),
                N(r.Count(ChangeAction.Add)), N(r.Count(ChangeAction.Update)), N(r.Unchanged)));
            sb.Append('\n');
        }
        sb.Append("**Monthly cost:** ").Append(Escape(report.CostSentence())).Append(".\n\n");
        if (!r.IsEmpty) sb.Append(Legend).Append("\n\n");
        return sb.ToString();
    }

    /// <summary>The one symbol the comment uses, and the boxes it may show.</summary>
    public const string Legend = "_Legend: ⚠ stateful resource (it holds data: replacing or deleting it loses data); "
        + "CAUTION box: data would be lost (`diff` exits with code 3); WARNING box: changes that need care before deploying (one-way, outage, or refused by AWS)._";

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    /// <summary>The settings that changed (old -> new) and what each one caused.</summary>
    private static void Settings(StringBuilder sb, DiffReport report)
    {
        if (report.Settings is not { } s) return;
        if (!s.BaseKnown)
        {
            sb.Append("**Settings:** ").Append(Escape(SettingsReport.UnknownText)).Append(".\n\n");
            return;
        }
        if (s.Changes.IsEmpty) sb.Append("**Settings:** none changed.\n\n");
        else
        {
            sb.Append("### Settings that changed\n\n").Append(Markdown.Header("Setting", "Base plan -> this plan", "What it causes"));
            foreach (var c in s.Changes)
            {
                var what = c.Unreplayed ?? string.Join("; ", c.Decisions.Select(d => "sizing " + d.Text).Append("changes " + DiffTextRenderer.Effects(c))
                    .Concat(c.ReplacementText is { } r ? [r] : Array.Empty<string>()));
                sb.Append(Markdown.Row(Markdown.Code(c.Key), Escape(c.ValueText), Escape(what)));
            }
            sb.Append('\n');
        }
        if (!s.Unexplained.IsEmpty)
            sb.Append(CultureInfo.InvariantCulture, $"{s.Unexplained.Length} changed resource(s) no setting explains ({SettingsReport.UnexplainedWhy(s)}): ")
                .Append(Escape(string.Join(", ", s.Unexplained.Take(20)))).Append(s.Unexplained.Length > 20 ? " and more" : "").Append(".\n\n");
    }

    /// <summary>One table row per changed resource, grouped by action; rows that do not fit are counted instead.</summary>
    private static string Summary(DiffReport report, int budget, out bool cut)
    {
        cut = false;
        var sb = new StringBuilder();
        var groups = report.Ordered.GroupBy(c => c.Action).ToList();
        foreach (var g in groups)
        {
            var title = g.Key switch
            {
                ChangeAction.Replace => "Replaced",
                ChangeAction.MaybeReplace => "Possibly replaced",
                ChangeAction.Delete => "Deleted",
                ChangeAction.Add => "Added",
                _ => "Updated",
            };
            var rows = g.ToList();
            sb.Append("### ").Append(title).Append(" (").Append(N(rows.Count)).Append(")\n\n");
            if (cut)
            {
                sb.Append("_Listed in the full diff._\n\n");
                continue;
            }
            sb.Append(Markdown.Header("Resource", "Type", "Component", g.Key is ChangeAction.Replace or ChangeAction.MaybeReplace ? "Why" : "Changed"));
            var shown = 0;
            foreach (var c in rows)
            {
                var why = g.Key switch
                {
                    ChangeAction.Replace or ChangeAction.MaybeReplace => string.Join("; ", (report.CauseText(c) is { } cause ? [cause] : Array.Empty<string>()).Concat(c.ReplaceReasons)),
                    ChangeAction.Update => Shorten(string.Join(", ", c.Properties.Select(p => p.Path)), 200),
                    ChangeAction.Delete => c.StatefulRisk ?? "",
                    _ => "",
                };
                var row = Markdown.Row((c.StatefulRisk is not null ? "⚠ " : "") + c.Name, c.Type, c.Component ?? "", why);
                if (sb.Length + row.Length > budget - 400 && shown > 0)
                {
                    sb.Append(Markdown.Row("…and " + N(rows.Count - shown) + " more", "", "", ""));
                    cut = true;
                    break;
                }
                sb.Append(row);
                shown++;
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Details(DiffReport report, ResourceChange c)
    {
        var sb = new StringBuilder();
        sb.Append("<details><summary>").Append(c.Verb).Append(' ').Append(Html(c.Name)).Append(" (").Append(Html(c.Type)).Append(")</summary>\n\n");
        foreach (var w in c.Notices) sb.Append("**Needs care:** ").Append(Html(w)).Append("\n\n");
        sb.Append(Markdown.Header("Property", "Before", "After", ""));
        foreach (var p in c.Properties)
        {
            var flag = p.ForcesReplacement ? "forces replacement" : p.MayForceReplacement ? "may force replacement" : "";
            if (p.Note is not null) flag = flag.Length == 0 ? p.Note : $"{flag}; {p.Note}";
            if (report.SettingsFor(c.Name, p.Path) is { IsEmpty: false } keys)
                flag = (flag.Length == 0 ? "" : flag + "; ") + "caused by " + string.Join(", ", keys);
            sb.Append(Markdown.Row(p.Path, Code(p.BeforeText), Code(p.AfterText), flag));
        }
        foreach (var p in c.Properties.Where(p => p.LineChanges.Count > 0))
        {
            sb.Append("\nLines changed in `").Append(p.Path).Append("`:\n\n```diff\n");
            foreach (var line in p.LineChanges) sb.Append(line.Replace("```", "'''", StringComparison.Ordinal)).Append('\n');
            sb.Append("```\n");
        }
        sb.Append("\n</details>\n\n");
        return sb.ToString();
    }

    private static string Tail(DiffReport report)
    {
        var sb = new StringBuilder();
        var r = report.Result;
        if (!r.Outputs.IsEmpty)
        {
            sb.Append("### Outputs\n\n").Append(Markdown.Header("Output", "Change", "Before", "After"));
            foreach (var o in r.Outputs)
                sb.Append(Markdown.Row(o.Name, o.Action.ToString().ToLowerInvariant(), Code(ValueText.Of(o.Before)), Code(ValueText.Of(o.After))));
            sb.Append('\n');
        }
        var costs = report.ComponentCosts.Where(c => c.Change != 0).ToList();
        if (costs.Count > 0)
        {
            sb.Append("### Cost by component\n\n").Append(Markdown.Header("Component", "Before", "After", "Change"));
            foreach (var c in costs) sb.Append(Markdown.Row(c.Component, Money.Usd(c.Before), Money.Usd(c.After), Money.Signed(c.Change)));
            sb.Append(Markdown.Row("total", Money.Usd(report.CostBefore.Monthly), Money.Usd(report.CostAfter.Monthly), Money.Signed(report.MonthlyChange)));
            sb.Append('\n').Append(CostMarkdown.Basis(report.CostAfter.Region)).Append("\n\n");
        }
        var notes = report.Notes.ToList();
        if (notes.Count > 0)
        {
            sb.Append("### Notes\n\n");
            foreach (var n in notes) sb.Append("- ").Append(Escape(n)).Append('\n');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Code(string text) => text == ValueText.Absent ? "_absent_" : Markdown.Code(text);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Html(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>Text outside tables: keep it from opening HTML tags or breaking the quote block.</summary>
    private static string Escape(string text) => Html(text).Replace("\n", " ", StringComparison.Ordinal);
}
