using System.Text.RegularExpressions;
using Infra.Core.Catalog;
using Infra.Core.Cost;
using Infra.Core.Sizing;

namespace Infra.Core.Tests.Cost;

public class PriceTableTests
{
    [Fact]
    public void Every_known_price_has_a_source_a_date_and_a_positive_amount()
    {
        foreach (var p in AwsPriceTable.All.Where(p => p.IsKnown))
        {
            Assert.True(p.Usd > 0, p.Key);
            Assert.Matches(new Regex(@"^20\d\d-\d\d-\d\d$"), p.Date);
            Assert.True(p.Source.Contains("aws-prices.md") || p.Source.Contains("skypilot-catalog"), p.Source);
            Assert.True(AwsRegions.IsKnown(p.Region), p.Region);
        }
    }

    [Fact]
    public void Unknown_prices_say_why()
    {
        Assert.Contains(AwsPriceTable.All, p => !p.IsKnown);
        Assert.All(AwsPriceTable.All.Where(p => !p.IsKnown), p => Assert.Contains("unconfirmed", p.Source));
    }

    [Fact]
    public void Keys_are_unique()
    {
        Assert.Equal(AwsPriceTable.All.Count, AwsPriceTable.All.Select(p => (p.Key, p.Region)).Distinct().Count());
    }

    [Fact]
    public void Every_app_instance_type_and_database_class_of_the_catalog_has_a_row()
    {
        foreach (var t in InstanceTypes.Names(InstanceFamily.Compute))
            Assert.NotNull(AwsPriceTable.Find($"ec2:{t}", "us-east-1"));
        foreach (var t in InstanceTypes.Names(InstanceFamily.Database))
            Assert.NotNull(AwsPriceTable.Find($"aurora-postgresql:{t}", "us-east-1"));
        foreach (var t in InstanceTypes.Names(InstanceFamily.Search))
            Assert.NotNull(AwsPriceTable.Find($"opensearch:{t}", "us-east-1"));
    }

    [Fact]
    public void Every_reference_tier_app_and_database_size_has_a_known_price()
    {
        foreach (var tier in ReferenceArchitectures.Tiers)
        {
            Assert.True(AwsPriceTable.Find($"ec2:{tier.AppInstanceType}", "us-east-1")!.IsKnown, tier.AppInstanceType);
            Assert.True(AwsPriceTable.Find($"aurora-postgresql:{tier.DatabaseClass}", "us-east-1")!.IsKnown, tier.DatabaseClass);
        }
    }

    [Fact]
    public void Another_region_gets_only_the_prices_collected_for_it_and_says_why_for_the_rest()
    {
        Assert.Equal(0.10185m, AwsPriceTable.Find("ec2:c7i.large", "eu-central-1")!.Usd);
        var p = AwsPriceTable.Find("aurora-postgresql:db.r7g.large", "eu-central-1")!;
        Assert.False(p.IsKnown);
        Assert.Contains("no eu-central-1 price", p.Source);
        Assert.Contains("not scaled", p.Source);
        Assert.Null(AwsPriceTable.Find("ec2:no-such-type", "us-east-1"));
    }

    [Fact]
    public void Regional_rows_agree_with_the_us_east_1_rows_where_both_sources_overlap()
    {
        // The regional source's us-east-1 column is not used, but it equals KP's: the two read the same price list.
        foreach (var (type, _) in AwsRegionalPrices.Ec2Rows)
            Assert.True(AwsPriceTable.Find($"ec2:{type}", "us-east-1")!.IsKnown, type);
        Assert.Equal(AwsRegionalPrices.Regions.Length, AwsRegionalPrices.Regions.Distinct().Count());
        Assert.All(AwsRegionalPrices.Ec2Rows, r => Assert.Equal(AwsRegionalPrices.Regions.Length, r.Usd.Length));
        Assert.DoesNotContain("us-east-1", AwsRegionalPrices.Regions);
    }
}
