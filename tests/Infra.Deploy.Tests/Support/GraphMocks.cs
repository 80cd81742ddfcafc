using System.Collections.Concurrent;
using System.Collections.Immutable;
using Infra.Core.Graph;
using Pulumi.Testing;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// A mock engine for one graph. Every output the graph reads (<c>${node.path}</c>) is answered with a
/// marker naming that reference, shaped so that the path leads to it, e.g. <c>masterUserSecrets[0].secretArn</c>
/// gets [{secretArn: "&lt;databaseCluster.masterUserSecrets[0].secretArn&gt;"}]. The expected inputs of a
/// resource are then the graph's properties with each reference replaced by its marker.
/// </summary>
public sealed class GraphMocks : IMocks
{
    private readonly ResourceGraph _graph;
    private readonly Dictionary<string, ImmutableDictionary<string, object>> _outputs;

    public GraphMocks(ResourceGraph graph)
    {
        _graph = graph;
        var trees = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var values = graph.Nodes.Select(n => (Value)n.Properties)
            .Concat(graph.Lookups.Select(l => (Value)l.Arguments))
            .Concat(graph.Outputs.Select(o => o.Value));
        foreach (var r in values.SelectMany(v => v.References()))
        {
            if (!trees.TryGetValue(r.Resource, out var tree)) trees[r.Resource] = tree = [];
            Put(tree, RefPath.Parse(r.Path), Marker(r), r);
        }
        _outputs = trees.ToDictionary(kv => kv.Key, kv => (ImmutableDictionary<string, object>)Freeze(kv.Value)!, StringComparer.Ordinal);
    }

    /// <summary>Every resource the program registered, in registration order.</summary>
    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    public ConcurrentQueue<MockCallArgs> Calls { get; } = new();

    /// <summary>
    /// The marker of a reference. The EKS OIDC provider's ARN is shaped like a real one, because the IRSA
    /// trust policies cut the issuer's host out of it (fn::select of fn::split on "oidc-provider/").
    /// </summary>
    public static string Marker(RefValue r) =>
        r.Resource == Infra.Core.Components.Kubernetes.EksClusterComponent.OidcProvider && r.Path == "arn"
            ? $"arn:aws:iam::111122223333:oidc-provider/<{r.Resource}.{r.Path}>"
            : $"<{r.Resource}.{r.Path}>";

    public static string IdOf(string name) => $"<{name}.id>";

    public MockResourceArgs Of(string name) => Registered.Single(r => r.Name == name);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registered.Enqueue(args);
        var state = args.Inputs.ToBuilder();
        if (_outputs.TryGetValue(args.Name!, out var outputs))
            foreach (var (key, value) in outputs) state[key] = value;
        return Task.FromResult<(string?, object)>((IdOf(args.Name!), state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        Calls.Enqueue(args);
        // Lookups of one function (the secrets a stack names by ARN) are told apart by their arguments.
        var candidates = _graph.Lookups.Where(l => l.Function == args.Token).ToList();
        var lookup = candidates.Count == 1 ? candidates[0] : candidates.Single(l => l.Arguments.Entries.All(kv =>
            kv.Value is StringValue s && args.Args.TryGetValue(kv.Key, out var given) && Equals(given, s.Text)));
        return Task.FromResult<object>(_outputs.GetValueOrDefault(lookup.Name) ?? ImmutableDictionary<string, object>.Empty);
    }

    private static void Put(Dictionary<string, object?> root, ImmutableArray<PathStep> steps, string marker, RefValue r)
    {
        if (steps is [PathStep.Property { Name: "id" }]) return; // the id is the one NewResourceAsync returns
        object container = root;
        for (var i = 0; i < steps.Length; i++)
        {
            var last = i == steps.Length - 1;
            object? Make() => last ? marker : steps[i + 1] is PathStep.Index ? new List<object?>() : new Dictionary<string, object?>();
            switch (steps[i], container)
            {
                case (PathStep.Property p, Dictionary<string, object?> map):
                    if (!map.TryGetValue(p.Name, out var next) || next is null) map[p.Name] = next = Make();
                    container = next!;
                    break;
                case (PathStep.Index ix, List<object?> list):
                    while (list.Count <= ix.Position) list.Add(null);
                    list[ix.Position] ??= Make();
                    container = list[ix.Position]!;
                    break;
                default:
                    throw new InvalidOperationException($"{r.Expression} conflicts with another reference to '{r.Resource}'");
            }
            if (last && !Equals(container, marker))
                throw new InvalidOperationException($"{r.Expression} conflicts with another reference to '{r.Resource}'");
        }
    }

    private static object? Freeze(object? value) => value switch
    {
        Dictionary<string, object?> map => map.ToImmutableDictionary(kv => kv.Key, kv => Freeze(kv.Value)!),
        List<object?> list => list.Select(i => Freeze(i) ?? ImmutableDictionary<string, object>.Empty).ToImmutableArray(),
        _ => value,
    };
}
