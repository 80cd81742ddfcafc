using System.Collections.Immutable;
using System.Text.Json;
using Infra.Core.Graph;

namespace Infra.Core.Parsing;

/// <summary>
/// Reads the JSON of <c>pulumi preview --json</c> (pulumi/pulumi <c>pkg/display/json.go</c> PreviewDigest:
/// steps[].newState is an apitype.ResourceV3 with urn, type, inputs, parent, provider, protect,
/// dependencies and propertyDependencies) into the graph the preview would leave behind.
/// <list type="bullet">
/// <item>Names are the last segment of the URN; two resources with one name get the type's short name appended.</item>
/// <item>Values are literal. A value that is not known until apply (the engine's sentinel
///   04da6b54-80e4-46f7-96ec-b56ff0331ba9) becomes a reference to the resource its property depends on, when
///   there is exactly one (or one per list item), so that policies can still follow it; otherwise it stays unknown.</item>
/// <item>Secrets (the engine's signature object) become <c>fn::secret</c> around the plaintext, or "[secret]".</item>
/// </list>
/// </summary>
public static class PreviewJsonParser
{
    public const string Unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    private const string SigKey = "4dabf18193072939515e22adb298388d";
    private const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";

    public static bool Looks(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("steps", out var s) && s.ValueKind == JsonValueKind.Array;

    public static ParsedInput Parse(JsonElement root, string file, string? stack = null)
    {
        // The last step with a new state wins: a replacement has create-replacement and replace steps for one URN.
        var states = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            if (!step.TryGetProperty("newState", out var ns) || ns.ValueKind != JsonValueKind.Object) continue;
            if (JsonValues.Bool(ns, "delete")) continue;
            var urn = JsonValues.String(ns, "urn") ?? JsonValues.String(step, "urn") ?? throw new ParseException(file, "a step has no \"urn\"");
            if (!states.ContainsKey(urn)) order.Add(urn);
            states[urn] = ns;
        }

        var stackType = "pulumi:pulumi:Stack";
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var urn in order)
        {
            var type = JsonValues.String(states[urn], "type") ?? "";
            if (type == stackType) continue;
            var name = NameOf(urn);
            if (!taken.Add(name))
            {
                name = $"{name}_{type[(type.LastIndexOf(':') + 1)..]}";
                for (var i = 2; !taken.Add(name); i++) name = $"{NameOf(urn)}_{i}";
            }
            names[urn] = name;
        }
        var stackName = stack ?? order.Where(u => JsonValues.String(states[u], "type") == stackType).Select(StackOf).FirstOrDefault()
            ?? (order.Count > 0 ? StackOf(order[0]) : "input");

        var nodes = new List<ResourceNode>();
        foreach (var urn in order)
        {
            if (!names.TryGetValue(urn, out var name)) continue;
            var s = states[urn];
            var deps = PropertyDependencies(s, names);
            var props = MapValue.Empty;
            if (s.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object)
                props = new MapValue(inputs.EnumerateObject().ToImmutableSortedDictionary(
                    p => p.Name, p => Resolve(JsonValues.Literal(p.Value), deps.GetValueOrDefault(p.Name, [])), StringComparer.Ordinal));
            var parent = JsonValues.String(s, "parent") is { } pu && names.TryGetValue(pu, out var pn) ? pn : null;
            var provider = JsonValues.String(s, "provider") is { Length: > 0 } pr && pr.LastIndexOf("::", StringComparison.Ordinal) is var cut and > 0
                && names.TryGetValue(pr[..cut], out var prn) ? prn : null;
            var options = new NodeOptions
            {
                Parent = parent,
                Provider = provider,
                Protect = JsonValues.Bool(s, "protect"),
                RetainOnDelete = JsonValues.Bool(s, "retainOnDelete"),
                IgnoreChanges = JsonValues.Strings(s, "ignoreChanges"),
                AdditionalSecretOutputs = JsonValues.Strings(s, "additionalSecretOutputs"),
            };
            var type = JsonValues.String(s, "type") ?? "";
            nodes.Add(new ResourceNode(name, type, props, options, $"from pulumi preview ({urn})"));
        }
        return new ParsedInput(file, InputKind.PreviewJson, new ResourceGraph(stackName, nodes, [], []), null);
    }

    private static Dictionary<string, string[]> PropertyDependencies(JsonElement state, IReadOnlyDictionary<string, string> names)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!state.TryGetProperty("propertyDependencies", out var pd) || pd.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in pd.EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Array)
                result[p.Name] = [.. p.Value.EnumerateArray().Select(u => u.GetString()).OfType<string>().Select(u => names.GetValueOrDefault(u)).OfType<string>()];
        return result;
    }

    /// <summary>Replaces unknowns by references to what they depend on, and the engine's secret objects by fn::secret.</summary>
    private static Value Resolve(Value value, string[] deps)
    {
        switch (value)
        {
            case StringValue { Text: Unknown }:
                return deps.Length == 1 ? new RefValue(deps[0], "id") : new StringValue("(known after apply)");
            case ListValue l:
                var items = l.Items;
                var unknowns = items.Count(i => i is StringValue { Text: Unknown });
                if (unknowns > 0 && unknowns == deps.Length)
                {
                    var next = 0;
                    return new ListValue([.. items.Select(i => i is StringValue { Text: Unknown } ? new RefValue(deps[next++], "id") : Resolve(i, []))]);
                }
                return new ListValue([.. items.Select(i => Resolve(i, deps))]);
            case MapValue m when m[SigKey] is StringValue { Text: SecretSig }:
                var inner = m["plaintext"] is StringValue pt && TryJson(pt.Text) is { } parsed ? parsed : new StringValue("[secret]");
                return new FunctionValue(FunctionValue.Secret, inner);
            case MapValue m:
                return new MapValue(m.Entries.ToImmutableSortedDictionary(kv => kv.Key, kv => Resolve(kv.Value, deps), StringComparer.Ordinal));
            default:
                return value;
        }
    }

    private static Value? TryJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return JsonValues.Literal(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>urn:pulumi:STACK::PROJECT::TYPE::NAME; the name may itself contain "::".</summary>
    private static string NameOf(string urn)
    {
        var parts = urn.Split("::");
        return parts.Length >= 4 ? string.Join("::", parts[3..]) : urn;
    }

    private static string StackOf(string urn)
    {
        var head = urn.Split("::")[0];
        var colon = head.LastIndexOf(':');
        return colon >= 0 ? head[(colon + 1)..] : head;
    }
}
