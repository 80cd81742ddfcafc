using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;

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

/// <summary>A <c>secure:</c> value: Pulumi ciphertext. Only its presence matters to the core.</summary>
public sealed record RawSecure(string File) : RawValue(File)
{
    public override string Shape => "a secret";
}

/// <summary>
/// Reads the <c>config:</c> section of a Pulumi project or stack file through Microsoft.Extensions.Configuration
/// (YAML provider) and gives back each namespaced key with the shape it was written in.
/// </summary>
public static class RawConfigReader
{
    /// <summary>Keys as written (<c>mattermost:users</c>) to raw values. Project files wrap values in <c>value:</c>.</summary>
    public static ImmutableSortedDictionary<string, RawValue> Read(IConfiguration file, string fileName, bool projectFile)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, RawValue>(StringComparer.Ordinal);
        foreach (var ns in file.GetSection("config").GetChildren())
        {
            if (ns.Value is not null && !ns.GetChildren().Any())
            {
                // A key without a namespace, e.g. "users: 5": Pulumi would put it in the project namespace.
                result[ns.Key] = new RawScalar(fileName, ns.Value);
                continue;
            }
            foreach (var key in ns.GetChildren())
            {
                var section = (IConfigurationSection)key;
                if (projectFile)
                {
                    // Project-level config: "ns:key: {value: ...}" (or a bare scalar).
                    var value = section.GetSection("value");
                    if (value.Exists()) section = value;
                    else if (section.GetChildren().Any(c => c.Key is "type" or "description" or "default" or "secret"))
                        section = section.GetSection("default");
                }
                var raw = ToRaw(section, fileName);
                if (raw is not null) result[$"{ns.Key}:{key.Key}"] = raw;
            }
        }
        return result.ToImmutable();
    }

    private static RawValue? ToRaw(IConfigurationSection section, string fileName)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
            return section.Value is null ? null : new RawScalar(fileName, section.Value);
        if (children.Count == 1 && children[0].Key == "secure")
            return new RawSecure(fileName);
        if (children.All(c => int.TryParse(c.Key, out _)))
        {
            var items = children
                .OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture))
                .Select(c => ToRaw(c, fileName))
                .OfType<RawValue>();
            return new RawList(fileName, [.. items]);
        }
        var map = ImmutableSortedDictionary.CreateBuilder<string, RawValue>(StringComparer.Ordinal);
        foreach (var c in children)
        {
            var v = ToRaw(c, fileName);
            if (v is not null) map[c.Key] = v;
        }
        return new RawMap(fileName, map.ToImmutable());
    }
}
