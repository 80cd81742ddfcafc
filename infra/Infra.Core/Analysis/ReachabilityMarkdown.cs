using System.Text;
using Infra.Core.Graph;
using Infra.Core.Rendering;

namespace Infra.Core.Analysis;

/// <summary>The reachability table as Markdown: shared by the plan summary and the audit report.</summary>
public static class ReachabilityMarkdown
{
    public static string Section(ResourceGraph graph, string heading = "## Network reachability")
    {
        var flows = Reachability.Flows(graph);
        if (flows.Count == 0) return "";
        var members = Reachability.Members(graph);
        string Who(string name) => members.TryGetValue(name, out var m) && m.Count > 0 ? $"{name} ({string.Join(", ", m)})" : name;
        var sb = new StringBuilder();
        sb.Append(heading).Append("\n\n");
        sb.Append("Who may open connections to whom. Anything not listed is denied.\n\n");
        sb.Append(Markdown.Header("From", "To", "Protocol", "Ports", "Rule"));
        foreach (var f in flows.Where(f => f.Direction == "ingress"))
            sb.Append(Markdown.Row(f.FromWorld ? $"{f.Source} (anyone)" : Who(f.Source), Who(f.Target), f.Protocol == "-1" ? "all" : f.Protocol, f.Ports, f.Rule));
        var egress = flows.Where(f => f.Direction == "egress").ToList();
        if (egress.Count > 0)
        {
            sb.Append("\nOutbound:\n\n");
            sb.Append(Markdown.Header("From", "To", "Protocol", "Ports", "Rule"));
            foreach (var f in egress)
                sb.Append(Markdown.Row(Who(f.Source), f.Target, f.Protocol == "-1" ? "all" : f.Protocol, f.Ports, f.Rule));
        }
        sb.Append('\n');
        return sb.ToString();
    }
}
