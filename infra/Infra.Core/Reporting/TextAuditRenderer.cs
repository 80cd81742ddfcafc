using System.Globalization;
using System.Text;
using Infra.Core.Policies.Model;

namespace Infra.Core.Reporting;

/// <summary>The terminal view: per stack the verdict, every finding that is not a pass, each policy's tally and the sizing table.</summary>
public sealed class TextAuditRenderer
{
    public string Render(AuditReport report)
    {
        var sb = new StringBuilder();
        foreach (var s in report.Stacks)
        {
            sb.Append("Policy check of ").Append(s.Stack).Append(" (").Append(s.Source).Append("): ").Append(report.Verdict(s)).Append('\n');
            sb.Append("  environment ").Append(MarkdownAuditRenderer.Environment(s)).Append("; ");
            sb.Append(s.Context.Sizing is { } b ? $"peak {b.PeakConcurrent:#,0}, design load {b.DesignLoad:#,0}\n" : "no projected load\n");
            foreach (var r in s.Results.Where(r => r.Outcome is Outcome.Fail or Outcome.Waived)
                         .OrderBy(r => report.IsMandatoryFailure(r) ? 0 : r.Outcome == Outcome.Fail ? 1 : 2))
            {
                var label = r.Outcome == Outcome.Waived ? "WAIVED  " : report.PolicyOf(r).IsMandatory ? "FAIL    " : "ADVISORY";
                sb.Append("  ").Append(label).Append(' ').Append(r.PolicyId).Append(' ').Append(r.Resource).Append(": ").Append(r.Message).Append('\n');
            }
            sb.Append("  policies:\n");
            foreach (var p in report.Pack)
            {
                var mine = s.Results.Where(r => r.PolicyId == p.Id).ToList();
                string N(Outcome o) => mine.Count(r => r.Outcome == o).ToString(CultureInfo.InvariantCulture);
                var state = mine.Any(r => r.Outcome == Outcome.Fail) ? (p.IsMandatory ? "fail" : "advisory") : mine.All(r => r.Outcome == Outcome.NotApplicable) ? "n/a" : "pass";
                sb.Append(CultureInfo.InvariantCulture, $"    {p.Id,-12} {state,-8} {N(Outcome.Pass),3} pass {N(Outcome.Fail),3} fail {N(Outcome.Waived),3} waived  {p.Name}\n");
            }
            sb.Append("  sizing:\n");
            foreach (var row in SizingTable.Rows(s))
                sb.Append("    ").Append(row.Component).Append(" (").Append(row.Resource).Append("): ").Append(row.Provided)
                  .Append(row.Carries == "-" ? "" : $", carries {row.Carries}").Append(row.Against == "-" ? "" : $" against {row.Against}")
                  .Append(row.Margin == "-" ? "" : $", margin {row.Margin}").Append('\n');
            sb.Append('\n');
        }
        sb.Append(report.Passed ? "All mandatory policies pass.\n" : $"{report.MandatoryFailures} mandatory failure(s).\n");
        return sb.ToString();
    }
}
