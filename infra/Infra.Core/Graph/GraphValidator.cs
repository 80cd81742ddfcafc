namespace Infra.Core.Graph;

/// <summary>
/// Structural invariants every graph must hold before anything renders or deploys it: references and
/// options point at nodes that exist, every resource sits under a component, components are not nested
/// under resources, and there is no dependency cycle. Linear in nodes plus edges.
/// </summary>
public static class GraphValidator
{
    public static IReadOnlyList<string> Problems(ResourceGraph graph)
    {
        var problems = new List<string>();
        foreach (var n in graph.Nodes)
        {
            foreach (var r in n.References())
                if (!graph.Contains(r.Resource) && graph.FindLookup(r.Resource) is null)
                    problems.Add($"{n.Name}: references {r.Expression}, but there is no '{r.Resource}'");
            foreach (var d in n.Options.DependsOn)
                if (!graph.Contains(d)) problems.Add($"{n.Name}: depends on '{d}', which does not exist");
            if (n.Options.Provider is { } p && graph.Find(p) is not { IsProvider: true })
                problems.Add($"{n.Name}: provider '{p}' is not a provider node");
            if (n.Options.Parent is { } parent)
            {
                if (graph.Find(parent) is not { } pn) problems.Add($"{n.Name}: parent '{parent}' does not exist");
                else if (!pn.IsComponent) problems.Add($"{n.Name}: parent '{parent}' is not a component");
            }
            else if (!n.IsComponent)
                problems.Add($"{n.Name}: is not under any component");
            if (n.IsComponent && n.Options.Parent is not null)
                problems.Add($"{n.Name}: components are top-level and have no parent");
        }
        foreach (var o in graph.Outputs)
            foreach (var r in o.Value.References())
                if (!graph.Contains(r.Resource) && graph.FindLookup(r.Resource) is null)
                    problems.Add($"output {o.Name}: references {r.Expression}, but there is no '{r.Resource}'");
        var cycle = FindCycle(graph);
        if (cycle is not null) problems.Add("dependency cycle: " + string.Join(" -> ", cycle));
        return problems;
    }

    public static void Validate(ResourceGraph graph)
    {
        var problems = Problems(graph);
        if (problems.Count > 0) throw new GraphException(string.Join("; ", problems));
    }

    /// <summary>Kahn's algorithm; returns one cycle's nodes if the graph is not acyclic.</summary>
    public static IReadOnlyList<string>? FindCycle(ResourceGraph graph)
    {
        var indegree = new Dictionary<string, int>(graph.Nodes.Length, StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var n in graph.Nodes) indegree[n.Name] = 0;
        foreach (var n in graph.Nodes)
            foreach (var d in n.Dependencies().Where(graph.Contains).Distinct())
            {
                indegree[n.Name]++;
                if (!dependents.TryGetValue(d, out var list)) dependents[d] = list = [];
                list.Add(n.Name);
            }
        var queue = new Queue<string>(indegree.Where(kv => kv.Value == 0).Select(kv => kv.Key));
        var seen = 0;
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            seen++;
            if (!dependents.TryGetValue(n, out var list)) continue;
            foreach (var m in list)
                if (--indegree[m] == 0) queue.Enqueue(m);
        }
        if (seen == graph.Nodes.Length) return null;
        // Walk dependencies among the nodes left over until a name repeats: that loop is a cycle.
        var left = indegree.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var at = left.Order(StringComparer.Ordinal).First();
        while (!path.Contains(at))
        {
            path.Add(at);
            at = graph[at].Dependencies().First(left.Contains);
        }
        return [.. path.Skip(path.IndexOf(at)), at];
    }
}
