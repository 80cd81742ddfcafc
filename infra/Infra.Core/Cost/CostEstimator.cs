using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Components;
using Infra.Core.Graph;

namespace Infra.Core.Cost;

/// <summary>
/// Prices a desired-state graph from <see cref="AwsPriceTable"/>: what runs all month (instances, gateways,
/// load balancers, keys, alarms, public addresses) is priced per 730-hour month; what is billed per use is
/// listed as usage-based; a missing price is reported as unknown. Reads only the graph, so a previous plan
/// read back from its JSON is priced exactly like the desired state.
/// </summary>
public sealed class CostEstimator(string region, decimal? fileStorageGb = null, string? storageBasis = null)
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
                lines.Add(Unknown(component, node, "price of this resource type", 1, "resources", "no price for this type in the price table"));
        }

        var perComponent = components
            .Select(c => new ComponentCost(c,
                lines.Where(l => l.Component == c && l.Monthly is not null).Sum(l => l.Monthly!.Value),
                lines.Count(l => l.Component == c && l.Status == CostStatus.UnknownPrice),
                lines.Count(l => l.Component == c && l.Status == CostStatus.UsageBased),
                noCharge.GetValueOrDefault(c)))
            .Where(c => c.Monthly != 0 || c.UnknownPrices > 0 || c.UsageBased > 0 || c.NoChargeResources > 0)
            .ToImmutableArray();
        return new CostEstimate(region, [.. lines], perComponent, noCharge.Values.Sum());
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
            case AwsTypes.NatGateway:
                lines.Add(Line(component, node, "NAT gateway", AwsPriceTable.HoursPerMonth, "gateway-hours", "nat:hour"));
                lines.Add(Usage(component, node, "NAT data processed", "nat:data"));
                return false;
            case AwsTypes.Eip:
                lines.Add(Line(component, node, "public IPv4 address", AwsPriceTable.HoursPerMonth, "IP-hours", "public-ipv4:hour"));
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
            case AwsTypes.KmsKey:
                lines.Add(Line(component, node, "customer-managed key", 1, "key-months", "kms:key"));
                return false;
            case "aws:secretsmanager/secret:Secret":
                lines.Add(Line(component, node, "secret", 1, "secret-months", "secretsmanager:secret"));
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
            case AwsTypes.LogGroup:
                lines.Add(Usage(component, node, "log ingestion", "cloudwatch:logs-ingestion"));
                lines.Add(Usage(component, node, "log storage", "cloudwatch:logs-storage"));
                return false;
            case AwsTypes.FlowLog:
                lines.Add(Usage(component, node, "flow-log delivery to CloudWatch Logs", "flow-logs:cloudwatch"));
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
            case AwsTypes.EksCluster:
                lines.Add(Line(component, node, "EKS control plane", AwsPriceTable.HoursPerMonth, "cluster-hours", "eks:cluster"));
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
        return NoChargeTypes.Why(node.Type) is not null;
    }

    private void AddStorage(string component, ResourceNode node, List<CostLine> lines)
    {
        if (fileStorageGb is not { } gb)
        {
            lines.Add(Usage(component, node, "S3 storage", "s3:standard"));
            return;
        }
        var basis = storageBasis is null ? "" : $" ({storageBasis})";
        var priced = Math.Min(gb, S3FirstTierGb);
        lines.Add(Line(component, node, $"S3 Standard storage{basis}", priced, "GB-months", "s3:standard"));
        if (gb > S3FirstTierGb)
            lines.Add(Unknown(component, node, "S3 Standard storage beyond 50 TB", gb - S3FirstTierGb, "GB-months", "the price table holds only the first 50 TB tier"));
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
