using Infra.Core.Catalog;
using Infra.Core.Cost;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Sizing;

/// <summary>The app tier is the cheapest under the capacity model (vCPU and memory), the zone-loss rule and the connection budget.</summary>
public class CheapestPlanTests
{
    [Fact]
    public void Burstable_types_are_never_weighed_even_when_offered()
    {
        var offered = new[] { "t3.medium", "t3.large", "c7i.large", "c6i.large" }.Select(InstanceTypes.Get).ToList();
        var picked = SizingEngine.AppCandidates(offered).Select(t => t.Name).ToList();
        Assert.Equal(["c7i.large", "c6i.large"], picked);
        Assert.Equal(0, NodeCapacity.AppVcpu(InstanceTypes.Get("t3.large")));
        Assert.Equal(0, NodeCapacity.DatabaseVcpu(InstanceTypes.Get("db.t4g.large")));
        Assert.DoesNotContain(SizingEngine.AppCandidates(InstanceTypes.All), t => t.Name.StartsWith('t'));
    }

    [Fact]
    public void Memory_poor_types_count_at_what_their_memory_feeds()
    {
        Assert.Equal(2m, NodeCapacity.AppGibPerVcpu);       // c7i: 2 GiB per vCPU
        Assert.Equal(8m, NodeCapacity.DatabaseGibPerVcpu);  // r7g: 8 GiB per vCPU
        var poor = new InstanceType("c7i.memorypoor", InstanceFamily.Compute, 8, 8, "x86_64", "test");
        Assert.Equal(4m, NodeCapacity.AppVcpu(poor));
        Assert.Equal(8m, NodeCapacity.AppVcpu(InstanceTypes.Get("c7i.2xlarge")));
        Assert.Equal(8m, NodeCapacity.AppVcpu(InstanceTypes.Get("m7i.2xlarge")));  // more memory does not add vCPU
        Assert.All(InstanceTypes.All, t => Assert.True(t.MemoryGiB > 0, $"{t.Name} has no memory"));
    }

    public static IEnumerable<object[]> Loads => new[] { 2_000, 15_000, 30_000, 80_000, 120_000, 200_000, 300_000 }.Select(u => new object[] { u });

    [Theory]
    [MemberData(nameof(Loads))]
    public void The_app_tier_is_the_cheapest_a_brute_force_finds(int users)
    {
        var s = TestSettings.DesignLoad(users);
        var plan = SizingEngine.Size(s);
        var needDesign = CapacityCurve.App.VcpuFor(plan.Load.DesignLoad);
        var needPeak = CapacityCurve.App.VcpuFor(plan.Load.PeakConcurrent);
        var maxNodes = ConnectionBudget.MaxAppNodes(plan.Database.InstanceClass);
        int z = s.AvailabilityZoneCount;
        (decimal Usd, int Nodes, string Type)? best = null;
        var feasible = new List<(string Type, int Nodes)>();
        foreach (var t in InstanceTypes.All.Where(t => t.Family == InstanceFamily.Compute && (t.Name.StartsWith("c7i.") || t.Name.StartsWith("c6i."))))
        {
            var usd = AwsPriceTable.Find($"ec2:{t.Name}", s.Region)!.Usd!.Value;
            for (var n = 2; n <= 1000; n++)
            {
                var perZone = (n + z - 1) / z;
                if (n * (decimal)t.VCpus < needDesign || (n - perZone) * (decimal)t.VCpus < needPeak || n + perZone > maxNodes) continue;
                var cost = n * usd * 730m;
                if (!feasible.Any(f => f.Type == t.Name)) feasible.Add((t.Name, n));
                if (best is null || cost < best.Value.Usd || (cost == best.Value.Usd && n < best.Value.Nodes)) best = (cost, n, t.Name);
            }
        }
        Assert.NotNull(best);
        var chosenUsd = plan.App.Nodes * AwsPriceTable.Find($"ec2:{plan.App.InstanceType}", s.Region)!.Usd!.Value * 730m;
        Assert.Equal(best.Value.Usd, chosenUsd);
        Assert.Equal(best.Value.Nodes, plan.App.Nodes);
        // The decision names every alternative it weighed, with its count and monthly price.
        var reason = plan.Decisions.Single(d => d.Component == "app" && d.Decision == $"{plan.App.Nodes} x {plan.App.InstanceType}").Reason;
        Assert.Contains("weighed: ", reason);
        Assert.True(feasible.Count >= 2);
        foreach (var (type, nodes) in feasible) Assert.Contains($"{nodes} x {type} $", reason);
    }
}
