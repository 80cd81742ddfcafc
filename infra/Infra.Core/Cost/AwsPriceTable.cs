using System.Collections.Frozen;

namespace Infra.Core.Cost;

/// <summary>
/// The prices the estimate uses, as data, with the source and date of every number: us-east-1 transcribed from
/// shared/reference/aws-prices.md (<see cref="UsEast1"/>), other regions from <see cref="AwsRegionalPrices"/>.
/// On-demand, USD. Rows with a null price are the document's "unconfirmed" gaps, kept so that the estimate can say
/// which price is missing and why; an item with no row for a region is unknown there, and says which region.
/// Table-driven: a new resource type needs a charge rule (<see cref="ResourceCharges"/>) and a price row here.
/// To update a price, change it here with its new source and date, then regenerate stacks/.
/// </summary>
public static class AwsPriceTable
{
    public const string Region = "us-east-1";

    /// <summary>aws-prices.md conventions: one month is 730 hours.</summary>
    public const decimal HoursPerMonth = 730m;

    private const string Kp = "aws-prices.md §1: karpenter-provider-aws zz_generated.pricing_aws.go @6fc13b5";
    private const string KpDate = "2026-07-20";
    private const string Atk = "aws-prices.md §3a: agent-toolkit-for-aws amazon-aurora-postgresql serverless-advisory-formulas-and-examples.md @a9d1c70 (Aurora Standard)";
    private const string AtkDate = "2026-06-15";
    private const string IcDate = "2024-07-01";

    private static string Ic(string section, string test) => $"aws-prices.md {section}: infracost {test} golden @e9ce629";

    private static Price Ec2(string type, decimal usd) => new($"ec2:{type}", Region, "instance-hour", usd, Kp, KpDate);

    private static Price Aurora(string cls, decimal usd) => new($"aurora-postgresql:{cls}", Region, "instance-hour", usd, Atk, AtkDate);

    private static Price Unknown(string key, string unit, string why) => new(key, Region, unit, null, why, "-");

    /// <summary>The us-east-1 rows (aws-prices.md §1-§9).</summary>
    public static readonly IReadOnlyList<Price> UsEast1 =
    [
        Ec2("c7i.large", 0.08925m), Ec2("c7i.xlarge", 0.1785m), Ec2("c7i.2xlarge", 0.357m), Ec2("c7i.4xlarge", 0.714m), Ec2("c7i.8xlarge", 1.428m),
        Ec2("c6i.large", 0.085m), Ec2("c6i.xlarge", 0.17m), Ec2("c6i.2xlarge", 0.34m), Ec2("c6i.4xlarge", 0.68m), Ec2("c6i.8xlarge", 1.36m),
        Ec2("m7i.large", 0.1008m), Ec2("m7i.xlarge", 0.2016m), Ec2("m7i.2xlarge", 0.4032m), Ec2("m7i.4xlarge", 0.8064m), Ec2("m6in.8xlarge", 2.22768m),
        Ec2("t3.medium", 0.0416m), Ec2("t3.large", 0.0832m),
        Ec2("c7g.large", 0.0725m), Ec2("c7g.xlarge", 0.145m), Ec2("c7g.2xlarge", 0.29m), Ec2("c7g.4xlarge", 0.58m),
        Ec2("m7g.large", 0.0816m), Ec2("m7g.xlarge", 0.1632m), Ec2("m7g.2xlarge", 0.3264m),

        Aurora("db.r7g.large", 0.276m), Aurora("db.r7g.xlarge", 0.553m), Aurora("db.r7g.2xlarge", 1.106m), Aurora("db.r7g.4xlarge", 2.211m),
        Aurora("db.r6g.large", 0.260m), Aurora("db.r6g.xlarge", 0.519m), Aurora("db.r6g.2xlarge", 1.038m), Aurora("db.r6g.4xlarge", 2.076m),
        Aurora("db.t4g.medium", 0.073m), Aurora("db.t4g.large", 0.146m),
        Unknown("aurora-postgresql:db.r7g.8xlarge", "instance-hour", "unconfirmed: the AWS agent-toolkit table stops at db.r7g.4xlarge (aws-prices.md §3a)"),
        Unknown("aurora-postgresql:db.r7g.12xlarge", "instance-hour", "unconfirmed: the AWS agent-toolkit table stops at db.r7g.4xlarge (aws-prices.md §3a)"),
        Unknown("aurora-postgresql:db.r7g.16xlarge", "instance-hour", "unconfirmed: the AWS agent-toolkit table stops at db.r7g.4xlarge (aws-prices.md §3a)"),
        Unknown("aurora-postgresql:db.m7g.large", "instance-hour", "unconfirmed: not in the AWS agent-toolkit table (aws-prices.md §3a, §12)"),
        Unknown("aurora-postgresql:db.m7g.xlarge", "instance-hour", "unconfirmed: not in the AWS agent-toolkit table (aws-prices.md §3a, §12)"),
        Unknown("aurora-postgresql:db.m7g.2xlarge", "instance-hour", "unconfirmed: not in the AWS agent-toolkit table (aws-prices.md §3a, §12)"),
        new("aurora:storage", Region, "GB-month", 0.10m, Ic("§3b", "rds_cluster_test") + "; agent-toolkit io-optimized-pricing.md @a9d1c70", IcDate),
        new("aurora:io", Region, "million requests", 0.20m, Ic("§3b", "rds_cluster_test"), IcDate),

        new("ebs:gp3", Region, "GB-month", 0.08m, Ic("§4", "ebs_volume_test") + "; agent-toolkit ebs-optimization.md @c3ed514", IcDate),
        new("s3:standard", Region, "GB-month (first 50 TB)", 0.023m, Ic("§5", "s3_bucket_test"), IcDate),
        new("s3:put-requests", Region, "1,000 requests", 0.005m, Ic("§5", "s3_bucket_test"), IcDate),

        new("nat:hour", Region, "gateway-hour", 0.045m, Ic("§6", "nat_gateway_test") + " ($32.85 / 730 h)", IcDate),
        new("nat:data", Region, "GB processed", 0.045m, Ic("§6", "nat_gateway_test"), IcDate),
        new("alb:hour", Region, "ALB-hour", 0.0225m, Ic("§6", "lb_test") + " ($16.43 / 730 h)", IcDate),
        new("alb:lcu", Region, "LCU-hour", 0.008m, Ic("§6", "lb_test"), IcDate),
        new("public-ipv4:hour", Region, "IP-hour", 0.005m, Ic("§6", "eip_test") + "; public IPv4 billed in use or idle since 2024-02-01 (NAT and load balancers too)", IcDate),
        new("data-transfer:out", Region, "GB (first 10 TB)", 0.09m, "aws-prices.md §6: infracost data_transfer_test golden @0ee89cf", "2024-09-25"),
        Unknown("flow-logs:cloudwatch", "GB delivered", "unconfirmed: no us-east-1 vended-log price found (aws-prices.md §6, §12)"),

        new("eks:cluster", Region, "cluster-hour", 0.10m, "aws-prices.md §7: infracost eks_cluster_test golden @16e40f6; agent-toolkit service-optimization.md @c3ed514", "2025-07-07"),

        Unknown("opensearch:r6g.large.search", "instance-hour", "unconfirmed: no attributable source (aws-prices.md §8, §12)"),
        Unknown("opensearch:r6g.xlarge.search", "instance-hour", "unconfirmed: no attributable source (aws-prices.md §8, §12)"),
        Unknown("opensearch:r6g.2xlarge.search", "instance-hour", "unconfirmed: no attributable source (aws-prices.md §8, §12)"),
        new("opensearch:gp3", Region, "GB-month", 0.122m, Ic("§8", "elasticsearch_domain_test") + " ($48.80 / 400 GB)", IcDate),

        new("kms:key", Region, "key-month", 1.00m, Ic("§9", "kms_key_test"), IcDate),
        new("secretsmanager:secret", Region, "secret-month", 0.40m, Ic("§9", "secretsmanager_secret_test"), IcDate),
        new("cloudwatch:alarm-metric", Region, "alarm metric-month", 0.10m, Ic("§9", "cloudwatch_metric_alarm_test") + " (standard resolution)", IcDate),
        new("cloudwatch:logs-ingestion", Region, "GB ingested", 0.50m, Ic("§9", "cloudwatch_log_group_test"), IcDate),
        new("cloudwatch:logs-storage", Region, "GB-month archived", 0.03m, Ic("§9", "cloudwatch_log_group_test"), IcDate),
    ];

    /// <summary>Every row, all regions.</summary>
    public static readonly IReadOnlyList<Price> All = [.. UsEast1, .. AwsRegionalPrices.All];

    private static readonly FrozenDictionary<(string Key, string Region), Price> ByKeyAndRegion =
        All.ToFrozenDictionary(p => (p.Key, p.Region));

    private static readonly FrozenDictionary<string, Price> AnyRegion =
        UsEast1.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>
    /// The price of <paramref name="key"/> in <paramref name="region"/>: a known price; an entry with a null price
    /// (unconfirmed, or not collected for that region, saying which); or null when no region has a row for the key.
    /// </summary>
    public static Price? Find(string key, string region)
    {
        if (ByKeyAndRegion.TryGetValue((key, region), out var price)) return price;
        if (!AnyRegion.TryGetValue(key, out var known)) return null;
        if (!known.IsKnown) return known with { Region = region }; // unconfirmed everywhere: the reason stands
        return known with
        {
            Region = region,
            Usd = null,
            Source = $"unknown: no {region} price for {key} was collected (the table holds it for {Regions(key)}); not scaled from another region",
            Date = "-",
        };
    }

    private static string Regions(string key) =>
        string.Join(", ", All.Where(p => p.Key == key && p.IsKnown).Select(p => p.Region).Distinct().Order(StringComparer.Ordinal));

    /// <summary>The oldest and newest price dates, for the estimate's header.</summary>
    public static (string Oldest, string Newest) DateRange
    {
        get
        {
            var dates = All.Where(p => p.IsKnown).Select(p => p.Date).Order(StringComparer.Ordinal).ToList();
            return (dates[0], dates[^1]);
        }
    }
}
