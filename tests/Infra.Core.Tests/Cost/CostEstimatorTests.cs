using Infra.Core.Components;
using Infra.Core.Cost;
using Infra.Core.Graph;

namespace Infra.Core.Tests.Cost;

public class CostEstimatorTests
{
    private static ResourceNode N(string name, string type, MapValue props, string parent = "app") =>
        new(name, type, props, NodeOptions.None with { Parent = parent }, "test");

    /// <summary>An app tier of 3 x c7i.large with 50 GiB gp3 disks, an ALB in 2 zones, a NAT gateway, a key and an Aurora writer.</summary>
    private static ResourceGraph Sample() => new("test",
    [
        new ResourceNode("app", ComponentTypes.MattermostCluster, MapValue.Empty, NodeOptions.None, "c"),
        new ResourceNode("db", ComponentTypes.Database, MapValue.Empty, NodeOptions.None, "c"),
        N("lt", AwsTypes.LaunchTemplate, V.Map(("instanceType", "c7i.large"),
            ("blockDeviceMappings", V.List(V.Map(("ebs", V.Map(("volumeSize", 50), ("volumeType", "gp3")))))))),
        N("asg", AwsTypes.AutoScalingGroup, V.Map(("desiredCapacity", 3), ("launchTemplate", V.Map(("id", V.Ref("lt", "id")))))),
        N("alb", AwsTypes.LoadBalancer, V.Map(("loadBalancerType", "application"), ("internal", false), ("subnets", V.Strings(["s1", "s2"])))),
        N("nat", AwsTypes.NatGateway, V.Map(("subnetId", "s1"))),
        N("eip", AwsTypes.Eip, V.Map(("domain", "vpc"))),
        N("role", AwsTypes.Role, V.Map(("name", "r"))),
        N("key", AwsTypes.KmsKey, MapValue.Empty, "db"),
        N("writer", AwsTypes.DbClusterInstance, V.Map(("engine", "aurora-postgresql"), ("instanceClass", "db.r7g.large")), "db"),
    ], [], []);

    private static decimal Price(string key) => AwsPriceTable.Find(key, "us-east-1")!.Usd!.Value;

    private static decimal Line(CostEstimate e, string resource, string itemStart) =>
        e.Lines.Single(l => l.Resource == resource && l.Item.StartsWith(itemStart, StringComparison.Ordinal)).Monthly!.Value;

    [Fact]
    public void Always_on_items_are_quantity_times_unit_price_rounded_to_the_cent()
    {
        var e = new CostEstimator("us-east-1").Estimate(Sample());
        Assert.Equal(195.46m, Line(e, "asg", "3 x c7i.large"));   // 3 x 730 h x 0.08925 = 195.4575
        Assert.Equal(12.00m, Line(e, "asg", "3 x 50 GiB gp3"));   // 150 GB-months x 0.08
        Assert.Equal(16.43m, Line(e, "alb", "application"));      // 730 x 0.0225 = 16.425
        Assert.Equal(7.30m, Line(e, "alb", "2 public IPv4"));     // 2 x 730 x 0.005
        Assert.Equal(32.85m, Line(e, "nat", "NAT gateway"));
        Assert.Equal(3.65m, Line(e, "eip", "public IPv4"));
        Assert.Equal(1.00m, Line(e, "key", "customer-managed"));
        Assert.Equal(201.48m, Line(e, "writer", "db.r7g.large"));  // 730 x 0.276
    }

    [Fact]
    public void Component_and_total_amounts_are_the_sums_of_their_priced_lines()
    {
        var e = new CostEstimator("us-east-1").Estimate(Sample());
        Assert.Equal(195.46m + 12.00m + 16.43m + 7.30m + 32.85m + 3.65m, e.ComponentMonthly("app"));
        Assert.Equal(1.00m + 201.48m, e.ComponentMonthly("db"));
        Assert.Equal(e.Lines.Where(l => l.Monthly is not null).Sum(l => l.Monthly!.Value), e.Monthly);
        Assert.Equal(e.ComponentMonthly("app") + e.ComponentMonthly("db"), e.Monthly);
    }

    [Fact]
    public void Usage_based_charges_are_listed_but_not_added()
    {
        var e = new CostEstimator("us-east-1").Estimate(Sample());
        var usage = e.Lines.Where(l => l.Status == CostStatus.UsageBased).ToList();
        Assert.Contains(usage, l => l.Resource == "nat" && l.Item.Contains("data processed"));
        Assert.Contains(usage, l => l.Resource == "alb" && l.Item.Contains("capacity units"));
        Assert.All(usage, l => Assert.Null(l.Monthly));
        Assert.True(e.IsComplete);
    }

    [Fact]
    public void Configuration_without_a_charge_of_its_own_is_counted_not_priced()
    {
        var e = new CostEstimator("us-east-1").Estimate(Sample());
        Assert.DoesNotContain(e.Lines, l => l.Resource is "lt" or "role");
        Assert.Equal(2, e.NoChargeResources);
    }

    [Fact]
    public void An_unconfirmed_price_is_unknown_and_left_out_of_the_total()
    {
        var graph = Sample().WithAdded(N("search", AwsTypes.OpenSearchDomain, V.Map(
            ("clusterConfig", V.Map(("instanceType", "r6g.xlarge.search"), ("instanceCount", 2))),
            ("ebsOptions", V.Map(("volumeSize", 100), ("volumeType", "gp3")))), "db"));
        var e = new CostEstimator("us-east-1").Estimate(graph);
        var nodes = e.Lines.Single(l => l.Resource == "search" && l.Item.Contains("data nodes"));
        Assert.Equal(CostStatus.UnknownPrice, nodes.Status);
        Assert.Null(nodes.UnitPrice);
        Assert.Contains("unconfirmed", nodes.Source);
        Assert.Equal(24.40m, Line(e, "search", "2 x 100 GiB gp3")); // the volumes' price is known
        Assert.False(e.IsComplete);
        Assert.Equal(1, e.UnknownPrices);
    }

    [Fact]
    public void A_type_without_a_price_is_unknown_rather_than_free()
    {
        var e = new CostEstimator("us-east-1").Estimate(Sample().WithAdded(N("queue", "aws:sqs/queue:Queue", MapValue.Empty)));
        var line = Assert.Single(e.Lines, l => l.Resource == "queue");
        Assert.Equal(CostStatus.UnknownPrice, line.Status);
        Assert.Contains("no price for this type", line.Source);
    }

    [Fact]
    public void Outside_us_east_1_only_collected_prices_are_known_and_nothing_is_scaled()
    {
        var e = new CostEstimator("eu-west-1").Estimate(Sample());
        // The instances have a collected eu-west-1 price; nothing else does, and nothing is derived from us-east-1.
        Assert.Equal(CostEstimator.Money(3 * 730m * 0.09576m), Line(e, "asg", "3 x c7i.large"));
        Assert.Equal(e.Lines.Where(l => l.Status == CostStatus.Priced).Sum(l => l.Monthly!.Value), e.Monthly);
        Assert.All(e.Lines.Where(l => l.Status != CostStatus.UsageBased && !l.Item.Contains("c7i.large")), l =>
        {
            Assert.Equal(CostStatus.UnknownPrice, l.Status);
            Assert.Contains("no eu-west-1 price", l.Source);
        });
        Assert.False(e.IsComplete);
    }

    [Fact]
    public void File_storage_is_priced_from_the_forecast_up_to_the_first_price_tier()
    {
        ResourceGraph Files() => new("test",
        [
            new ResourceNode("files", ComponentTypes.FileStorage, MapValue.Empty, NodeOptions.None, "c"),
            N("bucket", AwsTypes.Bucket, V.Map(("bucketPrefix", "f-")), "files"),
        ], [], []);
        static CostLine Storage(CostEstimate e) => e.Lines.Single(l => l.Item.StartsWith("S3 Standard storage (", StringComparison.Ordinal));
        var small = new CostEstimator("us-east-1", new StorageGrowth(1_000m, 1_000m, 12)).Estimate(Files());
        Assert.Equal(1_000m * Price("s3:standard"), Storage(small).Monthly);

        var huge = new CostEstimator("us-east-1", new StorageGrowth(60_000m, 60_000m, 12)).Estimate(Files());
        Assert.Equal(51_200m * Price("s3:standard"), Storage(huge).Monthly);
        Assert.Contains(huge.Lines, l => l.Item.Contains("beyond 50 TB") && l.Status == CostStatus.UnknownPrice && l.Quantity == 8_800m);

        var unforecast = new CostEstimator("us-east-1").Estimate(Files());
        Assert.Equal(CostStatus.UsageBased, unforecast.Lines.Single(l => l.Item == "S3 storage").Status);
    }
}
