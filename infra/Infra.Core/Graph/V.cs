using System.Collections.Immutable;

namespace Infra.Core.Graph;

/// <summary>Short constructors for graph values, so that component builders read like the resources they declare.</summary>
public static class V
{
    public static MapValue Map(params (string Key, Value? Value)[] entries)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (value is null) continue; // an absent optional input is simply not declared
            b[key] = value;
        }
        return new MapValue(b.ToImmutable());
    }

    public static MapValue Map(IEnumerable<KeyValuePair<string, Value>> entries)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (var (key, value) in entries) b[key] = value;
        return new MapValue(b.ToImmutable());
    }

    public static MapValue StringMap(IEnumerable<KeyValuePair<string, string>> entries) =>
        Map(entries.Select(kv => new KeyValuePair<string, Value>(kv.Key, new StringValue(kv.Value))));

    public static ListValue List(params Value[] items) => new([.. items]);

    public static ListValue List(IEnumerable<Value> items) => new([.. items]);

    public static ListValue Strings(IEnumerable<string> items) => new([.. items.Select(s => (Value)new StringValue(s))]);

    public static RefValue Ref(string resource, string path) => new(resource, path);

    /// <summary>Concatenates literal text and references into one interpolated string.</summary>
    public static Value Concat(params Value[] parts)
    {
        var merged = new List<Value>();
        // Nested interpolations are flattened, and adjacent literal text joined, so that one string has one
        // shape however it was assembled (and reads back the same from a rendered program).
        foreach (var part in parts.SelectMany(p => p is InterpolationValue inner ? inner.Parts.AsEnumerable() : [p]))
        {
            if (part is StringValue s && merged.Count > 0 && merged[^1] is StringValue prev)
                merged[^1] = new StringValue(prev.Text + s.Text);
            else
                merged.Add(part);
        }
        // One part alone is that part: Pulumi YAML reads "${a.b}" as the output itself, not as a string made from it
        // (pulumi-yaml ast.ParseExpr), so an interpolation of a lone reference could not be written down distinctly and
        // would not survive parse(render(graph)). Where the property wants a string, the engine converts the value.
        if (merged.Count == 1 && merged[0] is StringValue or RefValue or ConfigValue) return merged[0];
        return new InterpolationValue([.. merged]);
    }

    public static FunctionValue Json(Value document) => new(FunctionValue.ToJson, document);

    public static FunctionValue Secret(Value value) => new(FunctionValue.Secret, value);

    public static FunctionValue Base64(Value value) => new(FunctionValue.ToBase64, value);

    /// <summary>Joins string values with a separator at deployment time (<c>fn::join</c>).</summary>
    public static FunctionValue Join(string separator, params Value[] parts) => new(FunctionValue.Join, List(separator, List(parts)));

    /// <summary>The part of <paramref name="text"/> after the first <paramref name="separator"/> (<c>fn::select</c> of <c>fn::split</c>).</summary>
    public static FunctionValue After(string separator, Value text) =>
        new(FunctionValue.Select, List(1, new FunctionValue(FunctionValue.Split, List(separator, text))));

    /// <summary>
    /// An archive of text files, carried in the graph itself (<c>fn::assetArchive</c> of <c>fn::stringAsset</c>), so that
    /// a rendered program deploys the same code wherever it is run from and a change to a file shows in the plan's diff.
    /// </summary>
    public static FunctionValue Archive(params (string Name, string Text)[] files) =>
        new(FunctionValue.AssetArchive, Map(files.Select(f => new KeyValuePair<string, Value>(f.Name, new FunctionValue(FunctionValue.StringAsset, f.Text)))));

    /// <summary>A value of the stack's configuration, e.g. a Pulumi secret the core never reads.</summary>
    public static ConfigValue Config(string key) => new(key);
}
