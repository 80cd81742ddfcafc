using System.Text.Json;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Sizing;

namespace Infra.Core.Rendering;

/// <summary>
/// The machine-readable plan: settings summary, every sizing number with its reason, and the full graph.
/// Deterministic (graph order, sorted keys, no timestamps or paths), so it can be committed and diffed.
/// </summary>
public sealed class JsonPlanRenderer
{
    public const int FormatVersion = 1;

    public string Render(StackPlan plan)
    {
        return JsonValueWriter.Document(w =>
        {
            var s = plan.Settings;
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("project", s.ProjectName);
            w.WriteString("stack", s.Stack);
            w.WriteString("environment", s.Environment.ToString().ToLowerInvariant());
            w.WriteString("region", s.Region);
            w.WriteString("appTier", s.AppTier.ToString().ToLowerInvariant());
            w.WriteBoolean("highAvailability", s.HighAvailability);
            w.WriteStartArray("availabilityZones");
            foreach (var z in s.AvailabilityZones) w.WriteStringValue(z);
            w.WriteEndArray();
            // Problems that would stop or cripple a deployment (the Pulumi program refuses a missing licence).
            w.WriteStartArray("warnings");
            foreach (var warning in plan.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            WriteSettings(w, s);
            MattermostSettingsSection.Json(w, plan);
            WriteSizing(w, plan.Blueprint.Sizing);
            WriteGraph(w, plan.Graph);
            w.WriteEndObject();
        });
    }

    /// <summary>Only the graph, for tools that need no sizing (and for graphs that were not planned here).</summary>
    public static void WriteGraph(Utf8JsonWriter w, ResourceGraph graph)
    {
        w.WriteStartArray("lookups");
        foreach (var l in graph.Lookups)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("function", l.Function);
            w.WritePropertyName("arguments");
            JsonValueWriter.Write(w, l.Arguments);
            w.WriteString("reason", l.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var n in graph.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("name", n.Name);
            w.WriteString("type", n.Type);
            if (n.Options.Parent is { } p) w.WriteString("parent", p);
            w.WriteString("reason", n.Reason);
            WriteOptions(w, n.Options);
            w.WritePropertyName("properties");
            JsonValueWriter.Write(w, n.Properties);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("outputs");
        foreach (var o in graph.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteBoolean("secret", o.Secret);
            w.WriteString("description", o.Description);
            w.WritePropertyName("value");
            JsonValueWriter.Write(w, o.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter w, NodeOptions o)
    {
        w.WriteStartObject("options");
        if (o.Protect) w.WriteBoolean("protect", true);
        if (o.RetainOnDelete) w.WriteBoolean("retainOnDelete", true);
        if (o.Provider is { } provider) w.WriteString("provider", provider);
        void List(string name, System.Collections.Immutable.ImmutableArray<string> items)
        {
            if (items.IsDefaultOrEmpty) return;
            w.WriteStartArray(name);
            foreach (var i in items) w.WriteStringValue(i);
            w.WriteEndArray();
        }
        List("dependsOn", o.DependsOn);
        List("ignoreChanges", o.IgnoreChanges);
        List("additionalSecretOutputs", o.AdditionalSecretOutputs);
        w.WriteEndObject();
    }

    /// <summary>
    /// Every setting as resolved: its value (a secret only as a placeholder) and where it came from, so that a
    /// later diff can say which settings changed and what they caused.
    /// </summary>
    private static void WriteSettings(Utf8JsonWriter w, Settings.StackSettings s)
    {
        w.WriteStartObject("settings");
        foreach (var r in s.Resolved.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(r.Key);
            w.WritePropertyName("value");
            Settings.ResolvedSetting.Write(w, Settings.ConfigKeys.Find(r.Key), r.Value);
            w.WriteString("source", r.Source);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static readonly JsonSerializerOptions SizingJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The sizing records as they are: every number with the tier and rule it came from.</summary>
    private static void WriteSizing(Utf8JsonWriter w, SizingPlan p)
    {
        w.WritePropertyName("sizing");
        JsonSerializer.Serialize(w, p, SizingJson);
    }
}
