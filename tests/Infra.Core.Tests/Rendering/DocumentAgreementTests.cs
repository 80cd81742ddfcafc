using Infra.Core.Artifacts;
using Infra.Core.Rendering;
using Infra.Core.Sizing;
using Infra.Core.Tests.Kubernetes;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Rendering;

/// <summary>The summary and the audit show the same numbers in the same words: each comes from one place.</summary>
public class DocumentAgreementTests
{
    private static (string Summary, string Audit) Documents(string stack)
    {
        var plan = Repo.Plan(stack);
        return (new MarkdownPlanRenderer().Render(plan), StackArtifacts.StackAuditMarkdown(plan, Repo.Today));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_max_connections_explanation_is_the_same_in_both(string stack)
    {
        var (summary, audit) = Documents(stack);
        var reason = Repo.Plan(stack).Blueprint.Sizing.Decisions.Single(d => d.Decision.StartsWith("max_connections", StringComparison.Ordinal)).Reason;
        Assert.Contains(reason, summary);
        Assert.Contains(reason, audit);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void The_pods_are_described_the_same_in_both(string stack)
    {
        var (summary, audit) = Documents(stack);
        var pods = Repo.Plan(stack).Blueprint.Sizing.Kubernetes!.PodDescription;
        Assert.Matches(@"^\d+ pods? of \d+m CPU / \d+ MiB$", pods);
        Assert.Contains(pods, summary);
        Assert.Contains(pods, audit);
        Assert.DoesNotContain("x 2 vCPU", audit);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_capacity_tables_have_the_same_rows(string stack)
    {
        var (summary, audit) = Documents(stack);
        string Table(string doc, string heading)
        {
            var start = doc.IndexOf(heading, StringComparison.Ordinal);
            var rows = doc[start..].Split('\n').SkipWhile(l => !l.StartsWith("| Component", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|'));
            return string.Join("\n", rows);
        }
        Assert.Equal(Table(audit, "### Sizing"), Table(summary, "## Capacity against load"));
    }

    [Theory]
    [InlineData(30_000)]
    [InlineData(15_000)]
    public void At_a_tiers_own_load_the_plan_says_at_tier(int users)
    {
        var plan = SizingEngine.Size(TestSettings.DesignLoad(users) with { AppTier = Infra.Core.Settings.AppTierKind.Vm });
        var app = plan.Decisions.First(d => d.Component == "app").Reason;
        Assert.Contains($"reference curve at tier {users:#,0}", app);
        Assert.DoesNotContain("between tiers", app);
    }

    [Fact]
    public void Between_tiers_the_plan_names_both()
    {
        var plan = SizingEngine.Size(TestSettings.DesignLoad(20_000) with { AppTier = Infra.Core.Settings.AppTierKind.Vm });
        Assert.Contains("reference curve between tiers 15,000 and 30,000", plan.Decisions.First(d => d.Component == "app").Reason);
    }

    [Fact]
    public void The_kubernetes_tier_has_no_app_node_decision_for_nodes_it_does_not_buy()
    {
        var plan = KubernetesPlans.AtLoad(30_000);
        Assert.DoesNotContain(plan.Blueprint.Sizing.Decisions, d => d.Component == "app");
    }
}
