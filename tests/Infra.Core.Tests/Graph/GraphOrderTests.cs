using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Graph;

public class GraphOrderTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_node_comes_after_everything_it_needs(string stack)
    {
        var graph = Repo.Plan(stack).Graph;
        var order = GraphOrder.Topological(graph);

        Assert.Equal(graph.Nodes.Select(n => n.Name).Order(), order.Select(n => n.Name).Order());
        var position = order.Select((n, i) => (n.Name, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var n in order)
            foreach (var d in n.Dependencies().Where(graph.Contains))
                Assert.True(position[d] < position[n.Name], $"{n.Name} is created before {d}, which it needs");
    }

    [Fact]
    public void Forward_references_are_reordered_and_otherwise_declaration_order_is_kept()
    {
        var g = new GraphBuilder("test");
        var c = g.Component("app", "mattermost:infra:MattermostCluster", "test");
        c.Add("listener", "aws:lb/listener:Listener", V.Map(("loadBalancerArn", V.Ref("lb", "arn"))), "test");
        c.Add("alarm", "aws:cloudwatch/metricAlarm:MetricAlarm", MapValue.Empty, "test");
        c.Add("lb", "aws:lb/loadBalancer:LoadBalancer", MapValue.Empty, "test", new NodeOptions { DependsOn = ["role"] });
        c.Add("role", "aws:iam/role:Role", MapValue.Empty, "test");

        var order = GraphOrder.Topological(g.Build()).Select(n => n.Name);

        Assert.Equal<string>(["app", "alarm", "role", "lb", "listener"], order);
    }

    [Fact]
    public void A_cycle_is_refused_and_named()
    {
        var g = new GraphBuilder("test");
        var c = g.Component("net", "mattermost:infra:Network", "test");
        c.Add("a", "aws:ec2/vpc:Vpc", V.Map(("x", V.Ref("b", "id"))), "test");
        c.Add("b", "aws:ec2/subnet:Subnet", V.Map(("vpcId", V.Ref("a", "id"))), "test");

        var e = Assert.Throws<GraphException>(() => GraphOrder.Topological(g.Build()));
        Assert.Contains("a -> b -> a", e.Message);
    }
}
