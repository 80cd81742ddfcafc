using Infra.Core.Analysis;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

public class NetworkRuleTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Only_the_load_balancer_takes_traffic_from_outside_and_only_on_443_and_80(string stack)
    {
        var plan = Repo.Plan(stack);
        var clients = plan.Settings.AllowedClientCidrs.ToHashSet();
        var inbound = Reachability.Flows(plan.Graph).Where(f => f.Direction == "ingress").ToList();
        var external = inbound.Where(f => !plan.Graph.Contains(f.Source)).ToList();
        Assert.NotEmpty(external);
        Assert.All(external, f =>
        {
            Assert.Equal(NetworkComponent.LoadBalancerSg, f.Target);
            Assert.Contains(f.Source, clients);
            Assert.Equal("tcp", f.Protocol);
            Assert.True(f.FromPort == f.ToPort && f.FromPort is 443 or 80, $"{f.Rule} opens {f.Ports}");
        });
        // Every client network gets both ports, and nothing else does.
        Assert.Equal(clients.Count * 2, external.Count);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Internal_ports_are_open_only_between_the_right_roles(string stack)
    {
        var flows = Reachability.Flows(Repo.Plan(stack).Graph).Where(f => f.Direction == "ingress").ToList();
        void Only(int port, string target, params string[] sources)
        {
            var found = flows.Where(f => f.Covers(port) && f.Target == target).ToList();
            Assert.NotEmpty(found);
            Assert.All(found, f => Assert.Contains(f.Source, sources));
        }
        Only(8065, NetworkComponent.AppSg, NetworkComponent.LoadBalancerSg);
        Only(8074, NetworkComponent.AppSg, NetworkComponent.AppSg);
        Only(5432, NetworkComponent.DatabaseSg, NetworkComponent.AppSg, NetworkComponent.DatabaseRotationSg);
        Only(443, NetworkComponent.AwsApiEndpointSg, NetworkComponent.AppSg, NetworkComponent.DatabaseRotationSg);
        Assert.Equal(["tcp", "udp"], flows.Where(f => f.Covers(8074) && f.Protocol != "-1").Select(f => f.Protocol).Order().ToArray());
        Assert.DoesNotContain(flows, f => f.Covers(22) || f.Covers(3389));
        Assert.DoesNotContain(flows, f => f.Protocol == "-1");
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_default_security_group_is_emptied_and_flow_logs_are_on(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var dsg = Assert.Single(g.OfType(AwsTypes.DefaultSecurityGroup));
        Assert.Null(dsg.Properties["ingress"]);
        Assert.Null(dsg.Properties["egress"]);
        var flowLog = Assert.Single(g.OfType(AwsTypes.FlowLog));
        Assert.Equal(V.Ref("vpc", "id"), flowLog.Properties["vpcId"]);
        Assert.Equal(new StringValue("ALL"), flowLog.Properties["trafficType"]);
    }

    [Theory]
    [InlineData("pilot", 1)]
    [InlineData("staging", 3)]
    [InlineData("production", 3)]
    public void Nat_gateways_are_shared_in_the_pilot_and_per_zone_elsewhere(string stack, int nats)
    {
        var g = Repo.Plan(stack).Graph;
        Assert.Equal(nats, g.OfType(AwsTypes.NatGateway).Count());
        Assert.All(g.OfType(AwsTypes.Subnet), s => Assert.Equal(new BoolValue(false), s.Properties["mapPublicIpOnLaunch"]));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Databases_live_only_in_database_subnets_and_are_private(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var group = Assert.Single(g.OfType(AwsTypes.DbSubnetGroup));
        var ids = ((ListValue)group.Properties["subnetIds"]!).Items.Cast<RefValue>().Select(r => r.Resource);
        Assert.All(ids, id => Assert.StartsWith("databaseSubnet", id));
        Assert.All(g.OfType(AwsTypes.DbClusterInstance), i => Assert.Equal(new BoolValue(false), i.Properties["publiclyAccessible"]));
        var routes = g.OfType(AwsTypes.Route).Where(r => r.Properties["routeTableId"] is RefValue { Resource: "databaseRouteTable" });
        Assert.Empty(routes);
    }

    [Fact]
    public void Subnets_are_carved_without_overlap()
    {
        var subnets = Repo.Plan("production").Blueprint.Subnets.Select(s => System.Net.IPNetwork.Parse(s.CidrBlock)).ToList();
        var vpc = System.Net.IPNetwork.Parse(Repo.Settings("production").VpcCidr);
        for (var i = 0; i < subnets.Count; i++)
        {
            Assert.True(vpc.Contains(subnets[i].BaseAddress));
            for (var j = 0; j < i; j++)
                Assert.False(Infra.Core.Settings.Cidr.Overlaps(subnets[i], subnets[j]), $"{subnets[i]} overlaps {subnets[j]}");
        }
    }
}
