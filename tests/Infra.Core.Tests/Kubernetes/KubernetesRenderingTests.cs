using System.Text.Json;
using Infra.Core.Components;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Tests.Kubernetes;

public class KubernetesRenderingTests
{
    [Fact]
    public void The_json_plan_carries_the_kubernetes_sizing_and_config_values()
    {
        var plan = KubernetesPlans.Licensed();
        using var doc = JsonDocument.Parse(new JsonPlanRenderer().Render(plan));
        var k = doc.RootElement.GetProperty("sizing").GetProperty("kubernetes");
        Assert.Equal(plan.Blueprint.Sizing.Kubernetes!.Replicas, k.GetProperty("replicas").GetInt32());
        Assert.Equal(plan.Blueprint.Sizing.Kubernetes.NodeInstanceType, k.GetProperty("nodeInstanceType").GetString());
        var license = doc.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "mattermostLicense");
        Assert.Equal("${mattermost:licenseKey}", license.GetProperty("properties").GetProperty("stringData").GetProperty("license").GetProperty("fn::secret").GetString());
        Assert.False(Repo.Plan("pilot").Blueprint.Sizing.Kubernetes is not null);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void The_program_declares_the_operator_resource_in_a_config_group_and_the_string_functions_as_yaml(string stack)
    {
        var plan = Repo.Plan(stack);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName)));
        var resources = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["resources"];
        var group = (YamlMappingNode)resources[MattermostInstallation.Installation];
        Assert.Equal(KubernetesTypes.ConfigGroup, ((YamlScalarNode)group["type"]).Value);
        var obj = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)group["properties"])["objs"]).Children.Single();
        Assert.Equal("Mattermost", ((YamlScalarNode)obj["kind"]).Value);
        Assert.Equal("${kubernetesProvider}", ((YamlScalarNode)((YamlMappingNode)group["options"])["provider"]).Value);
        var trust = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)resources["vpcCniRole"])["properties"])["assumeRolePolicy"];
        var join = (YamlSequenceNode)trust["fn::join"];
        Assert.Equal("", ((YamlScalarNode)join[0]).Value);
        Assert.Contains(((YamlSequenceNode)join[1]).Children, c => c is YamlMappingNode m && m.Children.ContainsKey("fn::select"));
    }

    [Fact]
    public void The_node_cpu_alarm_watches_every_node_group()
    {
        var g = Repo.Plan("production").Graph;
        var alarm = g["appCpuAlarm"].Properties;
        var queries = ((ListValue)alarm["metricQueries"]!).Items.Cast<MapValue>().ToList();
        var groups = g.OfType(AwsTypes.EksNodeGroup).Select(n => n.Name).ToHashSet();
        Assert.Equal(groups, alarm.References().Select(r => r.Resource).ToHashSet());
        Assert.Equal(groups.Count + 1, queries.Count);
        Assert.Null(g.Find("app5xxRateAlarm")); // the controller's ALB is not in the graph, so its metrics cannot be named here
        Assert.Equal(Repo.Plan("pilot").Graph["appCpuAlarm"].Properties["dimensions"], V.Map(("AutoScalingGroupName", V.Ref("appAutoScalingGroup", "name"))));
    }

    [Fact]
    public void Eks_security_rules_open_the_nodes_only_to_the_control_plane()
    {
        var g = Repo.Plan("production").Graph;
        var flows = Infra.Core.Analysis.Reachability.Flows(g).Where(f => f.Direction == "ingress").ToList();
        var toNodes = flows.Where(f => f.Target == NetworkComponent.AppSg).ToList();
        Assert.All(toNodes.Where(f => f.Source == NetworkComponent.ControlPlaneSg), f => Assert.Contains(f.FromPort, new[] { 443, 9443, 10250 }));
        Assert.All(toNodes.Where(f => f.Covers(10250) || f.Covers(9443)), f => Assert.Equal(NetworkComponent.ControlPlaneSg, f.Source));
        Assert.All(toNodes.Where(f => f.Covers(53)), f => Assert.Equal(NetworkComponent.AppSg, f.Source));
        var toApi = flows.Where(f => f.Target == NetworkComponent.ControlPlaneSg).ToList();
        Assert.Equal([NetworkComponent.AppSg], toApi.Select(f => f.Source).Distinct());
        Assert.Equal(V.List(V.Ref(NetworkComponent.ControlPlaneSg, "id")), ((MapValue)g["eksCluster"].Properties["vpcConfig"]!)["securityGroupIds"]);
    }

    [Fact]
    public void Private_api_networks_get_443_to_the_control_plane_and_nothing_else()
    {
        var plan = KubernetesPlans.For(Repo.Settings("production") with { ClusterEndpointPrivateCidrs = ["10.99.0.0/16"] });
        var flows = Infra.Core.Analysis.Reachability.Flows(plan.Graph).Where(f => f.Source == "10.99.0.0/16").ToList();
        var flow = Assert.Single(flows);
        Assert.Equal(NetworkComponent.ControlPlaneSg, flow.Target);
        Assert.Equal(443, flow.FromPort);
    }
}
