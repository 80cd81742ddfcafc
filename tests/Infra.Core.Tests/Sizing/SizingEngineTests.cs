using Infra.Core.Catalog;
using Infra.Core.Settings;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Sizing;

public class SizingEngineTests
{
    public static IEnumerable<object[]> Tiers => ReferenceArchitectures.Tiers.Select(t => new object[] { t.ConcurrentUsers });

    private static ReferenceTier Tier(int users) => ReferenceArchitectures.Tiers.Single(t => t.ConcurrentUsers == users);

    private static int AppVcpu(ReferenceTier t) => t.AppNodes * InstanceTypes.Get(t.AppInstanceType).VCpus;

    [Theory]
    [MemberData(nameof(Tiers))]
    public void At_a_tier_boundary_the_curve_gives_exactly_the_tiers_hardware(int users)
    {
        var t = Tier(users);
        Assert.Equal(AppVcpu(t), CapacityCurve.App.VcpuFor(users));
        Assert.Equal(t.DatabaseInstances * InstanceTypes.Get(t.DatabaseClass).VCpus, CapacityCurve.Database.VcpuFor(users));
        Assert.Equal(users, CapacityCurve.App.UsersFor(AppVcpu(t)));
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void At_a_tier_boundary_the_plan_meets_the_tiers_minimums(int users)
    {
        var t = Tier(users);
        var plan = SizingEngine.Size(TestSettings.DesignLoad(users, ha: t.HighAvailabilityRequired));
        Assert.Same(t, plan.GoverningTier);
        Assert.True(plan.App.ProvidedVcpu >= AppVcpu(t), $"{plan.App.ProvidedVcpu} vCPU < tier's {AppVcpu(t)}");
        Assert.True(plan.App.CapacityUsers >= users);
        Assert.Equal(t.DatabaseClass, plan.Database.InstanceClass);
        Assert.True(plan.Database.Readers >= Math.Min(1, t.DatabaseReaders));
        Assert.True(plan.Database.CapacityUsers >= users);
        Assert.Equal(t.SearchNodes, plan.Search.Nodes);
        if (t.HighAvailabilityRequired) Assert.True(plan.App.Nodes >= 2);
    }

    [Theory]
    [MemberData(nameof(Tiers))]
    public void Between_tiers_the_need_lies_between_the_neighbours(int users)
    {
        var t = Tier(users);
        var next = ReferenceArchitectures.Tiers.SkipWhile(x => x != t).Skip(1).FirstOrDefault();
        if (next is null) return;
        var mid = (users + next.ConcurrentUsers) / 2m;
        var v = CapacityCurve.App.VcpuFor(mid);
        Assert.InRange(v, AppVcpu(t), AppVcpu(next));
        Assert.Equal((AppVcpu(t) + AppVcpu(next)) / 2m, v);
    }

    [Fact]
    public void Between_tiers_nodes_scale_instead_of_jumping_to_the_next_tiers_hardware()
    {
        // 60,000 users lies between the 50,000 tier (5 x c7i.2xlarge = 40 vCPU) and the 80,000 tier (4 x c7i.4xlarge = 64).
        // Curve: 40 + 24 x 10,000/30,000 = 48 vCPU. With 3 zones the nodes left after losing the fullest zone must
        // give 48 vCPU: a 2xlarge needs 9 (6 left, 48 vCPU, 72 in all); a 4xlarge needs 5 (3 left, 80 in all); an xlarge 18.
        // c6i is cheaper per vCPU than c7i: 9 x c6i.2xlarge and 18 x c6i.xlarge both cost $3.06 an hour; fewer nodes win.
        var plan = SizingEngine.Size(TestSettings.DesignLoad(60_000));
        Assert.Equal(80_000, plan.GoverningTier.ConcurrentUsers);
        Assert.Equal(50_000, plan.LowerTier!.ConcurrentUsers);
        Assert.Equal(48m, plan.App.RequiredVcpu);
        Assert.Equal("c6i.2xlarge", plan.App.InstanceType);
        Assert.Equal(9, plan.App.Nodes);
        Assert.Equal(6, plan.App.NodesAfterZoneLoss);
        // Database: the writer takes the covering tier's class; 48 vCPU needs 3 x 16 vCPU instances for the design
        // load, but over 3 zones the 2 left after a zone loss give 32 < 48 vCPU for the peak. 4 instances still leave
        // 2 (two share a zone); 5 leave 3 = 48 vCPU. So 4 readers.
        Assert.Equal("db.r7g.4xlarge", plan.Database.InstanceClass);
        Assert.Equal(4, plan.Database.Readers);
        Assert.Equal(3, plan.Database.InstancesAfterZoneLoss);
    }

    [Fact]
    public void A_small_load_between_the_first_tiers_uses_more_small_nodes()
    {
        // 3,000 users: 4 + 4 x 1,000/13,000 = 4.31 vCPU. c7i.large (2 vCPU) needs 3 nodes, and after losing one
        // of 3 zones 2 nodes = 4 vCPU < 4.31, so 4 nodes over 3 zones (2 in one) leave 2: still short; 5 leave 3.
        // 5 x c6i.large ($0.425 an hour) is cheaper than 3 x c6i.xlarge ($0.51) and than the c7i equivalents.
        var plan = SizingEngine.Size(TestSettings.DesignLoad(3_000));
        Assert.Equal("c6i.large", plan.App.InstanceType);
        Assert.Equal(5, plan.App.Nodes);
        Assert.Equal(3, plan.App.NodesAfterZoneLoss);
    }

    [Theory]
    [InlineData(500, 2)]
    [InlineData(500, 3)]
    [InlineData(7_000, 3)]
    [InlineData(25_000, 2)]
    [InlineData(40_000, 3)]
    [InlineData(120_000, 4)]
    [InlineData(250_000, 3)]
    public void With_high_availability_the_nodes_left_after_losing_any_zone_carry_the_peak(int peak, int zones)
    {
        var s = TestSettings.DesignLoad(peak, zones: zones, headroom: 25);
        var plan = SizingEngine.Size(s);
        var perZone = (plan.App.Nodes + zones - 1) / zones;
        var left = plan.App.Nodes - perZone;
        Assert.Equal(left, plan.App.NodesAfterZoneLoss);
        Assert.True(left * InstanceTypes.Get(plan.App.InstanceType).VCpus >= CapacityCurve.App.VcpuFor(plan.Load.PeakConcurrent));
        Assert.True(plan.App.CapacityAfterZoneLoss >= plan.Load.PeakConcurrent);
        Assert.True(plan.App.CapacityUsers >= plan.Load.DesignLoad);
        Assert.True(plan.Database.CapacityUsers >= plan.Load.DesignLoad);
        Assert.True(plan.Database.Readers >= 1);
        var instances = plan.Database.Instances;
        var dbLeft = instances - (instances + zones - 1) / zones;
        Assert.Equal(dbLeft, plan.Database.InstancesAfterZoneLoss);
        Assert.True(dbLeft * InstanceTypes.Get(plan.Database.InstanceClass).VCpus >= CapacityCurve.Database.VcpuFor(plan.Load.PeakConcurrent));
        Assert.True(plan.Database.CapacityAfterZoneLoss >= plan.Load.PeakConcurrent);
    }

    [Fact]
    public void Without_high_availability_one_node_carries_the_whole_load()
    {
        var plan = SizingEngine.Size(TestSettings.DesignLoad(1_500, ha: false, zones: 2));
        Assert.Equal(1, plan.App.Nodes);
        Assert.True(InstanceTypes.Get(plan.App.InstanceType).VCpus >= plan.App.RequiredVcpu);
        Assert.Equal(0, plan.App.NodesAfterZoneLoss);
    }

    [Fact]
    public void Instance_overrides_are_used_and_still_sized_for_the_load()
    {
        var s = TestSettings.DesignLoad(30_000) with { AppInstanceType = "c7i.xlarge", DatabaseInstanceClass = "db.r7g.2xlarge" };
        var plan = SizingEngine.Size(s);
        Assert.Equal("c7i.xlarge", plan.App.InstanceType);
        Assert.True(plan.App.ProvidedVcpu >= 16);
        Assert.Equal("db.r7g.2xlarge", plan.Database.InstanceClass);
        Assert.Contains(plan.Decisions, d => d.Reason.Contains("mattermost:appInstanceType"));
    }

    [Fact]
    public void Load_projection_compounds_growth_over_the_horizon()
    {
        var p = SizingEngine.Project(new LoadProfile(10_000, null, 0.2m, 44m, 24, FileUsageProfile.Low, 25));
        Assert.Equal(2.0736m, p.GrowthFactor);            // 1.44^2
        Assert.Equal(20_736, p.RegisteredAtHorizon);
        Assert.Equal(4_148, p.PeakConcurrent);             // ceil(20,736 x 0.2)
        Assert.Equal(5_185, p.DesignLoad);                 // ceil(4,148 x 1.25)
        var measured = SizingEngine.Project(new LoadProfile(10_000, 3_000, 0.2m, 44m, 24, FileUsageProfile.Low, 0));
        Assert.Equal(6_221, measured.PeakConcurrent);      // ceil(3,000 x 2.0736)
    }

    [Theory]
    [InlineData(FileUsageProfile.Low, 1, 5)]
    [InlineData(FileUsageProfile.Medium, 5, 25)]
    [InlineData(FileUsageProfile.High, 25, 100)]
    public void Storage_follows_the_lifetime_formula(FileUsageProfile usage, int low, int high)
    {
        var profile = new LoadProfile(2_000, null, 0.2m, 0m, 12, usage, 25);
        var f = SizingEngine.ForecastStorage(profile, SizingEngine.Project(profile));
        // 0.8 GB + MB/user/month x 12 months x 2,000 users x 2 safety, in GiB
        Assert.Equal(Math.Round(0.8m + low * 12m * 2000 * 2 / 1024, 1), f.LowGb);
        Assert.Equal(Math.Round(0.8m + high * 12m * 2000 * 2 / 1024, 1), f.HighGb);
    }

    [Fact]
    public void Every_decision_names_a_reason_and_a_source()
    {
        foreach (var stack in new[] { "pilot", "staging", "production" })
        {
            var plan = Repo.Plan(stack).Blueprint.Sizing;
            Assert.NotEmpty(plan.Decisions);
            Assert.All(plan.Decisions, d =>
            {
                Assert.False(string.IsNullOrWhiteSpace(d.Reason));
                Assert.False(string.IsNullOrWhiteSpace(d.Source));
            });
            // The app tier is explained as app nodes on the VM tier and as pods and node groups on the Kubernetes tier.
            Assert.Contains(plan.Decisions, d => d.Component == (plan.Kubernetes is null ? "app" : "kubernetes"));
            Assert.Contains(plan.Decisions, d => d.Component == "database");
            Assert.Contains(plan.Decisions, d => d.Component == "storage");
        }
    }

    [Fact]
    public void Reference_data_cites_its_sources()
    {
        Assert.All(ReferenceArchitectures.Tiers, t => Assert.StartsWith("https://docs.mattermost.com/", t.Source));
        Assert.All(OperatorSizePresets.All, p => Assert.Contains("mattermost-operator", p.Source));
        Assert.All(InstanceTypes.All, t => Assert.False(string.IsNullOrEmpty(t.Source)));
        Assert.Equal("25000users", OperatorSizePresets.Nearest(20_000).Size);
    }
}
