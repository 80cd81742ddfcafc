using Infra.Core.Policies;
using Infra.Core.Policies.Model;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>Every policy passes its passing graph and fails its failing graph.</summary>
public class PolicyPairTests
{
    public static IEnumerable<object[]> Ids => PolicyPack.Default.Select(p => new object[] { p.Id });

    [Fact]
    public void Every_policy_of_the_pack_has_a_passing_and_a_failing_case()
    {
        Assert.Equal(PolicyPack.Default.Select(p => p.Id).Order(), PolicyCases.All.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Passing_graph_passes(string id)
    {
        var results = Results(PolicyCases.All[id].Passing(), id);
        Assert.Contains(results, r => r.Outcome == Outcome.Pass);
        Assert.DoesNotContain(results, r => r.Outcome == Outcome.Fail);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Failing_graph_fails(string id)
    {
        var results = Results(PolicyCases.All[id].Failing(), id);
        Assert.Contains(results, r => r.Outcome == Outcome.Fail);
        Assert.All(results.Where(r => r.Outcome == Outcome.Fail), r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_policy_names_its_rule_and_where_it_comes_from(string id)
    {
        var p = PolicyPack.Find(id)!;
        Assert.Matches("^MM-[A-Z0-9]+-[0-9]{3}$", p.Id);
        Assert.False(string.IsNullOrWhiteSpace(p.Name));
        Assert.True(p.Guideline.Length > 40, "the guideline says how to comply");
        Assert.StartsWith("https://", p.HelpUri);
        Assert.All(p.Controls, c => Assert.NotNull(Infra.Core.Policies.Controls.ControlCatalog.Find(c)));
        if (p.Enforcement == Enforcement.Advisory)
            Assert.Contains("Advisory", p.Guideline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MM-NET-007")]
    [InlineData("MM-K8S-001")]
    [InlineData("MM-K8S-002")]
    [InlineData("MM-K8S-003")]
    [InlineData("MM-K8S-004")]
    [InlineData("MM-K8S-005")]
    public void Kubernetes_and_eks_policies_are_not_applicable_without_kubernetes_resources(string id)
    {
        var results = Results(Context(Support.Repo.Plan("production").Graph), id);
        Assert.All(results, r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
        Assert.NotEmpty(results);
    }

    [Fact]
    public void Sizing_policies_that_need_a_load_are_not_applicable_without_one()
    {
        var ctx = Context(Support.Repo.Plan("production").Graph, sizing: null);
        foreach (var id in new[] { "MM-SIZE-001", "MM-SIZE-002", "MM-SIZE-003", "MM-SIZE-005", "MM-SIZE-006", "MM-SIZE-007" })
            Assert.All(Results(ctx, id), r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
        // The zone-loss structure needs no load: it still runs (with at least one node left after a zone loss).
        Assert.Contains(Results(ctx, "MM-SIZE-004"), r => r.Outcome == Outcome.Pass && r.Resource == "appAutoScalingGroup");
    }
}

/// <summary>The README's policy table is the pack: every id with its severity, enforcement and controls.</summary>
public class PolicyDocumentationTests
{
    [Fact]
    public void Readme_documents_every_policy_id()
    {
        var readme = File.ReadAllText(Path.Combine(Support.Repo.Root, "README.md"));
        foreach (var p in PolicyPack.Default)
            Assert.Contains($"| {p.Id} | {p.Name.Replace("|", "\\|")} | {p.Severity.ToString().ToLowerInvariant()} | {p.Enforcement.ToString().ToLowerInvariant()} | {(p.Controls.Length == 0 ? "-" : string.Join(", ", p.Controls))} |", readme);
    }
}

/// <summary>On the Kubernetes tier the app's capacity is the Mattermost resource's replicas, not the node count.</summary>
public class KubernetesSizingTests
{
    private static Infra.Core.Graph.ResourceGraph Tier(int replicas, string cpuLimit, int nodes, params string[] zones) => TestGraphs.Build([
        .. TestGraphs.Subnets("priv", "none", zones),
        TestGraphs.N("nodes", "aws:eks/nodeGroup:NodeGroup", ("instanceTypes", Infra.Core.Graph.V.Strings(["c7i.xlarge"])),
            ("scalingConfig", Infra.Core.Graph.V.Map(("desiredSize", nodes), ("minSize", nodes), ("maxSize", nodes + 1))),
            ("subnetIds", Infra.Core.Graph.V.List([.. zones.Select(z => (Infra.Core.Graph.Value)TestGraphs.Id($"priv{z}"))]))),
        KubernetesGraphs.ConfigGroup(KubernetesGraphs.Mattermost(replicas, resources: Infra.Core.Graph.V.Map(
            ("requests", Infra.Core.Graph.V.Map(("cpu", "1"), ("memory", "2Gi"))),
            ("limits", Infra.Core.Graph.V.Map(("cpu", cpuLimit), ("memory", "4Gi")))))),
    ]);

    private static Outcome Size(Infra.Core.Graph.ResourceGraph g, int peak, string policy = "MM-SIZE-001") =>
        TestGraphs.Results(TestGraphs.Context(g, TestGraphs.Load(peak)), policy).Single(r => r.Resource == "mattermostInstallation").Outcome;

    [Fact]
    public void Replicas_times_their_cpu_limit_carry_the_load()
    {
        // 3 replicas x 2 vCPU = 6 vCPU carries 8,500 users; the design load of 2,000 x 1.25 fits, 8,000 x 1.25 does not.
        Assert.Equal(Outcome.Pass, Size(Tier(3, "2", 3, "a", "b", "c"), 2000));
        Assert.Equal(Outcome.Fail, Size(Tier(3, "2", 3, "a", "b", "c"), 8000));
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
