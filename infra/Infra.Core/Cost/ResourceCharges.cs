using System.Collections.Frozen;
using System.Collections.Immutable;
using Infra.Core.Components;

namespace Infra.Core.Cost;

/// <summary>How a fixed charge accrues: per hour all month, per month, or per use (listed, not projected).</summary>
public enum ChargeBasis
{
    Hourly,
    Monthly,
    Usage,
}

/// <summary>One charge every resource of a type carries, priced from the row <see cref="PriceKey"/> of <see cref="AwsPriceTable"/>.</summary>
public sealed record Charge(string Item, ChargeBasis Basis, string Unit, string PriceKey);

/// <summary>
/// The charges of resource types whose bill does not depend on their inputs, as data: a new type of this kind needs
/// only a row here and its price in <see cref="AwsPriceTable"/>. Types whose bill depends on their inputs (instance
/// counts and types, volumes, subnets) are priced by <see cref="CostEstimator"/>; types without a charge of their
/// own are in <see cref="NoChargeTypes"/>; any other type is reported as unknown, never as free.
/// </summary>
public static class ResourceCharges
{
    private static Charge Hourly(string item, string unit, string key) => new(item, ChargeBasis.Hourly, unit, key);

    private static Charge Monthly(string item, string unit, string key) => new(item, ChargeBasis.Monthly, unit, key);

    private static Charge Usage(string item, string key) => new(item, ChargeBasis.Usage, "", key);

    public static readonly FrozenDictionary<string, ImmutableArray<Charge>> ByType = new Dictionary<string, ImmutableArray<Charge>>
    {
        [AwsTypes.NatGateway] = [Hourly("NAT gateway", "gateway-hours", "nat:hour"), Usage("NAT data processed", "nat:data")],
        [AwsTypes.Eip] = [Hourly("public IPv4 address", "IP-hours", "public-ipv4:hour")],
        [AwsTypes.EksCluster] = [Hourly("EKS control plane", "cluster-hours", "eks:cluster")],
        [AwsTypes.KmsKey] = [Monthly("customer-managed key", "key-months", "kms:key")],
        [AwsTypes.Secret] = [Monthly("secret", "secret-months", "secretsmanager:secret")],
        [AwsTypes.LogGroup] = [Usage("log ingestion", "cloudwatch:logs-ingestion"), Usage("log storage", "cloudwatch:logs-storage")],
        [AwsTypes.FlowLog] = [Usage("flow-log delivery to CloudWatch Logs", "flow-logs:cloudwatch")],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
