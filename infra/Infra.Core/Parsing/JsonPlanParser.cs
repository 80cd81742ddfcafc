using System.Globalization;
using System.Text.Json;
using Infra.Core.Graph;

namespace Infra.Core.Parsing;

/// <summary>
/// Reads the JSON plan written by <c>plan --format json</c> (<see cref="Rendering.JsonPlanRenderer"/>) back
/// into its graph, components and reasons included, and the projected load it was sized for.
/// </summary>
public static class JsonPlanParser
{
    public static bool Looks(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Array;

    public static ParsedInput Parse(JsonElement root, string file)
    {
        try
        {
            var stack = JsonValues.String(root, "stack") ?? "input";
            var nodes = new List<ResourceNode>();
            foreach (var r in root.GetProperty("resources").EnumerateArray())
            {
                var name = JsonValues.String(r, "name") ?? throw new ParseException(file, "a resource has no \"name\"");
                var type = JsonValues.String(r, "type") ?? throw new ParseException(file, $"resource '{name}' has no \"type\"");
                var props = r.TryGetProperty("properties", out var p) ? JsonValues.Expression(p) as MapValue ?? throw new ParseException(file, $"resource '{name}': \"properties\" must be an object") : MapValue.Empty;
                var o = r.TryGetProperty("options", out var oe) ? oe : default;
                var options = new NodeOptions
                {
                    Parent = JsonValues.String(r, "parent"),
                    Provider = JsonValues.String(o, "provider"),
                    Protect = JsonValues.Bool(o, "protect"),
                    RetainOnDelete = JsonValues.Bool(o, "retainOnDelete"),
                    DependsOn = JsonValues.Strings(o, "dependsOn"),
                    IgnoreChanges = JsonValues.Strings(o, "ignoreChanges"),
                    AdditionalSecretOutputs = JsonValues.Strings(o, "additionalSecretOutputs"),
                };
                nodes.Add(new ResourceNode(name, type, props, options, JsonValues.String(r, "reason") ?? ""));
            }
            var lookups = new List<GraphLookup>();
            if (root.TryGetProperty("lookups", out var ls) && ls.ValueKind == JsonValueKind.Array)
                foreach (var l in ls.EnumerateArray())
                    lookups.Add(new GraphLookup(JsonValues.String(l, "name") ?? "", JsonValues.String(l, "function") ?? "",
                        l.TryGetProperty("arguments", out var a) ? JsonValues.Expression(a) as MapValue ?? MapValue.Empty : MapValue.Empty,
                        JsonValues.String(l, "reason") ?? ""));
            var outputs = new List<GraphOutput>();
            if (root.TryGetProperty("outputs", out var os) && os.ValueKind == JsonValueKind.Array)
                foreach (var o in os.EnumerateArray())
                    outputs.Add(new GraphOutput(JsonValues.String(o, "name") ?? "",
                        o.TryGetProperty("value", out var v) ? JsonValues.Expression(v) : NullValue.Instance,
                        JsonValues.Bool(o, "secret"), JsonValues.String(o, "description") ?? ""));
            return new ParsedInput(file, InputKind.JsonPlan, new ResourceGraph(stack, nodes, lookups, outputs), Load(root));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or GraphException)
        {
            throw new ParseException(file, $"not a readable JSON plan: {e.Message}");
        }
    }

    /// <summary>The plan's sizing section, when it has one (a graph-only JSON has none).</summary>
    private static PlannedLoad? Load(JsonElement root)
    {
        if (!root.TryGetProperty("sizing", out var sizing) || !sizing.TryGetProperty("load", out var load)) return null;
        int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : 0;
        decimal Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetDecimal(out var d) ? d : 0;
        var storage = sizing.TryGetProperty("storage", out var st) ? st : default;
        return new PlannedLoad(
            (JsonValues.String(root, "environment") ?? "").ToLower(CultureInfo.InvariantCulture),
            JsonValues.Bool(root, "highAvailability"),
            Int(load, "peakConcurrent"),
            Int(load, "designLoad"),
            Int(load, "headroomPercent"),
            Int(load, "horizonMonths"),
            storage.ValueKind == JsonValueKind.Object ? Dec(storage, "highGb") : 0,
            storage.ValueKind == JsonValueKind.Object ? Dec(storage, "lowGb") : 0,
            Calibration(load));
    }

    /// <summary>The calibration the plan was sized with (sizing.load.calibration), when it has one.</summary>
    private static Settings.CapacityCalibration? Calibration(JsonElement load)
    {
        if (!load.TryGetProperty("calibration", out var c) || c.ValueKind != JsonValueKind.Object) return null;
        decimal? Factor(string name) => c.TryGetProperty(name, out var v) && v.TryGetDecimal(out var d) ? d : null;
        DateOnly Day(string name) => DateOnly.ParseExact(JsonValues.String(c, name) ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Settings.CapacityCalibration(Factor("app"), Factor("database"), JsonValues.String(c, "source") ?? "",
            Day("windowStart"), Day("windowEnd"), Day("measuredOn"));
    }
}
