using Infra.Core.Catalog;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Sizing;

/// <summary>Beyond the last reference tier the writer's class grows with the load, up to the largest class the catalogue holds; past it, refusal.</summary>
public class WriterClassTests
{
    [Theory]
    [InlineData(2_000, "db.r7g.large")]
    [InlineData(100_000, "db.r7g.4xlarge")]
    [InlineData(200_000, "db.r7g.4xlarge")]
    [InlineData(300_000, "db.r7g.8xlarge")]   // 16 x 300/200 = 24 vCPU -> 32
    [InlineData(500_000, "db.r7g.12xlarge")]  // 40 vCPU -> 48
    [InlineData(700_000, "db.r7g.16xlarge")]  // 56 vCPU -> 64
    public void The_writer_class_follows_the_tier_then_grows_with_the_load(int users, string expected)
    {
        var plan = SizingEngine.Size(TestSettings.DesignLoad(users));
        Assert.Equal(expected, plan.Database.InstanceClass);
        Assert.InRange(plan.Database.Readers, 1, AuroraLimits.MaxReplicas);
    }

    [Fact]
    public void A_larger_class_carries_more_connections_and_a_larger_shared_buffers()
    {
        var classes = WriterClass.Classes.Select(c => c.Name).ToList();
        Assert.Contains("db.r7g.16xlarge", classes);
        for (var i = 1; i < classes.Count; i++)
        {
            Assert.True(AuroraLimits.MaxConnections(classes[i]) > AuroraLimits.MaxConnections(classes[i - 1]));
            Assert.True(AuroraLimits.SharedBuffersMiB(classes[i]) > AuroraLimits.SharedBuffersMiB(classes[i - 1]));
        }
        // Aurora's default is between half and three quarters of the class's memory (AWS knowledge center).
        foreach (var c in WriterClass.Classes)
        {
            var mib = c.MemoryGiB * 1024m;
            Assert.InRange(AuroraLimits.SharedBuffersMiB(c.Name), mib * 0.5m, mib * 0.75m);
        }
        var plan = SizingEngine.Size(TestSettings.DesignLoad(300_000));
        Assert.Contains(plan.Decisions, d => d.Component == "database" && d.Decision.StartsWith("shared_buffers about", StringComparison.Ordinal));
        Assert.True(plan.Database.Connections.Limit > AuroraLimits.MaxConnections("db.r7g.4xlarge"));
    }

    [Fact]
    public void One_million_concurrent_users_are_refused_with_the_largest_load_one_writer_carries()
    {
        var s = TestSettings.DesignLoad(1_000_000);
        var e = Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(s));
        Assert.Contains(e.Limits, l => l.Contains("the writer needs 80 vCPU") && l.Contains("db.r7g.16xlarge (64 vCPU)"));
        var largest = Assert.IsType<LargestLoad>(e.Largest);
        // 64 vCPU x 200,000 / 16 = 800,000 users on the largest writer.
        Assert.InRange(largest.DesignLoad, 1, 800_000);
        var fits = SizingEngine.Size(SizingLimits.WithLoad(s, largest.Value));
        Assert.Equal(largest.DesignLoad, fits.Load.DesignLoad);
        Assert.Throws<NoPlanFitsException>(() => SizingEngine.Size(SizingLimits.WithLoad(s, largest.Value + 1)));
    }

    [Fact]
    public void Unpriced_large_classes_say_so()
    {
        foreach (var c in new[] { "db.r7g.8xlarge", "db.r7g.12xlarge", "db.r7g.16xlarge" })
        {
            var price = Infra.Core.Cost.AwsPriceTable.UsEast1.Single(p => p.Key == $"aurora-postgresql:{c}");
            Assert.Null(price.Usd);
            Assert.Contains("unconfirmed", price.Source);
        }
    }
}
