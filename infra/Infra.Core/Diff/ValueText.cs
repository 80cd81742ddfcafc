using System.Text;
using Infra.Core.Graph;
using Infra.Core.Rendering;

namespace Infra.Core.Diff;

/// <summary>A value on one line for diff tables: JSON-like, with Pulumi's ${...} references, cut to a length.</summary>
public static class ValueText
{
    public const string Absent = "(absent)";

    public static string Of(Value? value, int max = 120)
    {
        if (value is null) return Absent;
        var sb = new StringBuilder();
        Write(sb, value, max + 1);
        var text = sb.ToString();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    /// <summary>
    /// "- line" for each line only the old text has and "+ line" for each only the new one has (a multiset
    /// difference, in order), when either side is multi-line text; at most <paramref name="max"/> lines.
    /// </summary>
    public static IReadOnlyList<string> LineChanges(Value? before, Value? after, int max = 40)
    {
        var b = Text(before);
        var a = Text(after);
        if (b is null || a is null || (!b.Contains('\n') && !a.Contains('\n'))) return [];
        var oldLines = b.Split('\n');
        var newLines = a.Split('\n');
        var result = new List<string>();
        result.AddRange(Only(oldLines, newLines).Select(l => "- " + l));
        result.AddRange(Only(newLines, oldLines).Select(l => "+ " + l));
        return result.Count <= max ? result : [.. result.Take(max), $"… {result.Count - max} more changed lines"];
    }

    private static IEnumerable<string> Only(string[] lines, string[] other)
    {
        var counts = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (counts.TryGetValue(line, out var n) && n > 0) counts[line] = n - 1;
            else yield return line;
        }
    }

    private static string? Text(Value? value) => value switch
    {
        StringValue s => s.Text,
        InterpolationValue i => string.Concat(i.Parts.Select(p => p is RefValue r ? r.Expression : ((StringValue)p).Text)),
        _ => null,
    };

    private static void Write(StringBuilder sb, Value value, int budget)
    {
        if (sb.Length > budget) return;
        switch (value)
        {
            case StringValue s: sb.Append(Quote(s.Text)); break;
            case NumberValue n: sb.Append(n.Text); break;
            case BoolValue b: sb.Append(b.Flag ? "true" : "false"); break;
            case NullValue: sb.Append("null"); break;
            case RefValue r: sb.Append(r.Expression); break;
            case InterpolationValue i:
                sb.Append(Quote(string.Concat(i.Parts.Select(p => p is RefValue r ? r.Expression : PulumiYamlRenderer.Escape(((StringValue)p).Text)))));
                break;
            case FunctionValue f:
                sb.Append(f.Function).Append('(');
                Write(sb, f.Argument, budget);
                sb.Append(')');
                break;
            case ListValue l:
                sb.Append('[');
                for (var i = 0; i < l.Items.Length && sb.Length <= budget; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, l.Items[i], budget);
                }
                sb.Append(']');
                break;
            case MapValue m:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in m.Entries)
                {
                    if (sb.Length > budget) break;
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(k).Append(": ");
                    Write(sb, v, budget);
                }
                sb.Append('}');
                break;
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
