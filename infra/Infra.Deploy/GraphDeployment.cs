using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Deploy.Resources;
using Infra.Deploy.Values;
using Pulumi;

namespace Infra.Deploy;

/// <summary>
/// Registers a graph with Pulumi: one component resource per component node, every other node as a
/// resource of its own type token, parented to its component, with its options from the graph and the
/// provider plugin version pinned in Infra.Core.Rendering.ProviderPins. Nodes are created in dependency
/// order, so a reference always finds the resource it reads. Nothing here decides what to deploy: that
/// is the graph's job, and is tested in the core.
/// </summary>
public sealed class GraphDeployment
{
    private readonly ResourceGraph _graph;
    private readonly Dictionary<string, IGraphResource> _created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Output<ImmutableDictionary<string, object>>> _lookups = new(StringComparer.Ordinal);
    private readonly GraphValues _values;

    private GraphDeployment(ResourceGraph graph)
    {
        _graph = graph;
        _values = new GraphValues(Reference);
    }

    /// <summary>The registered resources by node name.</summary>
    public IReadOnlyDictionary<string, IGraphResource> Resources => _created;

    /// <summary>The stack outputs, secret where the graph says so.</summary>
    public IDictionary<string, object?> Outputs { get; private set; } = new Dictionary<string, object?>();

    public static GraphDeployment Deploy(ResourceGraph graph)
    {
        var problems = GraphValidator.Problems(graph).Concat(ReferenceableOutputs.Problems(graph)).ToList();
        if (problems.Count > 0)
            throw new RunException($"the desired-state graph of stack '{graph.Stack}' cannot be deployed:"
                + string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}")));

        var deployment = new GraphDeployment(graph);
        foreach (var node in GraphOrder.Topological(graph))
            deployment._created[node.Name] = deployment.Register(node);
        foreach (var component in deployment._created.Values.OfType<GraphComponent>())
            component.Complete();
        deployment.Outputs = graph.Outputs.ToDictionary(
            o => o.Name,
            o => (object?)(o.Secret ? Output.CreateSecret(deployment._values.Resolve(o.Value)) : deployment._values.Resolve(o.Value)),
            StringComparer.Ordinal);
        return deployment;
    }

    private IGraphResource Register(ResourceNode node)
    {
        if (node.IsComponent)
            return new GraphComponent(node.Type, node.Name, Options(node, new ComponentResourceOptions()));
        var args = new DictionaryResourceArgs(_values.Inputs(node.Properties));
        if (node.IsProvider)
            return new GraphProvider(node.Type["pulumi:providers:".Length..], node.Name, args, CustomOptions(node));
        if (node.IsProviderComponent())
            return new GraphProviderComponent(node.Type, node.Name, args, Options(node, new ComponentResourceOptions()));
        return new GraphResource(node.Type, node.Name, args, CustomOptions(node));
    }

    private CustomResourceOptions CustomOptions(ResourceNode node)
    {
        var options = Options(node, new CustomResourceOptions());
        options.AdditionalSecretOutputs.AddRange(node.Options.AdditionalSecretOutputs);
        return options;
    }

    private T Options<T>(ResourceNode node, T options) where T : ResourceOptions
    {
        var o = node.Options;
        options.Parent = o.Parent is { } parent ? _created[parent].Resource : null;
        options.Provider = o.Provider is { } provider ? (ProviderResource)_created[provider].Resource : null;
        options.DependsOn = o.DependsOn.Select(d => _created[d].Resource).ToList();
        options.Protect = o.Protect;
        options.RetainOnDelete = o.RetainOnDelete;
        options.IgnoreChanges.AddRange(o.IgnoreChanges);
        options.Version = ProviderPins.VersionFor(node.Type);
        return options;
    }

    /// <summary>A reference to a resource output or a lookup's result, followed along its path.</summary>
    private Output<object?> Reference(RefValue r)
    {
        var steps = RefPath.Parse(r.Path);
        if (_graph.FindLookup(r.Resource) is { } lookup)
            return Lookup(lookup).Apply(result => PathNavigation.Follow(result, steps, r));
        var resource = _created.TryGetValue(r.Resource, out var created) ? created
            : throw new InvalidOperationException($"{r.Expression} is read before '{r.Resource}' is registered");
        var output = (steps.Length > 0 ? resource.Output(r.OutputProperty) : null)
            ?? throw new RunException($"{r.Expression}: '{r.OutputProperty}' is not a declared output of the program's resources (Infra.Core.Graph.ReferenceableOutputs)");
        return steps.Length == 1 ? output : output.Apply(value => PathNavigation.Follow(value, steps.Skip(1), r));
    }

    /// <summary>Each lookup is invoked once, when something first reads it, with its provider's pinned version.</summary>
    private Output<ImmutableDictionary<string, object>> Lookup(GraphLookup lookup)
    {
        if (!_lookups.TryGetValue(lookup.Name, out var result))
        {
            result = Deployment.Instance.Invoke<ImmutableDictionary<string, object>>(
                lookup.Function,
                new DictionaryInvokeArgs(_values.Inputs(lookup.Arguments)),
                new InvokeOptions { Version = ProviderPins.VersionFor(lookup.Function) });
            _lookups[lookup.Name] = result;
        }
        return result;
    }
}
