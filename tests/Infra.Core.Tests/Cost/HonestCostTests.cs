using System.Text;
using System.Text.Json;
using Infra.Core.Artifacts;
using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Cost;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cost;

/// <summary>
/// Unknown means unknown: a total that leaves items out says "at least" (or "unknown" when nothing is priced) in
/// every rendering, never $0.00, and names what it left out; storage is priced as it grows, not at the horizon's size.
/// </summary>
public class HonestCostTests
{
    private static ResourceNode N(string name, string type, MapValue props, string parent = "app") =>
        new(name, type, props, NodeOptions.None with { Parent = parent }, "test");

    /// <summary>An app tier of 2 x c7i.large, a key, and a search domain whose instance price is unconfirmed.</summary>
    private static ResourceGraph WithSearch() => new("test",
    [
        new ResourceNode("app", ComponentTypes.MattermostCluster, MapValue.Empty, NodeOptions.None, "c"),
        N("lt", AwsTypes.LaunchTemplate, V.Map(("instanceType", "c7i.large"))),
        N("asg", AwsTypes.AutoScalingGroup, V.Map(("desiredCapacity", 2), ("launchTemplate", V.Map(("id", V.Ref("lt", "id")))))),
        N("key", AwsTypes.KmsKey, MapValue.Empty),
        N("search", AwsTypes.OpenSearchDomain, V.Map(
            ("clusterConfig", V.Map(("instanceType", "r6g.xlarge.search"), ("instanceCount", 2))))),
    ], [], []);

    private static string Text(CostEstimate e) => TextPlanRenderer.Write(CostText.Parts(e, null), 80);

    private static JsonElement Json(CostEstimate e)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) CostJson.Write(w, e);
        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement.Clone();
    }

    private static string TotalLine(string text) =>
        text.Split('\n').Single(l => l.TrimStart('│', '|', ' ').StartsWith("Total", StringComparison.Ordinal));

    [Fact]
    public void A_total_with_unpriced_items_says_at_least_and_names_them_in_every_format()
    {
        var e = new CostEstimator("us-east-1").Estimate(WithSearch());
        var priced = e.Monthly;
        Assert.True(priced > 0);
        Assert.False(e.IsComplete);

        var md = CostMarkdown.Section(e);
        Assert.Contains($"**Total: at least {Money.Usd(priced)} per month**", md);
        Assert.Contains("1 item unpriced: 2 x r6g.xlarge.search data nodes", md);

        var text = Text(e);
        Assert.Contains($"at least {Money.Usd(priced)}", TotalLine(text));
        Assert.Contains("2 x r6g.xlarge.search data nodes", text);

        var json = Json(e);
        Assert.False(json.GetProperty("complete").GetBoolean());
        Assert.Equal(priced, json.GetProperty("monthly").GetDecimal());
        var unpriced = Assert.Single(json.GetProperty("unpriced").EnumerateArray());
        Assert.Equal("search", unpriced.GetProperty("resource").GetString());
        Assert.Equal("2 x r6g.xlarge.search data nodes", unpriced.GetProperty("item").GetString());
        Assert.Contains("unconfirmed", unpriced.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_total_with_nothing_priced_is_unknown_never_zero_dollars()
    {
        // A region the price table has no row for at all: every item is unknown.
        var e = new CostEstimator("ap-south-1").Estimate(WithSearch());
        Assert.Equal(0m, e.Monthly);
        Assert.Equal(3, e.UnknownPrices);

        var md = CostMarkdown.Section(e);
        Assert.Contains("**Total: unknown**", md);
        Assert.DoesNotContain("$0.00", md);
        Assert.Contains("3 items unpriced:", md);

        var text = Text(e);
        Assert.Contains("unknown", TotalLine(text));
        Assert.DoesNotContain("$0.00", text);

        var json = Json(e);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("monthly").ValueKind);
        Assert.False(json.GetProperty("complete").GetBoolean());
        Assert.Equal(3, json.GetProperty("unpriced").GetArrayLength());
    }

    [Fact]
    public void A_component_with_only_unpriced_items_shows_unknown_rather_than_zero()
    {
        var e = new CostEstimator("us-east-1").Estimate(new ResourceGraph("test",
        [
            new ResourceNode("search", ComponentTypes.Search, MapValue.Empty, NodeOptions.None, "c"),
            N("domain", AwsTypes.OpenSearchDomain, V.Map(("clusterConfig", V.Map(("instanceType", "r6g.large.search"), ("instanceCount", 2)))), "search"),
        ], [], []));
        var md = CostMarkdown.Section(e);
        Assert.Contains("| search | unknown |", md);
        Assert.DoesNotContain("$0.00", md);
    }

    [Fact]
    public void A_complete_total_is_a_plain_amount()
    {
        var graph = WithSearch().Without("search");
        var e = new CostEstimator("us-east-1").Estimate(graph);
        Assert.True(e.IsComplete);
        var md = CostMarkdown.Section(e);
        Assert.Contains($"**Total: {Money.Usd(e.Monthly)} per month**", md);
        Assert.DoesNotContain("**Total: at least", md);
        Assert.DoesNotContain("unpriced", md);
        Assert.Equal(0, Json(e).GetProperty("unpriced").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(AllowedRegions))]
    public void Every_allowed_region_prices_the_app_instance_types_from_a_dated_source(string region)
    {
        foreach (var type in new[] { "c7i.large", "c7i.xlarge", "c7i.2xlarge", "c7i.4xlarge", "c7i.8xlarge", "c6i.large", "c6i.xlarge", "c6i.2xlarge", "c6i.4xlarge", "c6i.8xlarge" })
        {
            var p = AwsPriceTable.Find($"ec2:{type}", region)!;
            Assert.True(p.IsKnown, $"{type} in {region}: {p.Source}");
            Assert.Equal(region, p.Region);
            Assert.Matches(@"^20\d\d-\d\d-\d\d$", p.Date);
        }
    }

    public static IEnumerable<object[]> AllowedRegions => AwsRegions.ZoneLetters.Keys.Order(StringComparer.Ordinal).Select(r => new object[] { r });

    [Fact]
    public void A_region_without_a_collected_price_names_the_region_and_the_item()
    {
        var p = AwsPriceTable.Find("nat:hour", "eu-central-1")!;
        Assert.False(p.IsKnown);
        Assert.Contains("eu-central-1", p.Source);
        Assert.Equal("eu-central-1", p.Region);
    }

    [Fact]
    public void The_eu_example_says_at_least_and_lists_what_it_could_not_price()
    {
        var plan = new Infra.Core.Planning.Planner(Path.Combine(Repo.Root, "examples", "eu-pilot")).Plan("pilot");
        var e = PlanRenderings.Cost(plan);
        Assert.Equal("eu-central-1", e.Region);
        Assert.True(e.Monthly > 0, "the EC2 instances are priced in eu-central-1");
        var md = PlanRenderings.Markdown(plan);
        Assert.Contains("**Total: at least ", md);
        Assert.DoesNotContain("**Total: $0.00", md);
        Assert.Contains("NAT gateway", CostWording.Unpriced(e));
    }

    [Fact]
    public void File_storage_is_priced_at_the_first_month_and_at_the_horizon()
    {
        var plan = Repo.Plan("production");
        var storage = StorageGrowth.From(plan.Blueprint.Sizing);
        var z = plan.Blueprint.Sizing;
        Assert.Equal(z.Storage.HighGb, storage.HorizonGb);
        Assert.Equal(z.Load.HorizonMonths, storage.HorizonMonths);
        // One month of uploads by today's users at the forecast's high rate, with its safety factor, on top of the base.
        var expected = Math.Round(z.Storage.BaseGb + z.Storage.MbPerUserPerMonthHigh * z.Load.RegisteredNow * z.Storage.SafetyFactor / 1024m, 1);
        Assert.Equal(expected, storage.FirstMonthGb);
        Assert.True(storage.FirstMonthGb < storage.HorizonGb / 10);

        var e = PlanRenderings.Cost(plan);
        var s3 = e.Lines.Single(l => l.Item.StartsWith("S3 Standard storage", StringComparison.Ordinal));
        var price = AwsPriceTable.Find("s3:standard", "us-east-1")!.Usd!.Value;
        Assert.Equal(storage.FirstMonthGb, s3.Quantity);
        Assert.Equal(CostEstimator.Money(storage.FirstMonthGb * price), s3.Monthly);
        Assert.Equal(storage.HorizonGb, s3.HorizonQuantity);
        Assert.Equal(CostEstimator.Money(storage.HorizonGb * price), s3.HorizonMonthly);
        Assert.Equal(e.Monthly + s3.HorizonMonthly!.Value - s3.Monthly!.Value, e.MonthlyAtHorizon);

        var md = PlanRenderings.Markdown(plan);
        Assert.Contains($"in month 1, at least {Money.Usd(e.MonthlyAtHorizon)} in month {storage.HorizonMonths}", md);
        using var doc = JsonDocument.Parse(PlanRenderings.Json(plan));
        var cost = doc.RootElement.GetProperty("cost");
        Assert.Equal(e.Monthly, cost.GetProperty("monthly").GetDecimal());
        Assert.Equal(e.MonthlyAtHorizon, cost.GetProperty("monthlyAtHorizon").GetDecimal());
        Assert.Equal(storage.HorizonMonths, cost.GetProperty("horizonMonths").GetInt32());
        Assert.Equal(storage.FirstMonthGb, cost.GetProperty("fileStorage").GetProperty("firstMonthGb").GetDecimal());
    }

    [Fact]
    public void Storage_beyond_the_first_price_tier_is_unpriced_only_where_it_is_reached()
    {
        ResourceGraph Files() => new("test",
        [
            new ResourceNode("files", ComponentTypes.FileStorage, MapValue.Empty, NodeOptions.None, "c"),
            N("bucket", AwsTypes.Bucket, V.Map(("bucketPrefix", "f-")), "files"),
        ], [], []);
        var e = new CostEstimator("us-east-1", new StorageGrowth(1_000m, 60_000m, 24)).Estimate(Files());
        var beyond = e.Lines.Single(l => l.Item.Contains("beyond 50 TB"));
        Assert.Equal(0m, beyond.Quantity);           // not reached in month 1
        Assert.Equal(8_800m, beyond.HorizonQuantity); // reached by month 24
        Assert.Equal(CostStatus.UnknownPrice, beyond.Status);
        Assert.False(e.IsComplete);
    }
}
