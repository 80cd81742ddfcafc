using System.Collections.Immutable;

namespace Infra.Core.Graph;

/// <summary>Whole-graph rewrites: renaming with a prefix (for synthetic benchmarks) and merging.</summary>
public static class GraphTransforms
{
    /// <summary>Prefixes every node and lookup name, and every reference to them.</summary>
    public static IEnumerable<ResourceNode> Prefixed(ResourceGraph graph, string prefix)
    {
        string P(string name) => prefix + name;
        foreach (var n in graph.Nodes)
        {
            var o = n.Options;
            yield return n with
            {
                Name = P(n.Name),
                Properties = (MapValue)Rename(n.Properties, P),
                Options = o with
                {
                    Parent = o.Parent is null ? null : P(o.Parent),
                    Provider = o.Provider is null ? null : P(o.Provider),
                    DependsOn = [.. o.DependsOn.Select(P)],
                },
            };
        }
    }

    public static Value Rename(Value value, Func<string, string> rename) => value switch
    {
        RefValue r => r with { Resource = rename(r.Resource) },
        ListValue l => new ListValue([.. l.Items.Select(i => Rename(i, rename))]),
        MapValue m => new MapValue(m.Entries.ToImmutableSortedDictionary(kv => kv.Key, kv => Rename(kv.Value, rename), StringComparer.Ordinal)),
        InterpolationValue i => new InterpolationValue([.. i.Parts.Select(p => Rename(p, rename))]),
        FunctionValue f => f with { Argument = Rename(f.Argument, rename) },
        _ => value,
    };

    /// <summary>One graph made of <paramref name="copies"/> renamed copies of <paramref name="template"/>.</summary>
    public static ResourceGraph Replicate(ResourceGraph template, int copies, string stack)
    {
        var nodes = new List<ResourceNode>(template.Nodes.Length * copies);
        var lookups = new List<GraphLookup>();
        for (var i = 0; i < copies; i++)
        {
            var prefix = $"e{i:D4}_";
            nodes.AddRange(Prefixed(template, prefix));
            lookups.AddRange(template.Lookups.Select(l => l with { Name = prefix + l.Name }));
        }
        return new ResourceGraph(stack, nodes, lookups, []);
    }
}
