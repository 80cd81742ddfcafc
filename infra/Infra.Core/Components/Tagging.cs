using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>The stack's tags plus a Name tag, for every taggable resource.</summary>
public static class Tagging
{
    public static MapValue Tags(EnvironmentBlueprint bp, string name) =>
        V.StringMap(bp.Tags.SetItem("Name", $"{bp.Prefix}-{name}"));

    /// <summary>Auto scaling groups take tags as a list and copy them to the instances they launch.</summary>
    public static ListValue AsgTags(EnvironmentBlueprint bp, string name) =>
        V.List(bp.Tags.SetItem("Name", $"{bp.Prefix}-{name}")
            .Select(kv => (Value)V.Map(("key", kv.Key), ("value", kv.Value), ("propagateAtLaunch", true))));

    /// <summary>
    /// Gives every taggable resource that a component declared without tags the stack's tags, named
    /// after the node, so that no resource escapes cost allocation and ownership however it was built.
    /// </summary>
    public static ResourceGraph Complete(ResourceGraph graph, EnvironmentBlueprint bp)
    {
        var nodes = graph.Nodes.Select(n =>
            !TaggableTypes.IsTaggable(n.Type) || n.Properties["tags"] is not null ? n
            : n with { Properties = n.Properties.With("tags", TaggableTypes.ListTagged.Contains(n.Type) ? AsgTags(bp, n.Name) : Tags(bp, n.Name)) });
        return new ResourceGraph(graph.Stack, nodes, graph.Lookups, graph.Outputs);
    }
}
