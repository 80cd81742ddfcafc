using System.Collections.Immutable;
using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>
/// Property paths in the diff: Pulumi input names joined with dots, list items as [i]
/// (<c>vpcConfig.subnetIds[2]</c>). Functions such as fn::toJSON are transparent: a change inside a
/// policy document is reported at the path of the field inside the document.
/// </summary>
public static class ValuePaths
{
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>The path without list indices, as replace rules name it: a.b[2].c becomes a.b.c.</summary>
    public static string WithoutIndices(string path)
    {
        if (!path.Contains('[')) return path;
        var sb = new System.Text.StringBuilder(path.Length);
        var depth = 0;
        foreach (var ch in path)
        {
            if (ch == '[') depth++;
            else if (ch == ']') depth--;
            else if (depth == 0) sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or lies inside it (ignoring list indices).</summary>
    public static bool IsWithin(string path, string prefix)
    {
        var p = WithoutIndices(path);
        return p == prefix || p.StartsWith(prefix + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// The value at a rule path, or null when absent. Lists on the way are mapped item by item (so a rule
    /// on <c>rules.id</c> sees every item's id), and functions are looked through.
    /// </summary>
    public static Value? Lookup(Value? value, ReadOnlySpan<string> segments)
    {
        while (value is FunctionValue f) value = f.Argument;
        if (value is null) return null;
        if (segments.Length == 0) return value;
        switch (value)
        {
            case MapValue m:
                return Lookup(m[segments[0]], segments[1..]);
            case ListValue l:
                var items = new List<Value>(l.Items.Length);
                foreach (var item in l.Items)
                    items.Add(Lookup(item, segments) ?? NullValue.Instance);
                return new ListValue([.. items]);
            default:
                return null;
        }
    }

    /// <summary>Every reference in a value with the path it sits at.</summary>
    public static IEnumerable<(string Path, RefValue Ref)> References(Value value, string path = "")
    {
        switch (value)
        {
            case RefValue r:
                yield return (path, r);
                break;
            case InterpolationValue i:
                foreach (var r in i.Parts.OfType<RefValue>()) yield return (path, r);
                break;
            case FunctionValue f:
                foreach (var x in References(f.Argument, path)) yield return x;
                break;
            case ListValue l:
                for (var n = 0; n < l.Items.Length; n++)
                    foreach (var x in References(l.Items[n], Index(path, n))) yield return x;
                break;
            case MapValue m:
                foreach (var (k, v) in m.Entries)
                    foreach (var x in References(v, Join(path, k))) yield return x;
                break;
        }
    }

    /// <summary>
    /// One canonical form for values that render identically, so that a plan read back from JSON compares
    /// equal to the graph it was written from: an interpolation of a single reference is that reference,
    /// of only text is that text, and adjacent text parts are merged.
    /// </summary>
    public static Value Normalize(Value value)
    {
        switch (value)
        {
            case InterpolationValue i:
                var parts = new List<Value>();
                foreach (var part in i.Parts)
                {
                    if (part is StringValue s && s.Text.Length == 0) continue;
                    if (part is StringValue t && parts.Count > 0 && parts[^1] is StringValue prev) parts[^1] = new StringValue(prev.Text + t.Text);
                    else parts.Add(part);
                }
                return parts.Count switch
                {
                    0 => new StringValue(""),
                    1 => parts[0],
                    _ => new InterpolationValue([.. parts]),
                };
            case ListValue l:
                return new ListValue([.. l.Items.Select(Normalize)]);
            case MapValue m:
                return new MapValue(m.Entries.ToImmutableSortedDictionary(kv => kv.Key, kv => Normalize(kv.Value), StringComparer.Ordinal));
            case FunctionValue f:
                return f with { Argument = Normalize(f.Argument) };
            default:
                return value;
        }
    }
}
