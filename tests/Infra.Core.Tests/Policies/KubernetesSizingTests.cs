using Infra.Core.Policies;
using Infra.Core.Policies.Model;

namespace Infra.Core.Tests.Policies;

/// <summary>
/// On the Kubernetes tier the app's capacity is the Mattermost resource's replicas by their CPU requests (what each pod is
/// guaranteed; the limit is only burst into idle CPU), not the node count.
/// </summary>
public class KubernetesSizingTests
{
    private static Infra.Core.Graph.ResourceGraph Tier(int replicas, string cpu, int nodes, params string[] zones) => Tier(replicas, cpu, "8", nodes, zones);

    private static Infra.Core.Graph.ResourceGraph Tier(int replicas, string cpuRequest, string cpuLimit, int nodes, params string[] zones) => TestGraphs.Build([
        .. TestGraphs.Subnets("priv", "none", zones),
        TestGraphs.N("nodes", "aws:eks/nodeGroup:NodeGroup", ("instanceTypes", Infra.Core.Graph.V.Strings(["c7i.xlarge"])),
            ("scalingConfig", Infra.Core.Graph.V.Map(("desiredSize", nodes), ("minSize", nodes), ("maxSize", nodes + 1))),
            ("subnetIds", Infra.Core.Graph.V.List([.. zones.Select(z => (Infra.Core.Graph.Value)TestGraphs.Id($"priv{z}"))]))),
        KubernetesGraphs.ConfigGroup(KubernetesGraphs.Mattermost(replicas, resources: Infra.Core.Graph.V.Map(
            ("requests", Infra.Core.Graph.V.Map(("cpu", cpuRequest), ("memory", "2Gi"))),
            ("limits", Infra.Core.Graph.V.Map(("cpu", cpuLimit), ("memory", "4Gi")))))),
    ]);

    private static Outcome Size(Infra.Core.Graph.ResourceGraph g, int peak, string policy = "MM-SIZE-001") =>
        TestGraphs.Results(TestGraphs.Context(g, TestGraphs.Load(peak)), policy).Single(r => r.Resource == "mattermostInstallation").Outcome;

    [Fact]
    public void Replicas_times_their_cpu_request_carry_the_load()
    {
        // 3 replicas requesting 2 vCPU = 6 vCPU carries 8,500 users; the design load of 2,000 x 1.25 fits, 8,000 x 1.25 does not.
        Assert.Equal(Outcome.Pass, Size(Tier(3, "2", 3, "a", "b", "c"), 2000));
        Assert.Equal(Outcome.Fail, Size(Tier(3, "2", 3, "a", "b", "c"), 8000));
    }

    [Fact]
    public void A_cpu_limit_above_the_request_is_not_capacity()
    {
        // 3 replicas requesting 1 vCPU, limited to 8: only the 3 requested vCPU are guaranteed, about 1,100 users.
        Assert.Equal(Outcome.Fail, Size(Tier(3, "1", "8", 3, "a", "b", "c"), 2000));
        Assert.Equal(Outcome.Pass, Size(Tier(3, "2", "2", 3, "a", "b", "c"), 2000));
    }

    [Fact]
    public void Replicas_cannot_use_more_cpu_than_the_node_groups_have()
    {
        // 3 replicas asking for 8 vCPU each on one 4-vCPU node get 1.33 vCPU each: 4 vCPU carries 2,000 users.
        Assert.Equal(Outcome.Fail, Size(Tier(3, "8", 1, "a", "b", "c"), 2000));
    }

    [Fact]
    public void Replicas_left_after_losing_a_zone_carry_the_peak()
    {
        Assert.Equal(Outcome.Pass, Size(Tier(3, "2", 3, "a", "b", "c"), 2000, "MM-SIZE-004"));
        Assert.Equal(Outcome.Fail, Size(Tier(2, "2", 3, "a", "b", "c"), 2000, "MM-SIZE-004"));
    }
}
