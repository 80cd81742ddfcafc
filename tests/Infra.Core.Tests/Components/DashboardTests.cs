using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

/// <summary>Each stack's capacity dashboard: its fixed name, the signals of its own resources, and the sized capacity beside them.</summary>
public class DashboardTests
{
    private static (ResourceNode Node, MapValue Body) Dashboard(string stack)
    {
        var node = Repo.Plan(stack).Graph.Nodes.Single(n => n.Type == AwsTypes.Dashboard);
        var body = (MapValue)((FunctionValue)node.Properties["dashboardBody"]!).Argument;
        return (node, body);
    }

    private static IEnumerable<MapValue> Widgets(MapValue body) => ((ListValue)body["widgets"]!).Items.Cast<MapValue>();

    private static MapValue Widget(MapValue body, string titleStart) =>
        Widgets(body).Single(w => ((MapValue)w["properties"]!)["title"] is StringValue t && t.Text.StartsWith(titleStart, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_stack_has_one_named_dashboard_in_observability_and_outputs_its_name(string stack)
    {
        var plan = Repo.Plan(stack);
        var (node, _) = Dashboard(stack);
        Assert.Equal(ObservabilityComponent.Name, node.Options.Parent);
        Assert.Equal(new StringValue($"mattermost-{stack}-capacity"), node.Properties["dashboardName"]);
        Assert.Equal(new StringValue($"mattermost-{stack}-capacity"), plan.Graph.Outputs.Single(o => o.Name == "dashboardName").Value);
        var signals = (MapValue)plan.Graph.Outputs.Single(o => o.Name == "capacitySignals").Value;
        Assert.Equal(new StringValue(stack), signals["stack"]);
        Assert.Equal(plan.Blueprint.Sizing.Database.Instances, ((ListValue)signals["databaseInstances"]!).Items.Length);
    }

    [Fact]
    public void The_vm_tier_watches_its_group_its_instances_and_its_load_balancer_with_the_sized_capacity_marked()
    {
        var (_, body) = Dashboard("pilot");
        var app = (MapValue)Widget(body, "App CPU %")["properties"]!;
        Assert.Equal(V.List(V.List("AWS/EC2", "CPUUtilization", "AutoScalingGroupName", V.Ref("appAutoScalingGroup", "name"))), app["metrics"]);
        // Pilot: 1 x c7i.large (2 vCPU); the reference predicts 0.85 x 1.5 vCPU at the peak of 150 (63.75 % -> 64) and
        // 0.85 x 1.88 at the design load of 188 (79.9 % -> 80).
        var lines = ((ListValue)((MapValue)app["annotations"]!)["horizontal"]!).Items.Cast<MapValue>().Select(l => l["value"]).ToList();
        Assert.Equal([new NumberValue(85), new NumberValue(64), new NumberValue(80)], lines);
        var db = (MapValue)Widget(body, "Database CPU %")["properties"]!;
        Assert.Equal(V.List(V.List("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", V.Ref("databaseWriter", "identifier"))), db["metrics"]);
        var connections = (MapValue)Widget(body, "Database connections")["properties"]!;
        Assert.Contains("max_connections 1024", ((ListValue)((MapValue)connections["annotations"]!)["horizontal"]!).Items.Cast<MapValue>().Select(l => ((StringValue)l["label"]!).Text));
        var lb = (MapValue)Widget(body, "Load balancer")["properties"]!;
        Assert.Contains(V.Ref("loadBalancer", "arnSuffix"), lb.References());
    }

    [Fact]
    public void The_kubernetes_tier_watches_each_node_group_every_instance_and_the_pods()
    {
        var plan = Repo.Plan("production");
        var (_, body) = Dashboard("production");
        var app = (MapValue)Widget(body, "App CPU %")["properties"]!;
        Assert.Equal(plan.Graph.Nodes.Count(n => n.Type == AwsTypes.EksNodeGroup), ((ListValue)app["metrics"]!).Items.Length);
        var db = (MapValue)Widget(body, "Database CPU %")["properties"]!;
        Assert.Equal(plan.Blueprint.Sizing.Database.Instances, ((ListValue)db["metrics"]!).Items.Length);
        Assert.Contains(V.Ref("databaseReader2", "identifier"), db.References());
        var pods = (MapValue)Widget(body, "Mattermost pods CPU")["properties"]!;
        Assert.Contains(V.Ref("eksCluster", "name"), pods.References());
        var lb = (MapValue)Widget(body, "Load balancer mattermost-production")["properties"]!;
        var search = ((StringValue)((MapValue)((ListValue)((ListValue)lb["metrics"]!).Items[0]).Items[0])["expression"]!).Text;
        Assert.Equal("SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\"RequestCount\" LoadBalancer=\"mattermost-production\"', 'Sum', 300)", search);
    }
}
