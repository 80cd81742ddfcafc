using System.Collections.Immutable;

namespace Infra.Core.Settings;

/// <summary>The shape a configuration value was written in, before it is typed.</summary>
public abstract record RawValue(string File)
{
    /// <summary>A human description of the shape, for "expected X, got Y" messages.</summary>
    public abstract string Shape { get; }
}

public sealed record RawScalar(string File, string Text) : RawValue(File)
{
    public override string Shape => $"'{Text}'";
}

public sealed record RawList(string File, ImmutableArray<RawValue> Items) : RawValue(File)
{
    public override string Shape => "a list";
}

public sealed record RawMap(string File, ImmutableSortedDictionary<string, RawValue> Entries) : RawValue(File)
{
    public override string Shape => "a map";
}

/// <summary>An explicit null: <c>~</c>, <c>null</c> or nothing after the colon.</summary>
public sealed record RawNull(string File) : RawValue(File)
{
    public override string Shape => "null (~)";
}

/// <summary>A <c>secure:</c> value: Pulumi ciphertext. Only its presence matters to the core.</summary>
public sealed record RawSecure(string File) : RawValue(File)
{
    public override string Shape => "a secret";
}
