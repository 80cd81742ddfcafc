using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Infra.Deploy.Values;

/// <summary>
/// fn::toJSON: compact JSON with object keys in ordinal order, so that the same graph gives the same
/// text on every run (no spurious diffs of policy documents).
/// </summary>
public static class JsonText
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options)) Write(writer, value);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case IDictionary map:
                w.WriteStartObject();
                foreach (var key in map.Keys.Cast<string>().Order(StringComparer.Ordinal))
                {
                    w.WritePropertyName(key);
                    Write(w, map[key]);
                }
                w.WriteEndObject();
                break;
            case IList list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item);
                w.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"fn::toJSON cannot write a {value.GetType().Name}");
        }
    }
}
