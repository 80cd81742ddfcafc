using System.Text.Json;
using Infra.Core.Analysis;
using Infra.Core.Rendering;

namespace Infra.Core.Reporting;

/// <summary>The machine-readable audit: the pack, the controls, and per stack every result, the sizing table and the flows.</summary>
public sealed class JsonAuditRenderer
{
    public const int FormatVersion = 1;

    public string Render(AuditReport report)
    {
        return JsonValueWriter.Document(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("command", report.Command);
            w.WriteBoolean("passed", report.Passed);
            w.WriteNumber("mandatoryFailures", report.MandatoryFailures);
            w.WriteStartArray("policies");
            foreach (var p in report.Pack)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                w.WriteString("category", p.Category);
                w.WriteString("severity", p.Severity.ToString().ToLowerInvariant());
                w.WriteString("enforcement", p.Enforcement.ToString().ToLowerInvariant());
                Strings(w, "controls", p.Controls);
                w.WriteString("guideline", p.Guideline);
                w.WriteString("helpUri", p.HelpUri);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("controls");
            foreach (var c in report.Controls)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("framework", c.Framework);
                w.WriteString("title", c.Title);
                w.WriteString("url", c.Url);
                if (c.NotEvaluated is { } why) w.WriteString("notEvaluated", why);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("stacks");
            foreach (var s in report.Stacks)
            {
                w.WriteStartObject();
                w.WriteString("stack", s.Stack);
                w.WriteString("source", s.Source);
                w.WriteString("environment", s.Context.Environment?.ToString().ToLowerInvariant());
                w.WriteString("environmentSource", s.Context.EnvironmentSource);
                w.WriteString("verdict", report.Verdict(s));
                w.WriteNumber("mandatoryFailures", s.MandatoryFailures(report.Pack));
                if (s.Context.Sizing is { } b)
                {
                    w.WriteStartObject("load");
                    w.WriteNumber("peakConcurrent", b.PeakConcurrent);
                    w.WriteNumber("designLoad", b.DesignLoad);
                    w.WriteNumber("headroomPercent", b.HeadroomPercent);
                    w.WriteNumber("horizonMonths", b.HorizonMonths);
                    w.WriteNumber("storageLowGb", b.StorageLowGb);
                    w.WriteNumber("storageHighGb", b.StorageHighGb);
                    w.WriteString("source", b.Source);
                    w.WriteEndObject();
                }
                w.WriteStartArray("results");
                foreach (var r in s.Results)
                {
                    w.WriteStartObject();
                    w.WriteString("policy", r.PolicyId);
                    w.WriteString("resource", r.Resource);
                    w.WriteString("type", r.ResourceType);
                    w.WriteString("outcome", AuditReport.OutcomeText(r.Outcome));
                    w.WriteString("message", r.Message);
                    Strings(w, "controls", r.Controls);
                    if (r.Waiver is { } wv)
                    {
                        w.WriteStartObject("waiver");
                        w.WriteString("reason", wv.Reason);
                        w.WriteString("expires", wv.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("sizing");
                foreach (var row in SizingTable.Rows(s))
                {
                    w.WriteStartObject();
                    w.WriteString("component", row.Component);
                    w.WriteString("resource", row.Resource);
                    w.WriteString("provided", row.Provided);
                    w.WriteString("carries", row.Carries);
                    w.WriteString("against", row.Against);
                    w.WriteString("margin", row.Margin);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("reachability");
                foreach (var f in Reachability.Flows(s.Context.Graph))
                {
                    w.WriteStartObject();
                    w.WriteString("direction", f.Direction);
                    w.WriteString("from", f.Source);
                    w.WriteString("to", f.Target);
                    w.WriteString("protocol", f.Protocol == "-1" ? "all" : f.Protocol);
                    w.WriteString("ports", f.Ports);
                    w.WriteString("rule", f.Rule);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var i in items) w.WriteStringValue(i);
        w.WriteEndArray();
    }
}
