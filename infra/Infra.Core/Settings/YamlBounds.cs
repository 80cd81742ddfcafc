using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Infra.Core.Settings;

/// <summary>
/// A first pass over any YAML input, before a parser that follows aliases builds or walks it: counts the
/// values the document holds once aliases are expanded, and its nesting, and stops at a bound. An alias
/// bomb ("billion laughs") then fails at once with a reason instead of hanging or exhausting memory.
/// </summary>
public static class YamlBounds
{
    public static void Check(string text, long maxValues, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Size)>();
        long total = 0;
        var aliases = false;

        void Count(long size, long line)
        {
            total += size;
            if (total <= maxValues) return;
            var max = maxValues.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            throw new YamlReadException(aliases ? $"YAML aliases expand to more than {max} values (an alias bomb?)" : $"holds more than {max} values", line);
        }

        void AddToParent(long size)
        {
            if (open.TryPop(out var parent)) open.Push((parent.Anchor, parent.Size + size));
        }

        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    break;
                case Scalar s:
                    if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = 1;
                    Count(1, s.Start.Line);
                    AddToParent(1);
                    break;
                case AnchorAlias a:
                    aliases = true;
                    // An unknown alias is the parser's error to report; it counts as one value here.
                    var expanded = anchors.GetValueOrDefault(a.Value.Value, 1);
                    Count(expanded, a.Start.Line);
                    AddToParent(expanded);
                    break;
                case NodeEvent start and (SequenceStart or MappingStart):
                    if (open.Count >= maxDepth)
                        throw new YamlReadException($"has lists or maps nested deeper than {maxDepth} levels", start.Start.Line);
                    Count(1, start.Start.Line);
                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, 1));
                    break;
                case SequenceEnd or MappingEnd:
                    var (anchor, size) = open.Pop();
                    if (anchor is not null) anchors[anchor] = size;
                    AddToParent(size);
                    break;
            }
        }
    }
}
