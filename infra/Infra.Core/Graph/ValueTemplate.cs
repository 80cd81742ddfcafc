using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Infra.Core.Graph;

/// <summary>
/// A text file with named placeholders, <c>{{name}}</c> (lower case letters, digits and underscores), filled with graph
/// values: literal text or references such as <c>${databaseCluster.endpoint}</c>. The result is the same concatenated
/// value a component would assemble by hand (<see cref="V.Concat"/>), so renderers and the Pulumi program see no
/// difference; the template itself stays a file that reads, diffs and lints as what it is (a shell script, a unit).
/// <para>
/// Strict by design: a placeholder without a value, a value for no placeholder, and a <c>{{</c> that does not open a
/// well-formed placeholder are all errors naming the template, so a renamed placeholder cannot silently leave
/// <c>{{name}}</c> in a boot script. A placeholder alone on its line stands for a block of lines: an empty value removes
/// that line instead of leaving a blank one (an optional group of settings).
/// </para>
/// </summary>
public sealed partial class ValueTemplate
{
    private abstract record Segment;

    private sealed record Literal(string Text) : Segment;

    private sealed record Placeholder(string Name, int Line, bool WholeLine) : Segment;

    private readonly ImmutableArray<Segment> _segments;

    private ValueTemplate(string name, ImmutableArray<Segment> segments)
    {
        Name = name;
        _segments = segments;
    }

    /// <summary>The template's name in error messages (its file name).</summary>
    public string Name { get; }

    /// <summary>The placeholders the template uses, each once, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders => [.. _segments.OfType<Placeholder>().Select(p => p.Name).Distinct()];

    [GeneratedRegex(@"\G\{\{([a-z][a-z0-9_]*)\}\}")]
    private static partial Regex PlaceholderAt();

    public static ValueTemplate Parse(string name, string text)
    {
        var segments = ImmutableArray.CreateBuilder<Segment>();
        var literal = new StringBuilder();
        var line = 1;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var m = PlaceholderAt().Match(text, i);
                if (!m.Success)
                    throw new TemplateException($"{name}:{line}: \"{Excerpt(text, i)}\" is not a placeholder; write {{{{name}}}} with lower case letters, digits and _");
                var end = i + m.Length;
                var wholeLine = (i == 0 || text[i - 1] == '\n') && (end == text.Length || text[end] == '\n');
                if (literal.Length > 0) segments.Add(new Literal(literal.ToString()));
                literal.Clear();
                segments.Add(new Placeholder(m.Groups[1].Value, line, wholeLine));
                i = end;
                continue;
            }
            if (text[i] == '\n') line++;
            literal.Append(text[i]);
            i++;
        }
        if (literal.Length > 0) segments.Add(new Literal(literal.ToString()));
        return new ValueTemplate(name, segments.ToImmutable());
    }

    /// <summary>The template with every placeholder replaced by its value.</summary>
    public Value Fill(IReadOnlyDictionary<string, Value> values)
    {
        var used = Placeholders;
        var missing = used.Where(p => !values.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            throw new TemplateException($"{Name}: no value for {string.Join(", ", missing.Select(p => $"{{{{{p}}}}} (line {FirstLine(p)})"))}");
        var unused = values.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
            throw new TemplateException($"{Name}: it has no placeholder {string.Join(", ", unused.Select(k => $"{{{{{k}}}}}"))}; a value was given for it");

        var parts = new List<Value>();
        var dropNewline = false;
        foreach (var segment in _segments)
        {
            switch (segment)
            {
                case Literal l:
                    parts.Add(dropNewline ? l.Text[1..] : l.Text);
                    dropNewline = false;
                    break;
                case Placeholder p when p.WholeLine && values[p.Name] is StringValue { Text.Length: 0 }:
                    dropNewline = true; // the block is empty: its line goes, with its line break
                    break;
                case Placeholder p:
                    parts.Add(values[p.Name]);
                    break;
            }
        }
        return parts.Count == 0 ? "" : V.Concat([.. parts]);
    }

    private int FirstLine(string placeholder) => _segments.OfType<Placeholder>().First(p => p.Name == placeholder).Line;

    private static string Excerpt(string text, int at)
    {
        var end = text.IndexOf('\n', at);
        var rest = end < 0 ? text[at..] : text[at..end];
        return rest.Length > 40 ? rest[..40] + "..." : rest;
    }
}

/// <summary>A template that does not match the values given for it.</summary>
public sealed class TemplateException(string message) : Exception(message);
