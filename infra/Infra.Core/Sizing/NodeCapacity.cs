using Infra.Core.Catalog;

namespace Infra.Core.Sizing;

/// <summary>
/// Capacity is vCPU and memory. The reference tiers run their app nodes on c7i (2 GiB per vCPU) and their database on
/// r7g (8 GiB per vCPU): a node counts as the vCPU its memory can feed at that ratio, so a memory-poor type carries less
/// than its vCPU say. Burstable types (t3, t4g: CPU credits, a baseline far below their vCPU) never carry production
/// load: the tiers were measured on fixed-performance types.
/// </summary>
public static class NodeCapacity
{
    /// <summary>GiB per vCPU of the reference tiers' app nodes (c7i: mattermost-sizing.md Table 1, aws-prices.md §1).</summary>
    public static decimal AppGibPerVcpu { get; } = Ratio(ReferenceArchitectures.Tiers.Select(t => t.AppInstanceType));

    /// <summary>GiB per vCPU of the reference tiers' database classes (r7g).</summary>
    public static decimal DatabaseGibPerVcpu { get; } = Ratio(ReferenceArchitectures.Tiers.Select(t => t.DatabaseClass));

    private static decimal Ratio(IEnumerable<string> types) =>
        types.Select(InstanceTypes.Get).Min(t => t.MemoryGiB / t.VCpus);

    /// <summary>t3, t4g, db.t4g...: burstable (EC2 "T" families).</summary>
    public static bool IsBurstable(InstanceType t)
    {
        var name = t.Name.StartsWith("db.", StringComparison.Ordinal) ? t.Name[3..] : t.Name;
        return name.StartsWith('t');
    }

    /// <summary>Effective app vCPU of one node: min(vCPU, memory / the tiers' GiB per vCPU); 0 for a burstable type.</summary>
    public static decimal AppVcpu(InstanceType t) => IsBurstable(t) ? 0 : Math.Min(t.VCpus, t.MemoryGiB / AppGibPerVcpu);

    /// <summary>Effective database vCPU of one instance, likewise at the database's ratio.</summary>
    public static decimal DatabaseVcpu(InstanceType t) => IsBurstable(t) ? 0 : Math.Min(t.VCpus, t.MemoryGiB / DatabaseGibPerVcpu);
}
