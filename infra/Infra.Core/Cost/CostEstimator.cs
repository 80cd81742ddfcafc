using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Components;
using Infra.Core.Graph;

namespace Infra.Core.Cost;

/// <summary>
/// Prices a desired-state graph from <see cref="AwsPriceTable"/>: what runs all month (instances, gateways,
/// load balancers, keys, alarms, public addresses) is priced per 730-hour month; what is billed per use is
/// listed as usage-based; a missing price is reported as unknown. The file store is priced as it grows: its
/// first month and its horizon month (<see cref="StorageGrowth"/>). Reads only the graph, so a previous plan
/// read back from its JSON is priced exactly like the desired state.
/// </summary>
public sealed class CostEstimator(string region, StorageGrowth? storage = null)
{
    private const string NoComponent = "(no component)";

    /// <summary>S3 Standard's first price tier ends at 50 TB; the table holds no price beyond it.</summary>
    private const decimal S3FirstTierGb = 50m * 1024m;

    public CostEstimate Estimate(ResourceGraph graph)
    {
        var lines = new List<CostLine>();
        var noCharge = new Dictionary<string, int>(StringComparer.Ordinal);
        var components = new List<string>();
        foreach (var c in graph.Components) components.Add(c.Name);

        foreach (var node in graph.Resources)
        {
            var component = node.Options.Parent ?? NoComponent;
            if (!components.Contains(component)) components.Add(component);
            var before = lines.Count;
            if (AddLines(graph, node, component, lines))
                noCharge[component] = noCharge.GetValueOrDefault(component) + 1;
            else if (lines.Count == before)
                lines.Add(Unknown(component, node, $"{node.Type} (no price for this resource type)", 1, "resources", "no price for this type in the price table"));
        }

        var perComponent = components
            .Select(c =>
            {
                var mine = lines.Where(l => l.Component == c).ToList();
                return new ComponentCost(c,
                    mine.Where(l => l.Monthly is not null).Sum(l => l.Monthly!.Value),
                    mine.Count(l => l.Status == CostStatus.UnknownPrice),
                    mine.Count(l => l.Status == CostStatus.UsageBased),
                    noCharge.GetValueOrDefault(c))
                {
                    MonthlyAtHorizon = mine.Where(l => l.MonthlyAtHorizon is not null).Sum(l => l.MonthlyAtHorizon!.Value),
                };
            })
            .Where(c => c.Monthly != 0 || c.MonthlyAtHorizon != 0 || c.UnknownPrices > 0 || c.UsageBased > 0 || c.NoChargeResources > 0)
            .ToImmutableArray();
        return new CostEstimate(region, [.. lines], perComponent, noCharge.Values.Sum()) { Storage = storage };
    }

    /// <summary>Adds the resource's cost lines; true when it carries no charge of its own.</summary>
    private bool AddLines(ResourceGraph graph, ResourceNode node, string component, List<CostLine> lines)
    {
        var p = node.Properties;
        switch (node.Type)
        {
            case AwsTypes.AutoScalingGroup:
                var count = Number(p["desiredCapacity"]) ?? Number(p["minSize"]);
                var template = p["launchTemplate"] is MapValue lt && lt["id"] is RefValue r ? graph.Find(r.Resource) : null;
                var type = template?.Properties["instanceType"] is StringValue t ? t.Text : null;
                if (count is null || type is null)
                {
                    lines.Add(Unknown(component, node, "instances", 1, "group", "instance count or type is only known at deploy time"));
                    return false;
                }
                lines.Add(Line(component, node, $"{count} x {type} instances", count.Value * AwsPriceTable.HoursPerMonth, "instance-hours", $"ec2:{type}"));
                foreach (var volume in Volumes(template!))
                    lines.Add(Line(component, node, $"{count} x {volume.Size} GiB {volume.Type} root volume", count.Value * volume.Size, "GB-months", $"ebs:{volume.Type}"));
                return false;
            case "aws:ec2/instance:Instance":
                if (p["instanceType"] is StringValue it)
                    lines.Add(Line(component, node, $"1 x {it.Text} instance", AwsPriceTable.HoursPerMonth, "instance-hours", $"ec2:{it.Text}"));
                return false;
            case AwsTypes.LoadBalancer:
                var kind = p["loadBalancerType"] is StringValue k ? k.Text : "application";
                if (kind != "application")
                {
                    lines.Add(Unknown(component, node, $"{kind} load balancer", AwsPriceTable.HoursPerMonth, "hours", $"no {kind} load balancer price in the table"));
                    return false;
                }
                lines.Add(Line(component, node, "application load balancer", AwsPriceTable.HoursPerMonth, "ALB-hours", "alb:hour"));
                lines.Add(Usage(component, node, "load balancer capacity units (traffic)", "alb:lcu"));
                if (p["internal"] is not BoolValue { Flag: true } && p["subnets"] is ListValue subnets)
                    lines.Add(Line(component, node, $"{subnets.Items.Length} public IPv4 addresses (at least one per zone)",
                        subnets.Items.Length * AwsPriceTable.HoursPerMonth, "IP-hours", "public-ipv4:hour"));
                return false;
            case AwsTypes.DbClusterInstance:
                var engine = p["engine"] is StringValue e ? e.Text : "unknown-engine";
                var cls = p["instanceClass"] is StringValue c ? c.Text : null;
                if (cls is null)
                {
                    lines.Add(Unknown(component, node, "database instance", AwsPriceTable.HoursPerMonth, "instance-hours", "instance class is only known at deploy time"));
                    return false;
                }
                lines.Add(Line(component, node, $"{cls} ({engine})", AwsPriceTable.HoursPerMonth, "instance-hours", $"{engine}:{cls}"));
                return false;
            case AwsTypes.DbCluster:
                lines.Add(Usage(component, node, "Aurora storage (grows with the data)", "aurora:storage"));
                lines.Add(Usage(component, node, "Aurora I/O requests", "aurora:io"));
                if (p["manageMasterUserPassword"] is BoolValue { Flag: true })
                    lines.Add(Line(component, node, "RDS-managed credentials secret", 1, "secret-months", "secretsmanager:secret"));
                return false;
            case AwsTypes.LambdaFunction:
                lines.Add(Usage(component, node, "Lambda requests and compute (runs only at deployment or rotation)", "lambda:requests"));
                return false;
            case AwsTypes.ServerlessApplicationStack:
                lines.Add(Usage(component, node, "the application's Lambda function (runs once per rotation)", "lambda:requests"));
                return false;
            case AwsTypes.MetricAlarm:
                var metrics = p["metricQueries"] is ListValue q ? q.Items.Count(i => i is MapValue m && m["metric"] is not null) : 1;
                lines.Add(Line(component, node, $"alarm on {metrics} metric{(metrics == 1 ? "" : "s")}", metrics, "alarm metric-months", "cloudwatch:alarm-metric"));
                return false;
            case AwsTypes.Bucket:
                // The storage forecast is Mattermost's file store; any other bucket's storage (its access-log bucket too) is usage.
                if (graph.Find(component) is { Type: ComponentTypes.FileStorage } && !S3AccessLogging.Targets(graph).Contains(node.Name)) AddStorage(component, node, lines);
                else lines.Add(Usage(component, node, "S3 storage", "s3:standard"));
                lines.Add(Usage(component, node, "S3 requests", "s3:put-requests"));
                return false;
            case AwsTypes.VpcEndpoint:
                var endpointType = p["vpcEndpointType"] is StringValue vt ? vt.Text : "Gateway";
                if (endpointType.Equals("Gateway", StringComparison.OrdinalIgnoreCase))
                    return true; // gateway endpoints carry no charge: infracost internal/resources/aws/vpc_endpoint.go @2991ed8 (NoPrice)
                lines.Add(Unknown(component, node, $"{endpointType} VPC endpoint", AwsPriceTable.HoursPerMonth, "endpoint-hours", "no interface endpoint price in the table"));
                return false;
            case AwsTypes.OpenSearchDomain:
                var config = p["clusterConfig"] as MapValue;
                var nodes = Number(config?["instanceCount"]) ?? 1;
                var searchType = config?["instanceType"] is StringValue st ? st.Text : "unknown";
                lines.Add(Line(component, node, $"{nodes} x {searchType} data nodes", nodes * AwsPriceTable.HoursPerMonth, "instance-hours", $"opensearch:{searchType}"));
                if (p["ebsOptions"] is MapValue ebs && Number(ebs["volumeSize"]) is { } size)
                {
                    var volumeType = ebs["volumeType"] is StringValue v ? v.Text : "gp2";
                    lines.Add(Line(component, node, $"{nodes} x {size} GiB {volumeType} volumes", nodes * size, "GB-months", $"opensearch:{volumeType}"));
                }
                return false;
            case AwsTypes.EksNodeGroup:
                var scaling = p["scalingConfig"] as MapValue;
                var desired = Number(scaling?["desiredSize"]);
                var nodeType = p["instanceTypes"] is ListValue { Items.Length: > 0 } types && types.Items[0] is StringValue nt ? nt.Text : null;
                if (desired is null || nodeType is null)
                {
                    lines.Add(Unknown(component, node, "EKS nodes", 1, "node group", "node count or instance type is only known at deploy time"));
                    return false;
                }
                lines.Add(Line(component, node, $"{desired} x {nodeType} nodes", desired.Value * AwsPriceTable.HoursPerMonth, "instance-hours", $"ec2:{nodeType}"));
                if (Number(p["diskSize"]) is { } disk)
                    lines.Add(Unknown(component, node, $"{desired} x {disk} GiB node disks", desired.Value * disk, "GB-months", "volume type is chosen by EKS"));
                return false;
        }
        if (ResourceCharges.ByType.TryGetValue(node.Type, out var charges))
        {
            foreach (var charge in charges)
                lines.Add(charge.Basis switch
                {
                    ChargeBasis.Hourly => Line(component, node, charge.Item, AwsPriceTable.HoursPerMonth, charge.Unit, charge.PriceKey),
                    ChargeBasis.Monthly => Line(component, node, charge.Item, 1, charge.Unit, charge.PriceKey),
                    _ => Usage(component, node, charge.Item, charge.PriceKey),
                });
            return false;
        }
        return NoChargeTypes.Why(node.Type) is not null;
    }

    /// <summary>
    /// The file store in the first month and in the horizon month: one line for the first price tier, and one for what
    /// lies beyond it (no price) when the horizon reaches it.
    /// </summary>
    private void AddStorage(string component, ResourceNode node, List<CostLine> lines)
    {
        if (storage is null)
        {
            lines.Add(Usage(component, node, "S3 storage", "s3:standard"));
            return;
        }
        var first = Line(component, node, $"S3 Standard storage ({storage.Basis})", Math.Min(storage.FirstMonthGb, S3FirstTierGb), "GB-months", "s3:standard");
        var horizonGb = Math.Min(storage.HorizonGb, S3FirstTierGb);
        lines.Add(first with
        {
            HorizonQuantity = horizonGb,
            HorizonMonthly = first.UnitPrice is { } usd ? Money(horizonGb * usd) : null,
        });
        if (storage.HorizonGb > S3FirstTierGb)
            lines.Add(Unknown(component, node, "S3 Standard storage beyond 50 TB", Math.Max(0, storage.FirstMonthGb - S3FirstTierGb), "GB-months",
                "the price table holds only the first 50 TB tier") with { HorizonQuantity = storage.HorizonGb - S3FirstTierGb });
    }

    private CostLine Line(string component, ResourceNode node, string item, decimal quantity, string unit, string priceKey)
    {
        var price = AwsPriceTable.Find(priceKey, region);
        if (price is null) return Unknown(component, node, item, quantity, unit, $"no price for '{priceKey}' in the price table");
        if (price.Usd is not { } usd) return new CostLine(component, node.Name, item, quantity, unit, null, null, CostStatus.UnknownPrice, price.Source);
        return new CostLine(component, node.Name, item, quantity, unit, usd, Money(quantity * usd), CostStatus.Priced, $"{price.Source} ({price.Date})");
    }

    private CostLine Usage(string component, ResourceNode node, string item, string priceKey)
    {
        var price = AwsPriceTable.Find(priceKey, region);
        var rate = price?.Usd is { } usd
            ? $"{usd.ToString("0.#####", CultureInfo.InvariantCulture)} USD per {price.Unit}; usage not projected. {price.Source} ({price.Date})"
            : $"usage not projected; price {(price is null ? "not in the table" : price.Source)}";
        return new CostLine(component, node.Name, item, 0, price?.Unit ?? "", price?.Usd, null, CostStatus.UsageBased, rate);
    }

    private static CostLine Unknown(string component, ResourceNode node, string item, decimal quantity, string unit, string why) =>
        new(component, node.Name, item, quantity, unit, null, null, CostStatus.UnknownPrice, why);

    private static IEnumerable<(decimal Size, string Type)> Volumes(ResourceNode template)
    {
        if (template.Properties["blockDeviceMappings"] is not ListValue mappings) yield break;
        foreach (var m in mappings.Items.OfType<MapValue>())
            if (m["ebs"] is MapValue ebs && Number(ebs["volumeSize"]) is { } size)
                yield return (size, ebs["volumeType"] is StringValue t ? t.Text : "gp2");
    }

    private static decimal? Number(Value? v) => v is NumberValue n ? n.Number : null;

    /// <summary>Each line is rounded to the cent, and totals add the rounded lines, so that the totals shown add up.</summary>
    public static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
