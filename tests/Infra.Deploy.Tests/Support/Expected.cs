using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Infra.Core.Graph;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// What the engine should receive for a graph value when every reference resolves to its
/// <see cref="GraphMocks.Marker"/>. Written independently of the program: JSON and base64 are compared by
/// decoding what the engine received, not by producing the same text.
/// </summary>
public static class Expected
{
    public sealed record JsonOf(object? Document);

    public sealed record Base64Of(string Text);

    public static object? Of(Value value) => value switch
    {
        StringValue s => s.Text,
        BoolValue b => b.Flag,
        NumberValue n => (double)n.Number,
        NullValue => null,
        ListValue l => l.Items.Select(Of).ToList(),
        MapValue m => m.Entries.ToDictionary(kv => kv.Key, kv => Of(kv.Value)),
        RefValue r => GraphMocks.Marker(r),
        // The only configuration the graph reads: secrets (the licence; those of mattermost:app), as the engine hands them over.
        ConfigValue c => c.Path is { } path ? LicensedProject.NestedSecret(path) : LicensedProject.Config[c.Key],
        InterpolationValue i => string.Concat(i.Parts.Select(p => Text(Of(p)))),
        FunctionValue { Function: FunctionValue.ToJson } f => new JsonOf(Of(f.Argument)),
        FunctionValue { Function: FunctionValue.ToBase64 } f => new Base64Of(Text(Of(f.Argument))),
        FunctionValue { Function: FunctionValue.Secret } f => Of(f.Argument),
        FunctionValue { Function: FunctionValue.Join, Argument: ListValue { Items: [var separator, ListValue parts] } } =>
            string.Join(Text(Of(separator)), parts.Items.Select(p => Text(Of(p)))),
        FunctionValue { Function: FunctionValue.Split, Argument: ListValue { Items: [var separator, var text] } } =>
            Text(Of(text)).Split(Text(Of(separator))).Cast<object?>().ToList(),
        FunctionValue { Function: FunctionValue.Select, Argument: ListValue { Items: [NumberValue index, var list] } } =>
            ((IList)Of(list)!)[(int)index.Number],
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    /// <summary>The inputs the engine sees: top-level nulls are not sent.</summary>
    public static Dictionary<string, object?> Inputs(MapValue properties) =>
        properties.Entries.Where(kv => kv.Value is not NullValue).ToDictionary(kv => kv.Key, kv => Of(kv.Value));

    public static void Matches(object? expected, object? actual, string where)
    {
        switch (expected)
        {
            case JsonOf json:
                var text = Assert.IsType<string>(actual);
                using (var doc = JsonDocument.Parse(text)) Matches(json.Document, Plain(doc.RootElement), where + " (JSON)");
                break;
            case Base64Of b64:
                Assert.Equal(b64.Text, Encoding.UTF8.GetString(Convert.FromBase64String(Assert.IsType<string>(actual))));
                break;
            case IDictionary map:
                var actualMap = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.True(
                    map.Keys.Cast<string>().Order(StringComparer.Ordinal).SequenceEqual(actualMap.Keys.Cast<string>().Order(StringComparer.Ordinal)),
                    $"{where}: keys {string.Join(",", map.Keys.Cast<string>().Order())} expected, got {string.Join(",", actualMap.Keys.Cast<string>().Order())}");
                foreach (string key in map.Keys) Matches(map[key], actualMap[key], $"{where}.{key}");
                break;
            case IList list when expected is not string:
                var actualList = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(list.Count == actualList.Count, $"{where}: {list.Count} items expected, got {actualList.Count}");
                for (var i = 0; i < list.Count; i++) Matches(list[i], actualList[i], $"{where}[{i}]");
                break;
            case double d:
                Assert.True(actual is double or int, $"{where}: a number expected, got {actual?.GetType().Name ?? "null"}");
                Assert.True(d == Convert.ToDouble(actual, CultureInfo.InvariantCulture), $"{where}: {d} expected, got {actual}");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{where}: '{expected}' expected, got '{actual}'");
                break;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"cannot interpolate {value.GetType().Name}"),
    };

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
