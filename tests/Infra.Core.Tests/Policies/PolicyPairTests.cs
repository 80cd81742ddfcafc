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
        // Pilot runs the VM tier: its graph has no EKS cluster and no Kubernetes resource at all.
        var graph = Support.Repo.Plan("pilot").Graph;
        Assert.DoesNotContain(graph.Nodes, n => n.Type.StartsWith("aws:eks/", StringComparison.Ordinal) || n.Package == "kubernetes" || n.IsProvider);

        var results = Results(Context(graph), id);

        Assert.All(results, r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
        Assert.NotEmpty(results);
    }

    [Theory]
    [InlineData("vm", "appAutoScalingGroup")]
    [InlineData("kubernetes", "mattermostInstallation")]
    public void Sizing_policies_that_need_a_load_are_not_applicable_without_one(string tier, string app)
    {
        var graph = tier == "vm" ? VmPlan("production").Graph : Support.Repo.Plan("production").Graph;
        var ctx = Context(graph, sizing: null);
        foreach (var id in new[] { "MM-SIZE-001", "MM-SIZE-002", "MM-SIZE-003", "MM-SIZE-005", "MM-SIZE-006", "MM-SIZE-007" })
            Assert.All(Results(ctx, id), r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
        // The zone-loss structure needs no load: it still runs (with at least one node or replica left after a zone loss).
        Assert.Contains(Results(ctx, "MM-SIZE-004"), r => r.Outcome == Outcome.Pass && r.Resource == app);
    }
}
