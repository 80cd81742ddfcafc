using System.Collections.Immutable;
using Infra.Core.Graph;

namespace Infra.Core.Tests.Catalog;

/// <summary>Mutations of a graph's text, for tests that show a check fails on a misspelt name in the real graph.</summary>
internal static class GraphText
{
    /// <summary>The graph with <paramref name="from"/> replaced by <paramref name="to"/> in every literal text and map key of the node.</summary>
    public static ResourceGraph Replace(ResourceGraph graph, string node, string from, string to)
    {
        var n = graph[node];
        var changed = (MapValue)Replace(n.Properties, from, to);
        Assert.NotEqual(n.Properties, changed); // the mutation must hit something, or the test proves nothing
        return graph.With(n with { Properties = changed });
    }

    private static Value Replace(Value v, string from, string to) => v switch
    {
        StringValue s => new StringValue(s.Text.Replace(from, to, StringComparison.Ordinal)),
        ListValue l => new ListValue([.. l.Items.Select(i => Replace(i, from, to))]),
        MapValue m => V.Map(m.Entries.Select(kv => new KeyValuePair<string, Value>(kv.Key.Replace(from, to, StringComparison.Ordinal), Replace(kv.Value, from, to)))),
        InterpolationValue i => new InterpolationValue([.. i.Parts.Select(p => Replace(p, from, to))]),
        FunctionValue f => f with { Argument = Replace(f.Argument, from, to) },
        _ => v,
    };
}
