using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Graph;

public class GraphInvariantTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_stack_graph_holds_the_invariants(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        Assert.Empty(GraphValidator.Problems(g));
        Assert.Equal(g.Nodes.Length, g.Nodes.Select(n => n.Name).Distinct().Count());
        Assert.All(g.Resources, n => Assert.True(g.Find(n.Options.Parent!)?.IsComponent, $"{n.Name} is not under a component"));
        Assert.All(g.Nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.Reason), $"{n.Name} has no reason"));
        Assert.All(g.Nodes.Where(n => !n.IsComponent), n => Assert.Matches(@"^(aws|kubernetes|pulumi):[A-Za-z0-9./-]+:[A-Za-z0-9]+$|^pulumi:providers:[a-z]+$", n.Type));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Components_come_before_their_children(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var seen = new HashSet<string>();
        foreach (var n in g.Nodes)
        {
            if (n.Options.Parent is { } p) Assert.Contains(p, seen);
            seen.Add(n.Name);
        }
    }

    private static ResourceGraph Small(params ResourceNode[] extra)
    {
        var b = new GraphBuilder("t");
        var c = b.Component("net", "mattermost:infra:Network", "test");
        c.Add("vpc", "aws:ec2/vpc:Vpc", V.Map(("cidrBlock", "10.0.0.0/16")), "test");
        c.Add("subnet", "aws:ec2/subnet:Subnet", V.Map(("vpcId", V.Ref("vpc", "id"))), "test");
        foreach (var n in extra) b.Add(n);
        return b.Build();
    }

    [Fact]
    public void A_valid_small_graph_has_no_problems() => Assert.Empty(GraphValidator.Problems(Small()));

    [Fact]
    public void Duplicate_names_are_refused()
    {
        var b = new GraphBuilder("t");
        b.Component("net", "mattermost:infra:Network", "test");
        Assert.Throws<GraphException>(() => b.Component("net", "mattermost:infra:Network", "again"));
    }

    [Fact]
    public void Dangling_references_are_reported()
    {
        var g = Small(new ResourceNode("rt", "aws:ec2/routeTable:RouteTable", V.Map(("vpcId", V.Ref("vcp", "id"))), new NodeOptions { Parent = "net" }, "typo"));
        Assert.Contains(GraphValidator.Problems(g), p => p.Contains("rt: references ${vcp.id}"));
    }

    [Fact]
    public void Resources_outside_components_are_reported()
    {
        var g = Small(new ResourceNode("orphan", "aws:s3/bucket:Bucket", MapValue.Empty, NodeOptions.None, "no parent"));
        Assert.Contains(GraphValidator.Problems(g), p => p == "orphan: is not under any component");
    }

    [Fact]
    public void A_parent_must_be_a_component()
    {
        var g = Small(new ResourceNode("child", "aws:s3/bucket:Bucket", MapValue.Empty, new NodeOptions { Parent = "vpc" }, "bad parent"));
        Assert.Contains(GraphValidator.Problems(g), p => p.Contains("parent 'vpc' is not a component"));
    }

    [Fact]
    public void Cycles_are_found_and_named()
    {
        var g = Small(
            new ResourceNode("a", "aws:ec2/securityGroup:SecurityGroup", V.Map(("tags", V.Map(("peer", V.Ref("b", "id"))))), new NodeOptions { Parent = "net" }, "x"),
            new ResourceNode("b", "aws:ec2/securityGroup:SecurityGroup", V.Map(("tags", V.Map(("peer", V.Ref("a", "id"))))), new NodeOptions { Parent = "net" }, "x"));
        var cycle = GraphValidator.FindCycle(g);
        Assert.NotNull(cycle);
        Assert.Equal(cycle![0], cycle[^1]);
        Assert.Contains("a", cycle);
        Assert.Contains("b", cycle);
        Assert.Contains(GraphValidator.Problems(g), p => p.StartsWith("dependency cycle: "));
    }

    [Fact]
    public void Depends_on_must_name_a_node()
    {
        var g = Small(new ResourceNode("x", "aws:s3/bucket:Bucket", MapValue.Empty, new NodeOptions { Parent = "net", DependsOn = ["ghost"] }, "x"));
        Assert.Contains(GraphValidator.Problems(g), p => p == "x: depends on 'ghost', which does not exist");
    }

    [Fact]
    public void Replicated_graphs_keep_their_references_inside_each_copy()
    {
        var g = GraphTransforms.Replicate(Repo.Plan("production").Graph, 3, "synthetic");
        Assert.Equal(3 * Repo.Plan("production").Graph.Nodes.Length, g.Nodes.Length);
        Assert.Empty(GraphValidator.Problems(g));
        Assert.All(g.Nodes.SelectMany(n => n.References()), r => Assert.StartsWith("e", r.Resource));
    }

    [Fact]
    public void Values_compare_by_content()
    {
        Assert.Equal(V.Map(("a", V.List("x", 1)), ("b", true)), V.Map(("b", true), ("a", V.List("x", 1))));
        Assert.NotEqual(V.List("x"), V.List("y"));
        Assert.Equal(V.Concat("arn:", V.Ref("b", "arn"), "/*"), V.Concat("arn:", V.Ref("b", "arn"), "/", "*"));
        Assert.Equal("${b.masterUserSecrets[0].secretArn}", V.Ref("b", "masterUserSecrets[0].secretArn").Expression);
        Assert.Equal("masterUserSecrets", V.Ref("b", "masterUserSecrets[0].secretArn").OutputProperty);
    }
}
