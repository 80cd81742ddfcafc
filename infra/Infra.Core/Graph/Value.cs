using System.Collections.Immutable;
using System.Globalization;

namespace Infra.Core.Graph;

/// <summary>
/// A property value in the desired-state graph. The shapes mirror what a Pulumi YAML program can
/// express (literals, lists, maps, <c>${resource.output}</c> references, interpolated strings and
/// <c>fn::</c> functions), so that every renderer and the parser agree on one model.
/// </summary>
public abstract record Value
{
    public static implicit operator Value(string text) => new StringValue(text);
    public static implicit operator Value(bool flag) => new BoolValue(flag);
    public static implicit operator Value(int number) => new NumberValue(number);
    public static implicit operator Value(long number) => new NumberValue(number);
    public static implicit operator Value(decimal number) => new NumberValue(number);

    /// <summary>Every reference this value holds, depth first.</summary>
    public IEnumerable<RefValue> References()
    {
        switch (this)
        {
            case RefValue r:
                yield return r;
                break;
            case ListValue l:
                foreach (var item in l.Items)
                    foreach (var r in item.References())
                        yield return r;
                break;
            case MapValue m:
                foreach (var (_, item) in m.Entries)
                    foreach (var r in item.References())
                        yield return r;
                break;
            case InterpolationValue i:
                foreach (var part in i.Parts)
                    foreach (var r in part.References())
                        yield return r;
                break;
            case FunctionValue f:
                foreach (var r in f.Argument.References())
                    yield return r;
                break;
        }
    }
}

public sealed record StringValue(string Text) : Value;

public sealed record BoolValue(bool Flag) : Value;

public sealed record NumberValue(decimal Number) : Value
{
    /// <summary>Invariant, without trailing zeros: 2, 0.5, 1024.</summary>
    public string Text => Number == decimal.Truncate(Number)
        ? decimal.Truncate(Number).ToString(CultureInfo.InvariantCulture)
        : Number.ToString("0.############################", CultureInfo.InvariantCulture);
}

public sealed record NullValue : Value
{
    public static readonly NullValue Instance = new();
}

public sealed record ListValue(ImmutableArray<Value> Items) : Value
{
    public bool Equals(ListValue? other) =>
        other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(17, (h, v) => h * 31 + v.GetHashCode());
}

/// <summary>A map whose keys are kept in ordinal order, so every rendering is deterministic.</summary>
public sealed record MapValue(ImmutableSortedDictionary<string, Value> Entries) : Value
{
    public static readonly MapValue Empty = new(ImmutableSortedDictionary.Create<string, Value>(StringComparer.Ordinal));

    public Value? this[string key] => Entries.TryGetValue(key, out var v) ? v : null;

    public MapValue With(string key, Value value) => new(Entries.SetItem(key, value));

    public MapValue Without(string key) => new(Entries.Remove(key));

    public bool Equals(MapValue? other) =>
        other is not null && Entries.Count == other.Entries.Count &&
        Entries.All(kv => other.Entries.TryGetValue(kv.Key, out var v) && kv.Value.Equals(v));

    public override int GetHashCode() =>
        Entries.Aggregate(17, (h, kv) => h * 31 + StringComparer.Ordinal.GetHashCode(kv.Key) ^ kv.Value.GetHashCode());
}

/// <summary>A reference to another resource's output: <c>${Resource.Path}</c>, e.g. <c>${vpc.id}</c>.</summary>
public sealed record RefValue(string Resource, string Path) : Value
{
    /// <summary>The first accessor of the path: the output property that must exist on the resource.</summary>
    public string OutputProperty
    {
        get
        {
            var end = Path.IndexOfAny(['.', '[']);
            return end < 0 ? Path : Path[..end];
        }
    }

    public string Expression => Path.Length == 0 ? $"${{{Resource}}}" : $"${{{Resource}.{Path}}}";
}

/// <summary>A string assembled from literal text and references: <c>arn:aws:s3:::${bucket.bucket}/*</c>.</summary>
public sealed record InterpolationValue(ImmutableArray<Value> Parts) : Value
{
    public bool Equals(InterpolationValue? other) =>
        other is not null && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(19, (h, v) => h * 31 + v.GetHashCode());
}

/// <summary>
/// A Pulumi YAML built-in function applied to a value: <c>fn::toJSON</c>, <c>fn::secret</c>, <c>fn::toBase64</c>,
/// and the string functions <c>fn::join</c> ([separator, [parts]]), <c>fn::split</c> ([separator, text]) and
/// <c>fn::select</c> ([index, list]) for the rare value that must be cut out of another resource's output.
/// </summary>
public sealed record FunctionValue(string Function, Value Argument) : Value
{
    public const string ToJson = "fn::toJSON";
    public const string Secret = "fn::secret";
    public const string ToBase64 = "fn::toBase64";
    public const string Join = "fn::join";
    public const string Split = "fn::split";
    public const string Select = "fn::select";
}

/// <summary>
/// A value of the stack's own configuration, read by the program at deployment time, e.g. the licence
/// <c>${mattermost:licenseKey}</c>. Used only for secrets the core never sees in clear text.
/// </summary>
/// <remarks>
/// A secret kept inside a structured key (<c>mattermost:app</c> with <c>directory.bindPassword</c>, what
/// <c>pulumi config set --secret --path</c> writes) has <see cref="Object"/> and <see cref="Path"/>: the C# program reads it
/// there. Pulumi YAML's <c>configuration:</c> block only takes strings, numbers, booleans and lists of them
/// (pulumi-yaml pkg/pulumiyaml/config), so a rendered program reads it under the flat <see cref="Key"/>
/// (<c>mattermost:appDirectoryBindPassword</c>) instead. Two values are the same when their keys are: the location is
/// how the C# program finds the value, not a different value.
/// </remarks>
public sealed record ConfigValue(string Key) : Value
{
    /// <summary>The structured key that holds the value in the stack file, when it is nested.</summary>
    public string? Object { get; init; }

    /// <summary>The dotted path of the value inside <see cref="Object"/>.</summary>
    public string? Path { get; init; }

    public string Expression => $"${{{Key}}}";

    /// <summary>A value nested in a structured key, under its flat key: <c>mattermost:app</c> + <c>directory.bindPassword</c>.</summary>
    public static ConfigValue Nested(string objectKey, string path) =>
        new(objectKey + string.Concat(path.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])))
        {
            Object = objectKey,
            Path = path,
        };

    public bool Equals(ConfigValue? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}
