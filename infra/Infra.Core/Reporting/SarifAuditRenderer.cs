using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infra.Core.Policies.Model;
using Infra.Core.Rendering;

namespace Infra.Core.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning tools (GitHub code scanning shows it on the pull request): one rule per
/// policy, one result per failed or waived resource. A result points at the file it comes from (the
/// stack's Pulumi.&lt;stack&gt;.yaml, or the input file) and names the resource as a logical location;
/// waived results carry a suppression with the waiver's reason. Written without a SARIF library.
/// </summary>
public sealed class SarifAuditRenderer(string informationUri)
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "mattermost-infra check";

    /// <summary>Used when the CLI does not know where the project is published (outside GitHub Actions).</summary>
    public const string DefaultInformationUri = "urn:mattermost-infra:check";

    public SarifAuditRenderer() : this(DefaultInformationUri) { }

    public string Render(AuditReport report)
    {
        var rules = report.Pack.Select((p, i) => (p, i)).ToDictionary(x => x.p.Id, x => x.i, StringComparer.Ordinal);
        return JsonValueWriter.Document(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", Schema);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", ToolName);
            w.WriteString("informationUri", informationUri);
            w.WriteStartArray("rules");
            foreach (var p in report.Pack) WriteRule(w, p);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var s in report.Stacks)
                foreach (var r in s.Results.Where(r => r.Outcome is Outcome.Fail or Outcome.Waived))
                    WriteResult(w, report.PolicyOf(r), rules[r.PolicyId], s.Stack, s.Source, r);
            w.WriteEndArray();
            w.WriteStartObject("properties");
            w.WriteString("command", report.Command);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static string Level(Policy p) => p.IsMandatory ? "error" : p.Severity == Severity.Low ? "note" : "warning";

    /// <summary>GitHub's security-severity scale (0-10) for the policy's severity.</summary>
    private static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        _ => "3.0",
    };

    private static void WriteRule(Utf8JsonWriter w, Policy p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("name", RuleName(p));
        w.WriteStartObject("shortDescription");
        w.WriteString("text", p.Name);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        w.WriteString("text", p.Guideline);
        w.WriteEndObject();
        w.WriteStartObject("help");
        w.WriteString("text", p.Guideline + (p.Controls.Length > 0 ? " Controls: " + string.Join(", ", p.Controls) + "." : ""));
        w.WriteEndObject();
        w.WriteString("helpUri", p.HelpUri);
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(p));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        foreach (var tag in new[] { "security", p.Category, p.Enforcement.ToString().ToLowerInvariant(), p.Severity.ToString().ToLowerInvariant() }.Concat(p.Controls))
            w.WriteStringValue(tag);
        w.WriteEndArray();
        w.WriteString("security-severity", SecuritySeverity(p.Severity));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Policy p, int ruleIndex, string stack, string source, PolicyResult r)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", r.PolicyId);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(p));
        w.WriteStartObject("message");
        w.WriteString("text", $"{stack}: {r.Resource}: {r.Message}");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", source);
        w.WriteString("uriBaseId", "%SRCROOT%");
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", 1);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", r.Resource);
        w.WriteString("fullyQualifiedName", $"{stack}/{r.Resource}");
        w.WriteString("kind", "resource");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        // Every result sits on line 1 of its stack file, so GitHub's line hash cannot tell resources apart: give one per resource.
        w.WriteStartObject("partialFingerprints");
        w.WriteString("primaryLocationLineHash", Fingerprint($"{r.PolicyId}|{stack}|{r.Resource}") + ":1");
        w.WriteEndObject();
        if (r.Outcome == Outcome.Waived && r.Waiver is { } waiver)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", $"{waiver.Reason} (waiver in {source}, expires {waiver.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteString("stack", stack);
        w.WriteString("resourceType", r.ResourceType);
        w.WriteString("enforcement", p.Enforcement.ToString().ToLowerInvariant());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string RuleName(Policy p)
    {
        var name = p.GetType().Name;
        return name.EndsWith("Policy", StringComparison.Ordinal) ? name[..^"Policy".Length] : name;
    }

    private static string Fingerprint(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
