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
}
