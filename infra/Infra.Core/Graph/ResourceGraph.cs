using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Infra.Core.Graph;

/// <summary>
/// The desired state of one stack: resources in declaration order (components before their children),
/// the lookups they read and the stack outputs. Everything downstream (renderers, policies, diff, the
/// Pulumi program) reads only this.
/// </summary>
public sealed class ResourceGraph
{
    private readonly FrozenDictionary<string, ResourceNode> _byName;
    private readonly FrozenDictionary<string, GraphLookup> _lookups;

    public ResourceGraph(string stack, IEnumerable<ResourceNode> nodes, IEnumerable<GraphLookup> lookups, IEnumerable<GraphOutput> outputs)
    {
        Stack = stack;
        Nodes = [.. nodes];
        Lookups = [.. lookups];
        Outputs = [.. outputs];
        var byName = new Dictionary<string, ResourceNode>(Nodes.Length, StringComparer.Ordinal);
        foreach (var n in Nodes)
        {
            if (!byName.TryAdd(n.Name, n))
                throw new GraphException($"two resources are named '{n.Name}'");
        }
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _lookups = Lookups.ToFrozenDictionary(l => l.Name, StringComparer.Ordinal);
    }

    public string Stack { get; }
    public ImmutableArray<ResourceNode> Nodes { get; }
    public ImmutableArray<GraphLookup> Lookups { get; }
    public ImmutableArray<GraphOutput> Outputs { get; }

    public ResourceNode this[string name] =>
        _byName.TryGetValue(name, out var n) ? n : throw new KeyNotFoundException($"no resource named '{name}'");

    public ResourceNode? Find(string name) => _byName.GetValueOrDefault(name);

    public GraphLookup? FindLookup(string name) => _lookups.GetValueOrDefault(name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public IEnumerable<ResourceNode> Components => Nodes.Where(n => n.IsComponent);

    public IEnumerable<ResourceNode> Resources => Nodes.Where(n => !n.IsComponent);

    public IEnumerable<ResourceNode> OfType(string type) => Nodes.Where(n => n.Type == type);

    public IEnumerable<ResourceNode> ChildrenOf(string component) =>
        Nodes.Where(n => n.Options.Parent == component);

    /// <summary>Returns a copy with one node replaced: used by tests and policy mutation checks.</summary>
    public ResourceGraph With(ResourceNode node) =>
        new(Stack, Nodes.Select(n => n.Name == node.Name ? node : n), Lookups, Outputs);

    public ResourceGraph Without(string name) =>
        new(Stack, Nodes.Where(n => n.Name != name), Lookups, Outputs);

    public ResourceGraph WithAdded(ResourceNode node) =>
        new(Stack, Nodes.Append(node), Lookups, Outputs);
}

public sealed class GraphException(string message) : Exception(message);
