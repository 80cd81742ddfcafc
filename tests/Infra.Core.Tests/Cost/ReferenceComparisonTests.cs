using Infra.Core.Artifacts;
using Infra.Core.Cost;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cost;

public class ReferenceComparisonTests
{
    private static decimal Monthly(int count, string key) =>
        CostEstimator.Money(count * AwsPriceTable.HoursPerMonth * AwsPriceTable.Find(key, "us-east-1")!.Usd!.Value);

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_reference_side_is_the_governing_tiers_hardware_priced_from_the_same_table(string stack)
    {
        var plan = Repo.Plan(stack);
        var tier = plan.Blueprint.Sizing.GoverningTier;
        var r = ReferenceComparison.For(plan.Blueprint.Sizing, "us-east-1");
        Assert.Same(tier, r.Tier);

        var app = r.Parts.Single(p => p.Part == "app nodes");
        Assert.Equal(Monthly(tier.AppNodes, $"ec2:{tier.AppInstanceType}"), app.ReferenceMonthly);
        // The stack's side is what it buys: the EKS nodes on the Kubernetes tier, the app nodes on the VM tier.
        if (plan.Blueprint.Sizing.Kubernetes is { } k)
            Assert.Equal(Monthly(k.TotalNodes, $"ec2:{k.NodeInstanceType}"), app.StackMonthly);
        else
            Assert.Equal(Monthly(plan.Blueprint.Sizing.App.Nodes, $"ec2:{plan.Blueprint.Sizing.App.InstanceType}"), app.StackMonthly);

        var db = r.Parts.Single(p => p.Part == "database instances");
        Assert.Equal(Monthly(tier.DatabaseInstances, $"aurora-postgresql:{tier.DatabaseClass}"), db.ReferenceMonthly);
        Assert.Equal(Monthly(plan.Blueprint.Sizing.Database.Instances, $"aurora-postgresql:{plan.Blueprint.Sizing.Database.InstanceClass}"), db.StackMonthly);

        Assert.Equal(app.StackMonthly + db.StackMonthly, r.StackMonthly);
    }

    [Fact]
    public void Search_nodes_have_no_confirmed_price_so_they_are_compared_as_unknown()
    {
        var r = ReferenceComparison.For(Repo.Plan("production").Blueprint.Sizing, "us-east-1");
        var search = r.Parts.Single(p => p.Part == "search nodes");
        Assert.Null(search.StackMonthly);
        Assert.Null(search.Difference);
        Assert.Equal(1, r.Unpriced);
    }

    [Fact]
    public void The_summary_shows_the_comparison_and_the_json_plan_carries_the_cost()
    {
        var plan = Repo.Plan("production");
        Assert.Contains("### Against Mattermost's reference architecture", PlanRenderings.Markdown(plan));
        using var doc = System.Text.Json.JsonDocument.Parse(PlanRenderings.Json(plan));
        var cost = doc.RootElement.GetProperty("cost");
        Assert.Equal(PlanRenderings.Cost(plan).Monthly, cost.GetProperty("monthly").GetDecimal());
        Assert.Equal(plan.Blueprint.Sizing.GoverningTier.ConcurrentUsers, cost.GetProperty("referenceArchitecture").GetProperty("tier").GetInt32());
    }
}
