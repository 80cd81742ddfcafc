using Infra.Core.Catalog;
using Infra.Core.Settings;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Sizing;

/// <summary>
/// Plans stay inside Aurora's limits (15 readers; max_connections per instance within PostgreSQL's 262,143 and the class's
/// memory), or are refused with the largest load the stack's shape does plan.
/// </summary>
public class SizingLimitTests
{
    private static StackSettings Registered(string stack, int users) =>
        Repo.Settings(stack) with { Load = Repo.Settings(stack).Load with { RegisteredUsers = users } };

    /// <summary>Memory connections, computed here from the docs' formula rather than read from the code: GiB x 10^9 / 9,531,392.</summary>
    private static int MemoryLimit(string cls) => (int)Math.Floor(InstanceTypes.Get(cls).MemoryGiB * 1_000_000_000m / 9_531_392m);

    public static IEnumerable<object[]> Loads =>
        from stack in new[] { "pilot", "staging", "production" }
        from users in new[] { 20_000, 200_000, 600_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000 }
        select new object[] { stack, users };

    [Theory]
    [MemberData(nameof(Loads))]
    public void Every_plan_fits_inside_Auroras_limits_or_is_refused(string stack, int users)
    {
        SizingPlan plan;
        try
        {
            plan = SizingEngine.Size(Registered(stack, users));
        }
        catch (NoPlanFitsException)
        {
            return; // refused: held to its message by the tests below
        }
        var db = plan.Database;
        Assert.InRange(db.Readers, 0, 15);
        // max_connections is set on every instance: it covers the pools every app node may open to that one instance
        // (MaxOpenConns 100 each, + 3 for AWS automation), and stays within the class's memory and PostgreSQL's limit.
        Assert.True(db.MaxConnections >= 100 * plan.App.MaxNodes + 3, $"{db.MaxConnections} < 100 x {plan.App.MaxNodes} + 3");
        Assert.True(db.MaxConnections <= Math.Min(262_143, MemoryLimit(db.InstanceClass)), $"{db.MaxConnections} > what {db.InstanceClass} carries");
    }

    [Fact]
    public void Three_million_registered_users_are_refused_with_the_largest_load_that_plans()
    {
        var s = Registered("production", 3_000_000);
        var e = Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(s));
        Assert.StartsWith("Pulumi.production.yaml: config.mattermost:registeredUsers: no plan fits 3,000,000", e.Message);
        // One writer carries the load's writes up to the largest class in the catalogue.
        Assert.Contains(e.Limits, l => l.Contains("the writer needs") && l.Contains("db.r7g.16xlarge (64 vCPU)"));
        var largest = Assert.IsType<LargestLoad>(e.Largest);
        Assert.Equal("mattermost:registeredUsers", largest.Key);
        Assert.Contains($"mattermost:registeredUsers = {largest.Value:#,0}", e.Message);
        // The bisection's answer is the boundary: it plans, one more user does not.
        var fits = SizingEngine.Size(SizingLimits.WithLoad(s, largest.Value));
        Assert.Equal(largest.DesignLoad, fits.Load.DesignLoad);
        Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(SizingLimits.WithLoad(s, largest.Value + 1)));
    }

    [Fact]
    public void A_measured_peak_is_the_load_that_is_varied()
    {
        var s = Repo.Settings("production") with { Load = Repo.Settings("production").Load with { PeakConcurrentUsers = 900_000 } };
        var e = Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(s));
        Assert.Contains("config.mattermost:peakConcurrentUsers", e.Message);
        Assert.Equal("mattermost:peakConcurrentUsers", e.Largest!.Key);
        SizingEngine.Size(SizingLimits.WithLoad(s, e.Largest.Value));
    }

    [Fact]
    public void The_largest_load_is_found_in_a_logarithmic_number_of_sizings()
    {
        var largest = SizingLimits.LargestSupportedLoad(Registered("production", 5_000_000), out var sizings);
        Assert.NotNull(largest);
        // 1, the stack's own value, then halving 5,000,000 down to one user: at most 2 + 23.
        Assert.InRange(sizings, 3, 2 + (int)Math.Ceiling(Math.Log2(5_000_000)));
    }

    [Fact]
    public void A_database_class_too_small_for_any_load_says_so()
    {
        // db.t4g.medium carries 419 connections: 4 app nodes' pools at most, fewer than a zone-safe cluster of 3 zones needs.
        var s = Registered("production", 3_000_000) with { DatabaseInstanceClass = "db.t4g.medium" };
        var e = Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(s));
        Assert.NotNull(e.Largest);
        var small = SizingEngine.Size(SizingLimits.WithLoad(s, e.Largest!.Value));
        Assert.True(small.Database.MaxConnections <= MemoryLimit("db.t4g.medium"));
    }

    [Fact]
    public void Max_connections_is_each_instances_share_not_the_cluster_total()
    {
        var plan = Repo.Plan("production").Blueprint.Sizing;
        var budget = plan.Database.Connections;
        Assert.Equal(100 * plan.App.MaxNodes, budget.PerInstance);
        Assert.Equal(100 * plan.App.MaxNodes * (1 + plan.Database.Readers), budget.ClusterTotal);
        // Set from the per-instance share (+25 %, at least 1024), not from the docs' cluster-wide total.
        Assert.Equal(Math.Max(1024, (int)Math.Ceiling((budget.PerInstance + 3) * 1.25m / 100) * 100), plan.Database.MaxConnections);
        Assert.Contains($"= {budget.ClusterTotal} is the whole cluster's", budget.Explain());
    }

    [Fact]
    public void Readers_beyond_fifteen_are_refused_even_where_connections_would_fit()
    {
        // A VM tier of c7i.8xlarge-sized nodes keeps the app's pools small; the database still needs more readers than Aurora allows.
        // The class is forced, so the writer does not grow and the readers must carry the load.
        var s = Registered("production", 5_000_000) with { AppTier = AppTierKind.Vm, AppInstanceType = "c7i.8xlarge", DatabaseInstanceClass = "db.r7g.4xlarge" };
        var e = Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(s));
        Assert.Contains(e.Limits, l => l.Contains("readers") && l.Contains("Aurora allows 15"));
    }
}
