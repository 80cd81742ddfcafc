namespace Infra.Core.Cost;

/// <summary>
/// Prices outside us-east-1, as data: one row per item, one column per allowed region (Catalog/AwsRegions.cs). Only
/// prices read from a citable source are here; an item without a row in a region is unknown there (the estimate says
/// "at least" and names it), never scaled from another region. Collected so far: EC2 on-demand (Linux, shared tenancy)
/// for the app instance types the stacks use.
/// To add a region's price: add a column value (or a row) with its source, then regenerate stacks/.
/// </summary>
public static class AwsRegionalPrices
{
    /// <summary>The columns of <see cref="Ec2Rows"/>, in order (us-east-1 comes from KP in <see cref="AwsPriceTable"/>).</summary>
    public static readonly string[] Regions =
        ["us-east-2", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1"];

    /// <summary>
    /// skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv at commit 00148f2af3672e2229b4f7bf8157d5a3f36e3c35, column
    /// "Price" (the on-demand Linux hourly price the catalog's fetcher reads from the AWS Price List API; every zone of a
    /// region carries the same value). The index does not record the commit's date: the rows are dated by a cross-check,
    /// their us-east-1 values equal KP's (aws-prices.md §1, generated 2026-07-20) for every type below, and every region's
    /// prices are exactly linear in size within each family (large x 2, 4, 8, 16), as EC2 list prices are.
    /// </summary>
    public const string Ec2Source = "skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @00148f2a (AWS Price List API, Linux on-demand); dated by cross-check: its us-east-1 rows equal KP's of 2026-07-20";

    public const string Ec2Date = "2026-07-20";

    private static (string Type, decimal[] Usd) Row(string type, params decimal[] usd) => (type, usd);

    /// <summary>USD per instance-hour; columns as <see cref="Regions"/>.</summary>
    public static readonly IReadOnlyList<(string Type, decimal[] Usd)> Ec2Rows =
    [
        //                       us-east-2  us-west-2  ca-central-1  eu-west-1  eu-west-2  eu-central-1  eu-north-1  ap-southeast-1  ap-southeast-2  ap-northeast-1
        Row("c7i.large",   0.08925m, 0.08925m, 0.09765m, 0.09576m, 0.10605m, 0.10185m, 0.09555m, 0.1029m, 0.11655m, 0.11235m),
        Row("c7i.xlarge",  0.1785m, 0.1785m, 0.1953m, 0.19152m, 0.2121m, 0.2037m, 0.1911m, 0.2058m, 0.2331m, 0.2247m),
        Row("c7i.2xlarge", 0.357m, 0.357m, 0.3906m, 0.38304m, 0.4242m, 0.4074m, 0.3822m, 0.4116m, 0.4662m, 0.4494m),
        Row("c7i.4xlarge", 0.714m, 0.714m, 0.7812m, 0.76608m, 0.8484m, 0.8148m, 0.7644m, 0.8232m, 0.9324m, 0.8988m),
        Row("c7i.8xlarge", 1.428m, 1.428m, 1.5624m, 1.53216m, 1.6968m, 1.6296m, 1.5288m, 1.6464m, 1.8648m, 1.7976m),
        Row("c6i.large",   0.085m, 0.085m, 0.093m, 0.0912m, 0.101m, 0.097m, 0.091m, 0.098m, 0.111m, 0.107m),
        Row("c6i.xlarge",  0.17m, 0.17m, 0.186m, 0.1824m, 0.202m, 0.194m, 0.182m, 0.196m, 0.222m, 0.214m),
        Row("c6i.2xlarge", 0.34m, 0.34m, 0.372m, 0.3648m, 0.404m, 0.388m, 0.364m, 0.392m, 0.444m, 0.428m),
        Row("c6i.4xlarge", 0.68m, 0.68m, 0.744m, 0.7296m, 0.808m, 0.776m, 0.728m, 0.784m, 0.888m, 0.856m),
        Row("c6i.8xlarge", 1.36m, 1.36m, 1.488m, 1.4592m, 1.616m, 1.552m, 1.456m, 1.568m, 1.776m, 1.712m),
    ];

    public static IEnumerable<Price> All =>
        Ec2Rows.SelectMany(r => r.Usd.Select((usd, i) =>
            new Price($"ec2:{r.Type}", Regions[i], "instance-hour", usd, Ec2Source, Ec2Date)));
}
