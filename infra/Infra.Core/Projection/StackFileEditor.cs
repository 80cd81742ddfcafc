using System.Text.RegularExpressions;
using Infra.Core.Settings;

namespace Infra.Core.Projection;

/// <summary>A stack file that cannot be edited as text without risk (a flow-style config, tabs): set the values by hand.</summary>
public sealed class StackFileEditException(string message) : Exception(message);

/// <summary>One key of a stack file's <c>config:</c> to set (a scalar or a map of scalars), or to remove (<see cref="Lines"/> null).</summary>
/// <param name="Comment">A line of provenance written above the key, marked so that the next edit replaces it.</param>
public sealed record StackFileChange(string Key, IReadOnlyList<(string Key, string Value)>? Map, string? Scalar, string? Comment)
{
    public bool Removes => Map is null && Scalar is null;

    public static StackFileChange Set(string key, string value, string? comment = null) => new(key, null, value, comment);

    public static StackFileChange SetMap(string key, IReadOnlyList<(string, string)> entries, string? comment = null) => new(key, entries, null, comment);

    public static StackFileChange Remove(string key) => new(key, null, null, null);
}

/// <summary>
/// Sets keys of a Pulumi stack file the way <c>pulumi config set</c> would, but as a minimal edit of the YAML text: the
/// key's own lines are replaced (or added at the end of <c>config:</c>), and every other line, comments included, is kept
/// byte for byte. The result is read back with the strict reader and every other key must be unchanged, or nothing is
/// returned. Comments this editor writes start with <see cref="Marker"/>, so that a later edit replaces rather than stacks them.
/// </summary>
public static partial class StackFileEditor
{
    public const string Marker = "# project: ";

    public static string Apply(string text, string fileName, IReadOnlyList<StackFileChange> changes)
    {
        if (text.Split('\n').Any(l => l.TrimStart(' ').StartsWith('\t')))
            throw new StackFileEditException($"{fileName} indents with tabs; set the values by hand (the pulumi config set commands above)");
        var before = Config(text, fileName);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var endsWithNewline = text.EndsWith('\n');
        if (endsWithNewline) lines.RemoveAt(lines.Count - 1);

        var configLine = lines.FindIndex(l => ConfigHeader().IsMatch(l));
        if (configLine < 0)
        {
            if (lines.Any(l => l.StartsWith("config:", StringComparison.Ordinal)))
                throw new StackFileEditException($"{fileName} writes config: in flow style ({{...}}); set the values by hand (the pulumi config set commands above)");
            lines.Add("config:");
            configLine = lines.Count - 1;
        }
        var indent = ChildIndent(lines, configLine);

        foreach (var change in changes)
        {
            var (start, end) = Find(lines, configLine, indent, change.Key);
            var replacement = change.Removes ? [] : Render(change, indent);
            if (start >= 0)
            {
                // Our own provenance comment above the key goes with it.
                while (start > configLine + 1 && lines[start - 1].StartsWith(indent + Marker, StringComparison.Ordinal)) start--;
                lines.RemoveRange(start, end - start);
                lines.InsertRange(start, replacement);
            }
            else if (!change.Removes)
            {
                lines.InsertRange(EndOfConfig(lines, configLine, indent), replacement);
            }
        }
        var result = string.Join(newline, lines) + (endsWithNewline || text.Length == 0 ? newline : "");

        // The edit is checked by reading it back: the changed keys hold what was asked, every other key what it held.
        var after = Config(result, fileName);
        foreach (var key in before.Keys.Union(after.Keys).Where(k => changes.All(c => c.Key != k)))
            if (!before.TryGetValue(key, out var b) || !after.TryGetValue(key, out var a) || !Same(a, b))
                throw new StackFileEditException($"editing {fileName} would change {key}; set the values by hand (the pulumi config set commands above)");
        foreach (var change in changes)
        {
            var ok = change.Removes ? !after.ContainsKey(change.Key)
                : change.Scalar is { } s ? after.GetValueOrDefault(change.Key) is RawScalar rs && rs.Text == s
                : after.GetValueOrDefault(change.Key) is RawMap m && change.Map!.All(e => m.Entries.GetValueOrDefault(e.Key) is RawScalar v && v.Text == e.Value) && m.Entries.Count == change.Map!.Count;
            if (!ok) throw new StackFileEditException($"editing {fileName} did not set {change.Key} as intended; set the values by hand (the pulumi config set commands above)");
        }
        return result;
    }

    private static IReadOnlyDictionary<string, RawValue> Config(string text, string fileName)
    {
        RawValue? top;
        try { top = YamlConfigReader.Read(text, fileName); }
        catch (YamlReadException e) { throw new StackFileEditException($"{fileName} is not readable YAML ({e.Message}); fix it first"); }
        return top is RawMap { } m && m.Entries.GetValueOrDefault("config") is RawMap config
            ? config.Entries
            : new Dictionary<string, RawValue>(StringComparer.Ordinal);
    }

    private static bool Same(RawValue a, RawValue b) => (a, b) switch
    {
        (RawScalar x, RawScalar y) => x.Text == y.Text,
        (RawSecure, RawSecure) => true,
        (RawNull, RawNull) => true,
        (RawList x, RawList y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (RawMap x, RawMap y) => x.Entries.Count == y.Entries.Count && x.Entries.All(e => y.Entries.TryGetValue(e.Key, out var o) && Same(e.Value, o)),
        _ => false,
    };

    private static List<string> Render(StackFileChange change, string indent)
    {
        var lines = new List<string>();
        if (change.Comment is { } comment) lines.Add(indent + Marker + comment);
        if (change.Scalar is { } s) lines.Add($"{indent}{change.Key}: {Scalar(s)}");
        else
        {
            lines.Add($"{indent}{change.Key}:");
            foreach (var (k, v) in change.Map!) lines.Add($"{indent}  {k}: {Scalar(v)}");
        }
        return lines;
    }

    /// <summary>Plain when YAML reads it back as the same text, else double-quoted.</summary>
    private static string Scalar(string value) =>
        PlainSafe().IsMatch(value) ? value : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string ChildIndent(List<string> lines, int configLine)
    {
        for (var i = configLine + 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Trim().Length == 0 || l.TrimStart().StartsWith('#')) continue;
            var n = l.Length - l.TrimStart(' ').Length;
            return n > 0 ? new string(' ', n) : "  ";
        }
        return "  ";
    }

    /// <summary>The key's line and the lines of its value (deeper than the key), without the blank lines after it.</summary>
    private static (int Start, int End) Find(List<string> lines, int configLine, string indent, string key)
    {
        for (var i = configLine + 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Trim().Length > 0 && !l.StartsWith(indent, StringComparison.Ordinal) && !l.TrimStart().StartsWith('#')) break; // left config:
            if (!IsKeyLine(l, indent, key)) continue;
            var end = i + 1;
            while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > indent.Length)) end++;
            while (end > i + 1 && lines[end - 1].Trim().Length == 0) end--;
            return (i, end);
        }
        return (-1, -1);
    }

    private static bool IsKeyLine(string line, string indent, string key) =>
        line.StartsWith(indent, StringComparison.Ordinal) && Indent(line) == indent.Length &&
        (line[indent.Length..].StartsWith(key + ":", StringComparison.Ordinal) ||
         line[indent.Length..].StartsWith($"\"{key}\":", StringComparison.Ordinal) ||
         line[indent.Length..].StartsWith($"'{key}':", StringComparison.Ordinal));

    /// <summary>After the config block's last line that belongs to it (its own trailing blank lines and top-level comments stay after).</summary>
    private static int EndOfConfig(List<string> lines, int configLine, string indent)
    {
        var last = configLine;
        for (var i = configLine + 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Trim().Length == 0) continue;
            if (Indent(l) == 0) break; // the next top-level key or a top-level comment
            last = i;
        }
        return last + 1;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    [GeneratedRegex(@"^config:\s*(#.*)?$")]
    private static partial Regex ConfigHeader();

    // Letters, digits and the punctuation of our values (paths, windows, dates, decimals): never a YAML indicator at the start.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/\-]*$")]
    private static partial Regex PlainSafe();
}
