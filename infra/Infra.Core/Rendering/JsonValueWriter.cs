using System.Text.Json;
using Infra.Core.Graph;

namespace Infra.Core.Rendering;

/// <summary>
/// Writes graph values as JSON in Pulumi YAML's expression syntax (references as "${a.b}", functions as
/// {"fn::toJSON": ...}), so that a JSON plan and a YAML program parse back through the same reader.
/// </summary>
public static class JsonValueWriter
{
    public static void Write(Utf8JsonWriter w, Value value)
    {
        switch (value)
        {
            case StringValue s: w.WriteStringValue(PulumiYamlRenderer.Escape(s.Text)); break;
            case NumberValue n: w.WriteRawValue(n.Text); break;
            case BoolValue b: w.WriteBooleanValue(b.Flag); break;
            case NullValue: w.WriteNullValue(); break;
            case RefValue r: w.WriteStringValue(r.Expression); break;
            case ConfigValue c: w.WriteStringValue(c.Expression); break;
            case InterpolationValue i:
                w.WriteStringValue(string.Concat(i.Parts.Select(PulumiYamlRenderer.PartText)));
                break;
            case ListValue l:
                w.WriteStartArray();
                foreach (var item in l.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case MapValue m:
                w.WriteStartObject();
                foreach (var (k, v) in m.Entries)
                {
                    w.WritePropertyName(k);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case FunctionValue f:
                w.WriteStartObject();
                w.WritePropertyName(f.Function);
                Write(w, f.Argument);
                w.WriteEndObject();
                break;
            default: throw new InvalidOperationException($"cannot write {value.GetType().Name}");
        }
    }

    /// <summary>One indented JSON document, written by <paramref name="write"/>, ending with a newline.</summary>
    public static string Document(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) write(w);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
