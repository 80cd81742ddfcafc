namespace Infra.Core.Graph;

/// <summary>
/// Collects nodes while component builders run. A component is opened with <see cref="Component"/>,
/// and every resource added through the returned scope is parented to it.
/// </summary>
public sealed class GraphBuilder(string stack)
{
    private readonly List<ResourceNode> _nodes = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<GraphLookup> _lookups = [];
    private readonly List<GraphOutput> _outputs = [];

    public string Stack { get; } = stack;

    public int Count => _nodes.Count;

    /// <summary>
    /// Adds a node. A Kubernetes object gets its apiVersion and kind from its token here, the one place every
    /// node passes through (<see cref="KubernetesObjectType"/>): what the graph holds is what is sent.
    /// </summary>
    public ResourceNode Add(ResourceNode node)
    {
        node = node with { Properties = KubernetesObjectType.Stamp(node.Name, node.Type, node.Properties) };
        if (!_names.Add(node.Name))
            throw new GraphException($"two resources are named '{node.Name}'");
        _nodes.Add(node);
        return node;
    }

    public ComponentScope Component(string name, string type, string reason, MapValue? properties = null)
    {
        Add(new ResourceNode(name, type, properties ?? MapValue.Empty, NodeOptions.None, reason));
        return new ComponentScope(this, name);
    }

    public GraphLookup Lookup(string name, string function, MapValue arguments, string reason)
    {
        if (_names.Contains(name) || _lookups.Any(l => l.Name == name))
            throw new GraphException($"lookup '{name}' clashes with another name");
        var lookup = new GraphLookup(name, function, arguments, reason);
        _lookups.Add(lookup);
        return lookup;
    }

    public bool HasLookup(string name) => _lookups.Any(l => l.Name == name);

    public void Output(string name, Value value, string description, bool secret = false) =>
        _outputs.Add(new GraphOutput(name, value, secret, description));

    public ResourceGraph Build() => new(Stack, _nodes, _lookups, _outputs);
}

/// <summary>Adds resources under one component node.</summary>
public sealed class ComponentScope(GraphBuilder builder, string component)
{
    public string Name { get; } = component;

    public GraphBuilder Graph => builder;

    public ResourceNode Add(string name, string type, MapValue properties, string reason, NodeOptions? options = null) =>
        builder.Add(new ResourceNode(name, type, properties, (options ?? NodeOptions.None) with { Parent = Name }, reason));
}
