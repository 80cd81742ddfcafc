using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Infra.Core.Settings;

/// <summary>A YAML file that cannot be read as configuration, with the line where reading stopped.</summary>
public sealed class YamlReadException(string message, long line) : Exception(line > 0 ? $"{message} (line {line})" : message);

/// <summary>
/// Reads one Pulumi YAML file (project or stack) into raw values, strictly: exactly one document, keys
/// as written (case kept, every key whatever its value's shape), <c>~</c>/<c>null</c> kept as null instead
/// of dropped, duplicate keys refused, and aliases followed only up to a bound, so that an alias bomb
/// ("billion laughs") or absurd nesting fails at once instead of hanging.
/// </summary>
public sealed class YamlConfigReader
{
    /// <summary>Values the document may hold once aliases are expanded. Real stack files hold dozens.</summary>
    public const int MaxValues = 10_000;

    /// <summary>Nesting of lists and maps. Pulumi configuration needs a handful of levels.</summary>
    public const int MaxDepth = 32;

    // YAML 1.2 core schema: these plain scalars are null (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
    private static readonly HashSet<string> NullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private const string NullTag = "tag:yaml.org,2002:null";

    private readonly string _file;
    private readonly IParser _parser;
    private readonly Dictionary<string, (RawValue Value, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _values;
    private long _aliasValues;

    private YamlConfigReader(string file, string text)
    {
        _file = file;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>The file's one document, or null when the file holds none (only comments).</summary>
    public static RawValue? Read(string text, string fileName) => new YamlConfigReader(fileName, text).ReadStream();

    private RawValue? ReadStream()
    {
        try
        {
            _parser.Consume<StreamStart>();
            RawValue? first = null;
            var documents = 0;
            long secondLine = 0;
            while (!_parser.TryConsume<StreamEnd>(out _))
            {
                var start = _parser.Consume<DocumentStart>();
                documents++;
                if (documents == 2) secondLine = start.Start.Line;
                _anchors.Clear();
                var value = ReadNode(0).Value;
                _parser.Consume<DocumentEnd>();
                if (documents == 1) first = value;
            }
            if (documents > 1)
                throw new YamlReadException(
                    $"holds {documents} YAML documents ('---' starts the second); Pulumi reads only the first, so everything after it would be ignored: keep one document", secondLine);
            return first;
        }
        catch (YamlException e)
        {
            throw new YamlReadException($"is not valid YAML: column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e.Start.Line);
        }
        catch (InvalidOperationException)
        {
            // Some malformed input makes YamlDotNet's scanner stop without a position.
            throw new YamlReadException("is not valid YAML", _parser.Current?.Start.Line ?? 0);
        }
    }

    private (RawValue Value, long Size) ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new YamlReadException("is not valid YAML: ends inside a value", 0);
        switch (current)
        {
            case AnchorAlias alias:
            {
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw new YamlReadException($"is not valid YAML: alias *{alias.Value.Value} names no anchor before it", alias.Start.Line);
                _aliasValues += anchored.Size;
                Count(anchored.Size, alias.Start.Line);
                return anchored;
            }
            case Scalar scalar:
            {
                _parser.MoveNext();
                Count(1, scalar.Start.Line);
                var isNull = scalar.Tag.IsEmpty
                    ? scalar.Style == ScalarStyle.Plain && NullWords.Contains(scalar.Value)
                    : scalar.Tag.Value == NullTag;
                RawValue value = isNull ? new RawNull(_file) : new RawScalar(_file, scalar.Value);
                return Anchor(scalar.Anchor, value, 1);
            }
            case SequenceStart sequence:
            {
                Deeper(depth, sequence.Start.Line);
                _parser.MoveNext();
                Count(1, sequence.Start.Line);
                var items = ImmutableArray.CreateBuilder<RawValue>();
                long size = 1;
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(depth + 1);
                    items.Add(item);
                    size += itemSize;
                }
                return Anchor(sequence.Anchor, new RawList(_file, items.ToImmutable()), size);
            }
            case MappingStart mapping:
            {
                Deeper(depth, mapping.Start.Line);
                _parser.MoveNext();
                Count(1, mapping.Start.Line);
                var entries = ImmutableSortedDictionary.CreateBuilder<string, RawValue>(StringComparer.Ordinal);
                long size = 1;
                while (!_parser.Accept<MappingEnd>(out _))
                {
                    var keyEvent = _parser.Current!;
                    var (key, keySize) = ReadNode(depth + 1);
                    if (key is not RawScalar { Text: var name })
                        throw new YamlReadException($"has a {(key is RawNull ? "null" : "list or map")} as a key; keys are plain text", keyEvent.Start.Line);
                    if (name == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain })
                        throw new YamlReadException("uses a YAML merge key (<<); Pulumi and this tool read keys as written: write the keys out", keyEvent.Start.Line);
                    var (value, valueSize) = ReadNode(depth + 1);
                    if (!entries.TryAdd(name, value))
                        throw new YamlReadException($"gives the key '{Printable.Text(name)}' twice in one map; keep one", keyEvent.Start.Line);
                    size += keySize + valueSize;
                }
                _parser.MoveNext();
                // A Pulumi secret is a map with the single key "secure" holding ciphertext.
                RawValue value2 = entries.Count == 1 && entries.TryGetValue("secure", out var cipher) && cipher is RawScalar
                    ? new RawSecure(_file)
                    : new RawMap(_file, entries.ToImmutable());
                return Anchor(mapping.Anchor, value2, size);
            }
            default:
                throw new YamlReadException($"is not valid YAML: unexpected {current.GetType().Name}", current.Start.Line);
        }
    }

    private (RawValue, long) Anchor(AnchorName anchor, RawValue value, long size)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = (value, size);
        return (value, size);
    }

    private void Count(long values, long line)
    {
        _values += values;
        if (_values <= MaxValues) return;
        var max = MaxValues.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        throw new YamlReadException(_aliasValues > 0
            ? $"YAML aliases expand to more than {max} values (an alias bomb?); a Pulumi configuration holds dozens: write the values out"
            : $"holds more than {max} values; a Pulumi configuration holds dozens", line);
    }

    private static void Deeper(int depth, long line)
    {
        if (depth >= MaxDepth)
            throw new YamlReadException($"has lists or maps nested deeper than {MaxDepth} levels; Pulumi configuration needs a few", line);
    }
}
