using System.Collections.Immutable;

namespace Infra.Core.Graph;

/// <summary>
/// The order in which a program must create the graph's nodes: every node after the nodes it needs (parent,
/// provider, explicit depends-on and referenced resources). Among nodes that are ready, declaration order
/// wins, so the order is deterministic and as close to the plan's reading order as the dependencies allow.
/// </summary>
public static class GraphOrder
{
    public static ImmutableArray<ResourceNode> Topological(ResourceGraph graph)
    {
        var index = new Dictionary<string, int>(graph.Nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < graph.Nodes.Length; i++) index[graph.Nodes[i].Name] = i;

        var waitingOn = new int[graph.Nodes.Length];
        var dependents = new List<int>?[graph.Nodes.Length];
        for (var i = 0; i < graph.Nodes.Length; i++)
        {
            // Lookups are read by the program on demand, so only node names order creation.
            foreach (var d in graph.Nodes[i].Dependencies().Where(index.ContainsKey).Distinct(StringComparer.Ordinal))
            {
                var j = index[d];
                waitingOn[i]++;
                (dependents[j] ??= []).Add(i);
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < waitingOn.Length; i++)
            if (waitingOn[i] == 0) ready.Enqueue(i, i);
        var order = ImmutableArray.CreateBuilder<ResourceNode>(graph.Nodes.Length);
        while (ready.TryDequeue(out var i, out _))
        {
            order.Add(graph.Nodes[i]);
            foreach (var k in dependents[i] ?? [])
                if (--waitingOn[k] == 0) ready.Enqueue(k, k);
        }
        if (order.Count != graph.Nodes.Length)
        {
            var cycle = GraphValidator.FindCycle(graph);
            throw new GraphException("dependency cycle: " + (cycle is null ? "(unknown)" : string.Join(" -> ", cycle)));
        }
        return order.MoveToImmutable();
    }
}
