using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Infra.Core.Cost;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Core.Settings;

namespace Infra.Core.Diff;

/// <summary>
/// Reads the JSON written by <see cref="JsonPlanRenderer"/> back into a graph. Values use Pulumi YAML's
/// syntax: "${res.path}" is a reference, "$${" a literal "${", and {"fn::toJSON": ...} a function. Kept
/// small on purpose: it reads what this project writes, and says where a file departs from it.
/// </summary>
public static class PlanJsonReader
{
    public static PlanSnapshot Read(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new PlanFormatException($"not valid JSON (line {e.LineNumber + 1}): {FirstLine(e.Message)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PlanFormatException("the top level must be a JSON object (a plan written by 'plan --format json')");
            if (root.TryGetProperty("formatVersion", out var version) && (version.ValueKind != JsonValueKind.Number || version.GetInt32() != JsonPlanRenderer.FormatVersion))
                throw new PlanFormatException($"formatVersion: {version.GetRawText()} is not supported; this tool reads version {JsonPlanRenderer.FormatVersion}");
            if (!root.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
                throw new PlanFormatException("resources: missing, or not a list; is this a plan written by 'plan --format json'?");

            var nodes = new List<ResourceNode>();
            var i = 0;
            foreach (var r in resources.EnumerateArray())
                nodes.Add(ReadResource(r, $"resources[{i++}]"));
            var lookups = new List<GraphLookup>();
            i = 0;
            foreach (var l in OptionalArray(root, "lookups"))
            {
                var at = $"lookups[{i++}]";
                lookups.Add(new GraphLookup(RequiredString(l, "name", at), RequiredString(l, "function", at),
                    ReadMap(l, "arguments", at), OptionalString(l, "reason", at) ?? ""));
            }
            var outputs = new List<GraphOutput>();
            i = 0;
            foreach (var o in OptionalArray(root, "outputs"))
            {
                var at = $"outputs[{i++}]";
                if (!o.TryGetProperty("value", out var value)) throw new PlanFormatException($"{at}.value: missing");
                outputs.Add(new GraphOutput(RequiredString(o, "name", at), ReadValue(value, at + ".value"),
                    o.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.True, OptionalString(o, "description", at) ?? ""));
            }

            var stack = OptionalString(root, "stack", "");
            ResourceGraph graph;
            try
            {
                graph = new ResourceGraph(stack ?? "", nodes, lookups, outputs);
            }
            catch (GraphException e)
            {
                throw new PlanFormatException($"resources: {e.Message}");
            }
            var storage = ReadStorage(root);
            return new PlanSnapshot(stack, OptionalString(root, "region", ""), storage, graph)
            {
                Project = OptionalString(root, "project", ""),
                Settings = ReadSettings(root),
                Decisions = ReadDecisions(root),
            };
        }
    }

    private const string BaseFile = "(base plan)";

    /// <summary>
    /// The file store's growth from the plan's sizing (storage forecast and today's users), priced like the desired
    /// state's; a plan without them (or one written before) is priced without a storage forecast.
    /// </summary>
    private static StorageGrowth? ReadStorage(JsonElement root)
    {
        if (!root.TryGetProperty("sizing", out var sizing) || sizing.ValueKind != JsonValueKind.Object ||
            !sizing.TryGetProperty("storage", out var st) || st.ValueKind != JsonValueKind.Object) return null;
        decimal? D(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetDecimal(out var d) ? d : null;
        if (D(st, "highGb") is not { } high) return null;
        var months = D(st, "months") is { } m ? (int)m : 0;
        var registered = sizing.TryGetProperty("load", out var load) && load.ValueKind == JsonValueKind.Object && D(load, "registeredNow") is { } r ? (int)r : (int?)null;
        if (D(st, "baseGb") is { } baseGb && D(st, "mbPerUserPerMonthHigh") is { } rate && D(st, "safetyFactor") is { } safety && registered is { } now && months > 0)
            return new StorageGrowth(StorageGrowth.FirstMonth(baseGb, rate, now, safety), high, months);
        return new StorageGrowth(high, high, Math.Max(months, 1)); // no growth data: the horizon's size throughout, as such plans were priced
    }

    /// <summary>The "settings" object: key to {value, source}; null when the plan has none (written before it carried them).</summary>
    private static ImmutableSortedDictionary<string, BaseSetting>? ReadSettings(JsonElement root)
    {
        if (!root.TryGetProperty("settings", out var settings)) return null;
        if (settings.ValueKind != JsonValueKind.Object) throw new PlanFormatException("settings: must be an object");
        var result = ImmutableSortedDictionary.CreateBuilder<string, BaseSetting>(StringComparer.Ordinal);
        foreach (var s in settings.EnumerateObject())
        {
            var at = $"settings.{s.Name}";
            if (s.Value.ValueKind != JsonValueKind.Object || !s.Value.TryGetProperty("value", out var value))
                throw new PlanFormatException($"{at}: must be an object with a value and a source");
            var text = ResolvedSetting.Compact(value.WriteTo);
            result[s.Name] = new BaseSetting(s.Name, text, OptionalString(s.Value, "source", at) ?? "unknown", Raw(value));
        }
        return result.ToImmutable();
    }

    /// <summary>A setting's JSON value as configuration again (a secret as a secret, numbers and flags as the text they were).</summary>
    private static RawValue? Raw(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when e.GetString() == ResolvedSetting.SecretPlaceholder => new RawSecure(BaseFile),
        JsonValueKind.String => new RawScalar(BaseFile, e.GetString()!),
        JsonValueKind.True => new RawScalar(BaseFile, "true"),
        JsonValueKind.False => new RawScalar(BaseFile, "false"),
        JsonValueKind.Number => new RawScalar(BaseFile, e.GetRawText()),
        JsonValueKind.Array => new RawList(BaseFile, [.. e.EnumerateArray().Select(Raw).OfType<RawValue>()]),
        _ => new RawMap(BaseFile, e.EnumerateObject()
            .Select(p => (p.Name, Value: Raw(p.Value)))
            .Where(p => p.Value is not null)
            .ToImmutableSortedDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal)),
    };

    private static ImmutableArray<Sizing.SizingDecision> ReadDecisions(JsonElement root)
    {
        if (!root.TryGetProperty("sizing", out var sizing) || sizing.ValueKind != JsonValueKind.Object ||
            !sizing.TryGetProperty("decisions", out var decisions) || decisions.ValueKind != JsonValueKind.Array)
            return [];
        var i = 0;
        return [.. decisions.EnumerateArray().Select(d =>
        {
            var at = $"sizing.decisions[{i++}]";
            if (d.ValueKind != JsonValueKind.Object) throw new PlanFormatException($"{at}: must be an object");
            return new Sizing.SizingDecision(RequiredString(d, "component", at), RequiredString(d, "decision", at),
                OptionalString(d, "reason", at) ?? "", OptionalString(d, "source", at) ?? "");
        })];
    }

    private static ResourceNode ReadResource(JsonElement r, string at)
    {
        if (r.ValueKind != JsonValueKind.Object) throw new PlanFormatException($"{at}: must be an object");
        var name = RequiredString(r, "name", at);
        at = $"{at} ({name})";
        var options = NodeOptions.None with { Parent = OptionalString(r, "parent", at) };
        if (r.TryGetProperty("options", out var o))
        {
            if (o.ValueKind != JsonValueKind.Object) throw new PlanFormatException($"{at}.options: must be an object");
            options = options with
            {
                Protect = OptionalBool(o, "protect", at + ".options"),
                RetainOnDelete = OptionalBool(o, "retainOnDelete", at + ".options"),
                Provider = OptionalString(o, "provider", at + ".options"),
                DependsOn = StringList(o, "dependsOn", at + ".options"),
                IgnoreChanges = StringList(o, "ignoreChanges", at + ".options"),
                AdditionalSecretOutputs = StringList(o, "additionalSecretOutputs", at + ".options"),
            };
        }
        return new ResourceNode(name, RequiredString(r, "type", at), ReadMap(r, "properties", at), options, OptionalString(r, "reason", at) ?? "");
    }

    private static MapValue ReadMap(JsonElement parent, string key, string at)
    {
        if (!parent.TryGetProperty(key, out var e)) return MapValue.Empty;
        if (e.ValueKind != JsonValueKind.Object) throw new PlanFormatException($"{at}.{key}: must be an object");
        return (MapValue)ReadValue(e, $"{at}.{key}", allowFunction: false);
    }

    /// <summary>One JSON value as a graph value, in Pulumi YAML's expression syntax.</summary>
    public static Value ReadValue(JsonElement e, string at, bool allowFunction = true)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return ParseString(e.GetString()!, at);
            case JsonValueKind.Number:
                return e.TryGetDecimal(out var d) ? new NumberValue(d) : throw new PlanFormatException($"{at}: number {e.GetRawText()} is out of range");
            case JsonValueKind.True: return new BoolValue(true);
            case JsonValueKind.False: return new BoolValue(false);
            case JsonValueKind.Null: return NullValue.Instance;
            case JsonValueKind.Array:
                var items = ImmutableArray.CreateBuilder<Value>();
                var i = 0;
                foreach (var item in e.EnumerateArray()) items.Add(ReadValue(item, $"{at}[{i++}]"));
                return new ListValue(items.ToImmutable());
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                if (allowFunction && props.Count == 1 && props[0].Name.StartsWith("fn::", StringComparison.Ordinal))
                    return new FunctionValue(props[0].Name, ReadValue(props[0].Value, $"{at}.{props[0].Name}"));
                var map = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
                foreach (var p in props)
                {
                    if (map.ContainsKey(p.Name)) throw new PlanFormatException($"{at}: key '{p.Name}' appears twice");
                    map[p.Name] = ReadValue(p.Value, ValuePaths.Join(at, p.Name));
                }
                return new MapValue(map.ToImmutable());
            default:
                throw new PlanFormatException($"{at}: unexpected {e.ValueKind}");
        }
    }

    /// <summary>"${a.b}" is a reference, text around references an interpolation, "$${" a literal "${".</summary>
    public static Value ParseString(string text, string at)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return new StringValue(text);
        var parts = new List<Value>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            if (string.CompareOrdinal(text, i, "$${", 0, 3) == 0)
            {
                literal.Append("${");
                i += 3;
            }
            else if (string.CompareOrdinal(text, i, "${", 0, 2) == 0)
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0) throw new PlanFormatException($"{at}: unclosed reference in \"{text}\" (write $${{ for a literal ${{)");
                if (literal.Length > 0) { parts.Add(new StringValue(literal.ToString())); literal.Clear(); }
                parts.Add(ParseReference(text[(i + 2)..end], at));
                i = end + 1;
            }
            else
            {
                literal.Append(text[i]);
                i++;
            }
        }
        if (literal.Length > 0) parts.Add(new StringValue(literal.ToString()));
        return parts.Count == 1 ? parts[0] : new InterpolationValue([.. parts]);
    }

    private static RefValue ParseReference(string expression, string at)
    {
        var cut = expression.IndexOfAny(['.', '[']);
        var resource = cut < 0 ? expression : expression[..cut];
        if (resource.Length == 0 || resource.Any(char.IsWhiteSpace))
            throw new PlanFormatException($"{at}: '${{{expression}}}' is not a reference to a resource");
        var path = cut < 0 ? "" : expression[cut] == '.' ? expression[(cut + 1)..] : expression[cut..];
        return new RefValue(resource, path);
    }

    private static IEnumerable<JsonElement> OptionalArray(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var e)) return [];
        if (e.ValueKind != JsonValueKind.Array) throw new PlanFormatException($"{key}: must be a list");
        return e.EnumerateArray();
    }

    private static string RequiredString(JsonElement e, string key, string at) =>
        OptionalString(e, key, at) ?? throw new PlanFormatException($"{at}.{key}: missing");

    private static string? OptionalString(JsonElement e, string key, string at)
    {
        if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new PlanFormatException($"{ValuePaths.Join(at, key)}: must be a string");
    }

    private static bool OptionalBool(JsonElement e, string key, string at)
    {
        if (!e.TryGetProperty(key, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new PlanFormatException($"{at}.{key}: must be true or false"),
        };
    }

    private static ImmutableArray<string> StringList(JsonElement e, string key, string at)
    {
        if (!e.TryGetProperty(key, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            throw new PlanFormatException($"{at}.{key}: must be a list of strings");
        return [.. v.EnumerateArray().Select(x => x.GetString()!)];
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
