using Infra.Core.Components;
using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>
/// Relations the policies share, read once per graph: who refers to whom, which subnets are public and in
/// which zone, which security groups front the load balancer or the app, and what runs the app.
/// Everything is derived from resource types and references, so it works on any program's graph.
/// </summary>
public sealed class GraphFacts
{
    private readonly ResourceGraph _graph;
    private readonly Dictionary<string, List<ResourceNode>> _referencedBy = new(StringComparer.Ordinal);

    public GraphFacts(ResourceGraph graph)
    {
        _graph = graph;
        foreach (var n in graph.Nodes)
            foreach (var target in n.References().Select(r => r.Resource).Distinct(StringComparer.Ordinal))
            {
                if (!_referencedBy.TryGetValue(target, out var list)) _referencedBy[target] = list = [];
                list.Add(n);
            }
        LoadBalancerGroups = FindLoadBalancerGroups();
        AppCompute = FindAppCompute();
        AppGroups = FindAppGroups();
    }

    public ResourceGraph Graph => _graph;

    /// <summary>The node a plain reference points at.</summary>
    public ResourceNode? Target(Value? v) => RefName(v) is { } name ? _graph.Find(name) : null;

    /// <summary>Nodes of the given types that mention <paramref name="name"/> in any property.</summary>
    public IEnumerable<ResourceNode> ReferencedBy(string name, params string[] types) =>
        _referencedBy.TryGetValue(name, out var list) ? list.Where(n => types.Length == 0 || types.Contains(n.Type)) : [];

    /// <summary>Nodes of the given types whose <paramref name="property"/> refers to <paramref name="name"/>.</summary>
    public IEnumerable<ResourceNode> ReferencedThrough(string name, string property, params string[] types) =>
        ReferencedBy(name, types).Where(n => RefNames(n.Properties.At(property)).Contains(name, StringComparer.Ordinal));

    public IEnumerable<ResourceNode> OfTypes(params string[] types) => _graph.Nodes.Where(n => types.Contains(n.Type));

    // ---- subnets and routes ----------------------------------------------------------------------

    public string? ZoneOf(ResourceNode subnet) => Text(subnet.Properties["availabilityZone"]);

    public IEnumerable<string> Zones(IEnumerable<Value> subnetRefs) =>
        subnetRefs.Select(Target).OfType<ResourceNode>().Select(ZoneOf).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>The route table associated with a subnet, if the program declares the association.</summary>
    public ResourceNode? RouteTableOf(ResourceNode subnet) =>
        ReferencedThrough(subnet.Name, "subnetId", AwsTypes.RouteTableAssociation)
            .Select(a => Target(a.Properties["routeTableId"])).OfType<ResourceNode>().FirstOrDefault();

    /// <summary>Targets of the default routes (0.0.0.0/0 or ::/0) of a route table: route resources and inline routes.</summary>
    public IReadOnlyList<Value> DefaultRouteTargets(ResourceNode routeTable)
    {
        var targets = new List<Value>();
        static bool IsDefault(MapValue m) =>
            Text(m["destinationCidrBlock"] ?? m["cidrBlock"]) == "0.0.0.0/0" || Text(m["destinationIpv6CidrBlock"] ?? m["ipv6CidrBlock"]) == "::/0";
        static Value? TargetOf(MapValue m) =>
            m["gatewayId"] ?? m["natGatewayId"] ?? m["transitGatewayId"] ?? m["networkInterfaceId"] ?? m["vpcPeeringConnectionId"] ?? m["egressOnlyGatewayId"];
        foreach (var r in ReferencedThrough(routeTable.Name, "routeTableId", AwsTypes.Route))
            if (IsDefault(r.Properties) && TargetOf(r.Properties) is { } t) targets.Add(t);
        foreach (var r in Items(routeTable.Properties["routes"]).OfType<MapValue>())
            if (IsDefault(r) && TargetOf(r) is { } t) targets.Add(t);
        return targets;
    }

    /// <summary>A subnet is public when its default route goes to an internet gateway.</summary>
    public bool IsPublic(ResourceNode subnet) =>
        RouteTableOf(subnet) is { } rt && DefaultRouteTargets(rt).Any(t =>
            Target(t) is { Type: AwsTypes.InternetGateway } || Text(t)?.StartsWith("igw-", StringComparison.Ordinal) == true);

    /// <summary>The NAT gateway a subnet's default route uses, if any.</summary>
    public ResourceNode? NatOf(ResourceNode subnet) =>
        RouteTableOf(subnet) is { } rt ? DefaultRouteTargets(rt).Select(Target).FirstOrDefault(n => n?.Type == AwsTypes.NatGateway) : null;

    // ---- security groups -------------------------------------------------------------------------

    /// <summary>Security groups of load balancers (and those an ingress controller is told to put on its ALB).</summary>
    public IReadOnlySet<string> LoadBalancerGroups { get; }

    /// <summary>Security groups attached to whatever runs Mattermost (launch templates, instances, EKS clusters).</summary>
    public IReadOnlySet<string> AppGroups { get; }

    private HashSet<string> FindLoadBalancerGroups()
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lb in OfTypes(Types.LoadBalancers))
            groups.UnionWith(RefNames(lb.Properties["securityGroups"]));
        foreach (var n in _graph.Nodes)
            foreach (var v in Annotations(n.Properties, "alb.ingress.kubernetes.io/security-groups"))
                groups.UnionWith(RefNames(v));
        return groups;
    }

    private static IEnumerable<Value> Annotations(Value v, string key)
    {
        switch (v)
        {
            case MapValue m:
                foreach (var (k, item) in m.Entries)
                {
                    if (k == key) yield return item;
                    foreach (var inner in Annotations(item, key)) yield return inner;
                }
                break;
            case ListValue l:
                foreach (var item in l.Items)
                    foreach (var inner in Annotations(item, key)) yield return inner;
                break;
            case FunctionValue f:
                foreach (var inner in Annotations(f.Argument, key)) yield return inner;
                break;
        }
    }

    private HashSet<string> FindAppGroups()
    {
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in AppCompute)
        {
            var p = c.Node.Properties;
            groups.UnionWith(RefNames(p["vpcSecurityGroupIds"]));
            groups.UnionWith(RefNames(p["securityGroups"]));
            foreach (var nic in Items(p["networkInterfaces"]).OfType<MapValue>()) groups.UnionWith(RefNames(nic["securityGroups"]));
            if (c.LaunchTemplate is { } lt)
            {
                groups.UnionWith(RefNames(lt.Properties["vpcSecurityGroupIds"]));
                foreach (var nic in Items(lt.Properties["networkInterfaces"]).OfType<MapValue>()) groups.UnionWith(RefNames(nic["securityGroups"]));
            }
        }
        // The EKS control plane's own groups (vpcConfig.securityGroupIds) are not app groups: nodes must reach
        // the API on 443, and that is the cluster's traffic, not a way around the load balancer.
        groups.RemoveWhere(g => _graph.Find(g)?.Type != AwsTypes.SecurityGroup || LoadBalancerGroups.Contains(g));
        return groups;
    }

    // ---- what runs the app -----------------------------------------------------------------------

    /// <summary>Auto scaling groups, EC2 instances and EKS node groups, with their launch templates.</summary>
    public IReadOnlyList<AppCompute> AppCompute { get; }

    private List<AppCompute> FindAppCompute()
    {
        var result = new List<AppCompute>();
        foreach (var n in _graph.Nodes)
        {
            switch (n.Type)
            {
                case AwsTypes.AutoScalingGroup:
                {
                    var lt = Target(n.Properties.At("launchTemplate.id")) ?? Target(n.Properties.At("launchTemplate.name"))
                        ?? Target(n.Properties.At("mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.launchTemplateId"));
                    var nodes = (int)(Number(n.Properties["desiredCapacity"]) ?? Number(n.Properties["minSize"]) ?? 0);
                    var type = Text(lt?.Properties["instanceType"]);
                    result.Add(new AppCompute(n, lt, type, nodes, (int)(Number(n.Properties["maxSize"]) ?? nodes), [.. Items(n.Properties["vpcZoneIdentifiers"])]));
                    break;
                }
                case Types.Ec2Instance:
                    result.Add(new AppCompute(n, Target(n.Properties.At("launchTemplate.id")), Text(n.Properties["instanceType"]), 1, 1,
                        n.Properties["subnetId"] is { } sn ? [sn] : []));
                    break;
                case AwsTypes.EksNodeGroup:
                {
                    var lt = Target(n.Properties.At("launchTemplate.id")) ?? Target(n.Properties.At("launchTemplate.name"));
                    var type = Texts(n.Properties["instanceTypes"]).FirstOrDefault() ?? Text(lt?.Properties["instanceType"]);
                    var nodes = (int)(Number(n.Properties.At("scalingConfig.desiredSize")) ?? Number(n.Properties.At("scalingConfig.minSize")) ?? 0);
                    result.Add(new AppCompute(n, lt, type, nodes, (int)(Number(n.Properties.At("scalingConfig.maxSize")) ?? nodes), [.. Items(n.Properties["subnetIds"])]));
                    break;
                }
            }
        }
        return result;
    }

    // ---- environment -----------------------------------------------------------------------------

    /// <summary>The most common value of the <c>environment</c> tag, which every resource here carries.</summary>
    public string? TaggedEnvironment() =>
        _graph.Nodes.Select(n => Text(n.Properties.At("tags.environment"))).OfType<string>()
            .GroupBy(e => e, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
}

/// <summary>Something that runs Mattermost: how many nodes of which type, in which subnets.</summary>
public sealed record AppCompute(ResourceNode Node, ResourceNode? LaunchTemplate, string? InstanceType, int Nodes, int MaxNodes, IReadOnlyList<Value> Subnets);
