using Infra.Core.Settings;

namespace Infra.Core.Blueprint;

public enum SubnetTier { Public, Private, Database }

/// <summary>One subnet: its tier, zone and address range.</summary>
public sealed record SubnetSpec(SubnetTier Tier, string Zone, string ZoneSuffix, string CidrBlock);

/// <summary>
/// Carves the VPC range: private (app) subnets get an eighth of the VPC each, because EKS pods take
/// VPC addresses; the public and database subnets share two further eighths, a sixty-fourth each.
/// A /16 gives /19 private and /22 public and database subnets, for up to six zones.
/// </summary>
public static class SubnetPlanner
{
    public static IReadOnlyList<SubnetSpec> Plan(string vpcCidr, IReadOnlyList<string> zones)
    {
        if (!Cidr.TryParse(vpcCidr, out var vpc)) throw new ArgumentException($"invalid VPC CIDR {vpcCidr}");
        if (zones.Count is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(zones), "1 to 6 zones");
        var eighth = vpc.PrefixLength + 3;
        var publicBlock = Cidr.Subnet(vpcCidr, eighth, 6);
        var databaseBlock = Cidr.Subnet(vpcCidr, eighth, 7);
        var result = new List<SubnetSpec>();
        for (var i = 0; i < zones.Count; i++)
        {
            var suffix = zones[i][^1..].ToUpperInvariant();
            result.Add(new(SubnetTier.Public, zones[i], suffix, Cidr.Subnet(publicBlock, eighth + 3, i)));
            result.Add(new(SubnetTier.Private, zones[i], suffix, Cidr.Subnet(vpcCidr, eighth, i)));
            result.Add(new(SubnetTier.Database, zones[i], suffix, Cidr.Subnet(databaseBlock, eighth + 3, i)));
        }
        return result;
    }
}
