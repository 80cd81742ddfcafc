using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Pulumi;

namespace Infra.Deploy.Resources;

/// <summary>
/// Reads a resource's <c>[Output]</c> properties by their schema name, the same declarations the SDK
/// fills from the engine's response. Every value is exposed untyped, because a graph reference may
/// read a string, a number or a nested object.
/// </summary>
public static class DeclaredOutputs
{
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<string, PropertyInfo>> ByType = new();

    /// <summary>Output name to property, for every [Output] of the type, inherited ones included.</summary>
    public static FrozenDictionary<string, PropertyInfo> Of(Type type) => ByType.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OutputAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToFrozenDictionary(x => x.Attribute!.Name ?? x.Property.Name, x => x.Property, StringComparer.Ordinal));

    public static Output<object?>? Read(Resource resource, string name)
    {
        if (!Of(resource.GetType()).TryGetValue(name, out var property)) return null;
        return property.GetValue(resource) switch
        {
            Output<object?> untyped => untyped,
            Output<string> text => text.Apply(s => (object?)s),
            var other => throw new InvalidOperationException($"[Output(\"{name}\")] of {resource.GetType().Name} is {other?.GetType().Name ?? "null"}"),
        };
    }
}
