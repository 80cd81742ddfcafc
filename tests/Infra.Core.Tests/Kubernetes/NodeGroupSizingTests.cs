using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

public class NodeGroupSizingTests
{
    [Theory]
    [InlineData(2, 70)]
    [InlineData(4, 80)]
    [InlineData(8, 90)]
    [InlineData(16, 110)]
    [InlineData(32, 150)]
    public void Kube_reserved_cpu_follows_the_eks_ami_formula(int vcpus, int millicores) =>
        Assert.Equal(millicores, EksNodeCapacity.KubeReservedCpu(vcpus));

    [Theory]
    [InlineData("c7i.large", 29, 574)]
    [InlineData("m7i.xlarge", 58, 893)]
    [InlineData("c7i.4xlarge", 234, 2829)]
    public void Max_pods_and_reserved_memory_follow_the_eni_formula(string type, int maxPods, int reservedMiB)
    {
        Assert.Equal(maxPods, EksNodeCapacity.MaxPods(type));
        Assert.Equal(reservedMiB, EksNodeCapacity.KubeReservedMemory(maxPods));
    }

    [Fact]
    public void A_node_offers_less_than_its_nominal_size()
    {
        var n = EksNodeCapacity.Shape("c7i.xlarge");
        Assert.Equal(4000 - 80 - KubernetesSystemPods.DaemonSets.Sum(d => d.CpuMillicores), n.FreeCpuMillicores);
        Assert.Equal((int)(8 * 1024 * 0.925m) - 893 - 100, n.FreeMemoryMiB);
        Assert.Equal(58 - KubernetesSystemPods.DaemonSets.Count, n.FreePods);
    }

    [Theory]
    [MemberData(nameof(KubernetesPlans.Loads), MemberType = typeof(KubernetesPlans))]
    public void The_pods_requests_carry_the_design_load_and_the_peak_after_a_zone_loss(int users, int zones)
    {
        var plan = KubernetesPlans.AtLoad(users, zones: zones);
        var z = plan.Blueprint.Sizing;
        var k = z.Kubernetes!;
        Assert.True(k.Replicas * k.PodCpuRequestMillicores >= CapacityCurve.App.VcpuFor(z.Load.DesignLoad) * 1000);
        // Evenly spread, the fullest zone holds ceil(replicas / zones); the others keep the rest, which carry the peak.
        Assert.Equal((k.Replicas + zones - 1) / zones, k.PodsInFullestZone);
        var peak = CapacityCurve.App.VcpuFor(z.Load.PeakConcurrent);
        Assert.True((k.Replicas - k.PodsInFullestZone) * k.PodCpuRequestMillicores >= peak * 1000);
        // The pods the peak needs carry the peak's vCPU by their requests alone, and one fewer would not.
        Assert.True(k.ReplicasForPeak * k.PodCpuRequestMillicores >= peak * 1000);
        Assert.True((k.ReplicasForPeak - 1) * k.PodCpuRequestMillicores < peak * 1000 || k.ReplicasForPeak == 1);
        Assert.Equal(MattermostPodGuidance.MemoryFor(k.PodCpuRequestMillicores), k.PodMemoryMiB);
    }

    [Theory]
    [MemberData(nameof(KubernetesPlans.Loads), MemberType = typeof(KubernetesPlans))]
    public void After_losing_any_zone_the_remaining_nodes_schedule_the_pods_the_other_zones_kept(int users, int zones)
    {
        var k = KubernetesPlans.AtLoad(users, zones: zones).Blueprint.Sizing.Kubernetes!;
        var node = k.Node;
        // Independent arithmetic, not the sizer's packer: every zone holds the same nodes, so any lost zone leaves
        // (zones - 1) x perZone nodes. Slots for whole pods per node, and the platform pods need room on top.
        var remaining = (zones - 1) * k.NodesPerZone;
        Assert.Equal(remaining, k.NodesAfterZoneLoss);
        var kept = k.Replicas - k.PodsInFullestZone;
        var slots = remaining * Math.Min(node.FreeCpuMillicores / k.PodCpuRequestMillicores, node.FreeMemoryMiB / k.PodMemoryMiB);
        Assert.True(slots >= kept, $"{remaining} x {node.InstanceType} hold {slots} pods, {kept} kept");
        Assert.True(remaining * node.FreeCpuMillicores - kept * k.PodCpuRequestMillicores >= KubernetesSystemPods.DeploymentCpu);
        Assert.True(remaining * node.FreeMemoryMiB - kept * k.PodMemoryMiB >= KubernetesSystemPods.DeploymentMemory);
        Assert.True(k.PodsAfterZoneLoss >= kept);
    }

    [Theory]
    [MemberData(nameof(KubernetesPlans.Loads), MemberType = typeof(KubernetesPlans))]
    public void With_every_zone_up_all_replicas_the_platform_and_a_surge_pod_schedule(int users, int zones)
    {
        var k = KubernetesPlans.AtLoad(users, zones: zones).Blueprint.Sizing.Kubernetes!;
        Assert.True(k.NodesPerZone * k.PodsPerNode >= k.PodsInFullestZone, $"{k.PodsInFullestZone} pods per zone on {k.NodesPerZone} node(s) of {k.PodsPerNode}");
        Assert.True(k.TotalNodes * k.Node.FreeCpuMillicores - k.MaxPods * k.PodCpuRequestMillicores >= KubernetesSystemPods.DeploymentCpu);
        Assert.True(KubernetesSizing.Pack.Fits(k.Node, zones, k.NodesPerZone, k.Replicas, k.PodCpuRequestMillicores, ha: true));
        // One node fewer per zone would not do (the count is the fewest for the pods).
        Assert.True(k.NodesPerZone == 1 || !KubernetesSizing.Pack.Fits(k.Node, zones, k.NodesPerZone - 1, k.Replicas, k.PodCpuRequestMillicores, ha: true));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Each_zone_gets_a_node_group_of_the_sized_count(string stack)
    {
        var plan = Repo.Plan(stack);
        if (plan.Blueprint.Sizing.Kubernetes is not { } k) return; // the pilot runs the VM tier
        var groups = plan.Graph.OfType(AwsTypes.EksNodeGroup).ToList();
        Assert.Equal(plan.Settings.AvailabilityZoneCount, groups.Count);
        var subnets = new HashSet<string>();
        foreach (var g in groups)
        {
            var p = g.Properties;
            var scaling = (MapValue)p["scalingConfig"]!;
            Assert.Equal(new NumberValue(k.NodesPerZone), scaling["desiredSize"]);
            Assert.Equal(new NumberValue(k.NodesPerZone), scaling["minSize"]);
            Assert.Equal(new NumberValue(k.NodesPerZone + 1), scaling["maxSize"]);
            Assert.Equal(V.Strings([k.NodeInstanceType]), p["instanceTypes"]);
            var subnet = Assert.IsType<RefValue>(Assert.Single(((ListValue)p["subnetIds"]!).Items));
            Assert.StartsWith("privateSubnet", subnet.Resource);
            Assert.True(subnets.Add(subnet.Resource), $"two node groups in {subnet.Resource}");
        }
    }

    [Fact]
    public void Nodes_require_imdsv2_and_encrypted_volumes()
    {
        var lt = Repo.Plan("production").Graph["eksNodeLaunchTemplate"].Properties;
        var md = (MapValue)lt["metadataOptions"]!;
        Assert.Equal(new StringValue("required"), md["httpTokens"]);
        Assert.Equal(new NumberValue(1), md["httpPutResponseHopLimit"]);
        var ebs = (MapValue)((MapValue)((ListValue)lt["blockDeviceMappings"]!).Items[0])["ebs"]!;
        Assert.Equal(new StringValue("true"), ebs["encrypted"]);
        Assert.Equal(V.Ref("eksNodeVolumeKey", "arn"), ebs["kmsKeyId"]);
        Assert.Equal(V.List(V.Ref(NetworkComponent.AppSg, "id")), lt["vpcSecurityGroupIds"]);
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(50_000)]
    public void The_disruption_budget_keeps_what_it_can_and_never_blocks_drains(int users)
    {
        var plan = KubernetesPlans.AtLoad(users);
        var k = plan.Blueprint.Sizing.Kubernetes!;
        Assert.InRange(k.MaxUnavailable, 1, k.Replicas - 1);
        Assert.Equal(Math.Max(1, k.Replicas - k.ReplicasForPeak), k.MaxUnavailable);
        var pdb = (MapValue)plan.Graph["mattermostDisruptionBudget"].Properties["spec"]!;
        Assert.Equal(new NumberValue(k.MaxUnavailable), pdb["maxUnavailable"]);
        Assert.Equal(new StringValue("AlwaysAllow"), pdb["unhealthyPodEvictionPolicy"]);
    }

    [Fact]
    public void A_single_pod_gets_no_disruption_budget()
    {
        var plan = KubernetesPlans.AtLoad(100, ha: false, zones: 2);
        Assert.Equal(1, plan.Blueprint.Sizing.Kubernetes!.Replicas);
        Assert.Equal(0, plan.Blueprint.Sizing.Kubernetes.MaxUnavailable);
        Assert.Null(plan.Graph.Find("mattermostDisruptionBudget"));
    }

    [Fact]
    public void The_plan_explains_the_kubernetes_numbers_and_compares_the_operator_preset()
    {
        var plan = Repo.Plan("production");
        var decisions = plan.Blueprint.Sizing.Decisions.Where(d => d.Component == "kubernetes").ToList();
        Assert.Contains(decisions, d => d.Decision.Contains("nodes after losing a zone"));
        Assert.Contains(decisions, d => d.Decision.StartsWith("operator preset " + plan.Blueprint.Sizing.NearestOperatorPreset.Size));
        Assert.All(decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
        var text = new Infra.Core.Rendering.TextPlanRenderer().Render(plan);
        Assert.Contains(plan.Blueprint.Sizing.Kubernetes!.NodeInstanceType, text);
    }
}
