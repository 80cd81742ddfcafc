using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Infra.Core.Graph;

namespace Infra.Core.Parsing;

/// <summary>JSON elements to graph values, either in Pulumi YAML's expression syntax or as plain literals.</summary>
internal static class JsonValues
{
    /// <summary>Strings are expressions ("${a.b}", "$${"), and {"fn::x": v} is a function: the JSON plan's syntax.</summary>
    public static Value Expression(JsonElement e) => Convert(e, s => ExpressionText.Parse(s));

    /// <summary>Strings are literal text: values a provider or the engine resolved (pulumi preview --json).</summary>
    public static Value Literal(JsonElement e) => Convert(e, s => new StringValue(s));

    private static Value Convert(JsonElement e, Func<string, Value> text) => e.ValueKind switch
    {
        JsonValueKind.String => text(e.GetString()!),
        JsonValueKind.Number => new NumberValue(e.TryGetDecimal(out var d) ? d : decimal.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        JsonValueKind.True => new BoolValue(true),
        JsonValueKind.False => new BoolValue(false),
        JsonValueKind.Null => NullValue.Instance,
        JsonValueKind.Array => new ListValue([.. e.EnumerateArray().Select(i => Convert(i, text))]),
        JsonValueKind.Object => ExpressionText.MapOrFunction(e.EnumerateObject()
            .ToImmutableSortedDictionary(p => p.Name, p => Convert(p.Value, text), StringComparer.Ordinal)),
        _ => throw new FormatException($"unsupported JSON value {e.ValueKind}"),
    };

    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static ImmutableArray<string> Strings(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)]
            : [];
}
