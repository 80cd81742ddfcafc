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
    public void Pods_stand_in_for_the_sized_app_nodes(int users, int zones)
    {
        var plan = KubernetesPlans.AtLoad(users, zones: zones);
        var app = plan.Blueprint.Sizing.App;
        var k = plan.Blueprint.Sizing.Kubernetes!;
        var reference = InstanceTypes.Get(app.InstanceType);
        Assert.Equal(app.Nodes, k.Replicas);
        Assert.Equal(reference.VCpus * 1000, k.PodCpuLimitMillicores);
        Assert.InRange(k.PodCpuRequestMillicores, reference.VCpus * 1000 * 9 / 10, k.PodCpuLimitMillicores);
        Assert.InRange(k.PodMemoryMiB, (int)(reference.MemoryGiB * 1024 * 0.75m), (int)(reference.MemoryGiB * 1024));
        // The pods the peak needs carry the peak's vCPU by their requests alone.
        var peak = CapacityCurve.App.VcpuFor(plan.Blueprint.Sizing.Load.PeakConcurrent);
        Assert.True(k.ReplicasForPeak * k.PodCpuRequestMillicores >= peak * 1000);
        Assert.True((k.ReplicasForPeak - 1) * k.PodCpuRequestMillicores < peak * 1000 || k.ReplicasForPeak == 1);
    }

    [Theory]
    [MemberData(nameof(KubernetesPlans.Loads), MemberType = typeof(KubernetesPlans))]
    public void After_losing_any_zone_the_remaining_nodes_schedule_the_replicas_for_the_peak(int users, int zones)
    {
        var k = KubernetesPlans.AtLoad(users, zones: zones).Blueprint.Sizing.Kubernetes!;
        var node = k.Node;
        // Independent arithmetic, not the sizer's packer: every zone holds the same nodes, so any lost zone leaves
        // (zones - 1) x perZone nodes. Slots for whole pods per node, and the platform pods need room on top.
        var remaining = (zones - 1) * k.NodesPerZone;
        Assert.Equal(remaining, k.NodesAfterZoneLoss);
        var slots = remaining * Math.Min(node.FreeCpuMillicores / k.PodCpuRequestMillicores, node.FreeMemoryMiB / k.PodMemoryMiB);
        Assert.True(slots >= k.ReplicasForPeak, $"{remaining} x {node.InstanceType} hold {slots} pods, {k.ReplicasForPeak} needed");
        Assert.True(remaining * node.FreeCpuMillicores - k.ReplicasForPeak * k.PodCpuRequestMillicores >= KubernetesSystemPods.DeploymentCpu);
        Assert.True(remaining * node.FreeMemoryMiB - k.ReplicasForPeak * k.PodMemoryMiB >= KubernetesSystemPods.DeploymentMemory);
        Assert.True(k.PodsAfterZoneLoss >= k.ReplicasForPeak);
    }

    [Theory]
    [MemberData(nameof(KubernetesPlans.Loads), MemberType = typeof(KubernetesPlans))]
    public void With_every_zone_up_all_replicas_and_the_platform_schedule(int users, int zones)
    {
        var k = KubernetesPlans.AtLoad(users, zones: zones).Blueprint.Sizing.Kubernetes!;
        var perZonePods = (k.Replicas + zones - 1) / zones;
        Assert.True(k.NodesPerZone * k.PodsPerNode >= perZonePods, $"{perZonePods} pods per zone on {k.NodesPerZone} node(s) of {k.PodsPerNode}");
        Assert.True(k.TotalNodes * k.Node.FreeCpuMillicores - k.Replicas * k.PodCpuRequestMillicores >= KubernetesSystemPods.DeploymentCpu);
        Assert.True(KubernetesSizing.SchedulesAll(k.Node, zones, k.NodesPerZone, k.Replicas, k.PodCpuRequestMillicores, k.PodMemoryMiB));
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(30_000)]
    [InlineData(100_000)]
    public void No_node_type_or_count_with_fewer_vcpu_would_do(int users)
    {
        var k = KubernetesPlans.AtLoad(users).Blueprint.Sizing.Kubernetes!;
        var chosen = k.TotalNodes * k.Node.VCpus;
        foreach (var type in EksNodeCapacity.NodeTypes)
        {
            var node = EksNodeCapacity.Shape(type);
            for (var perZone = 1; perZone * k.Zones * node.VCpus < chosen; perZone++)
            {
                var fits = KubernetesSizing.SchedulesAll(node, k.Zones, perZone, k.Replicas, k.PodCpuRequestMillicores, k.PodMemoryMiB)
                    && KubernetesSizing.Schedulable(node, (k.Zones - 1) * perZone, k.Replicas, k.PodCpuRequestMillicores, k.PodMemoryMiB) >= k.ReplicasForPeak;
                Assert.False(fits, $"{k.Zones} x {perZone} x {type} would also do with fewer vCPU than {k.TotalNodes} x {k.NodeInstanceType}");
            }
        }
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
