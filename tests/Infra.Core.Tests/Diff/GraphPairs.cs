using Infra.Core.Components;
using Infra.Core.Graph;

namespace Infra.Core.Tests.Diff;

/// <summary>Hand-made graphs for diff tests: one component and whatever resources a test declares under it.</summary>
internal static class GraphPairs
{
    public const string Component = "network";

    public static ResourceGraph G(params ResourceNode[] resources) => G(resources, []);

    public static ResourceGraph G(IEnumerable<ResourceNode> resources, IEnumerable<GraphOutput> outputs) =>
        new("test", [new ResourceNode(Component, ComponentTypes.Network, MapValue.Empty, NodeOptions.None, "component"), .. resources], [], outputs);

    public static ResourceNode Node(string name, string type, MapValue properties, NodeOptions? options = null) =>
        new(name, type, properties, (options ?? NodeOptions.None) with { Parent = (options ?? NodeOptions.None).Parent ?? Component }, $"{name} for a test");

    public static ResourceNode Vpc(string cidr = "10.0.0.0/16", string owner = "a") =>
        Node("vpc", AwsTypes.Vpc, V.Map(("cidrBlock", cidr), ("tags", V.Map(("owner", owner)))));

    public static ResourceNode Subnet(string name = "subnetA", string zone = "us-east-1a") =>
        Node(name, AwsTypes.Subnet, V.Map(("vpcId", V.Ref("vpc", "id")), ("cidrBlock", "10.0.1.0/24"), ("availabilityZone", zone)));
}
