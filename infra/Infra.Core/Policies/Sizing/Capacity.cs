using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Settings;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>What one tier of the environment provides, read from the graph.</summary>
/// <param name="Resource">The node the capacity belongs to (auto scaling group, Mattermost resource, DB cluster, search domain).</param>
/// <param name="Units">How many nodes, replicas or instances.</param>
/// <param name="UnitVcpu">vCPU of one unit; 0 when unknown.</param>
/// <param name="Description">e.g. "3 x c7i.large".</param>
public sealed record TierCapacity(string Resource, string ResourceType, int Units, decimal UnitVcpu, string Description, IReadOnlyList<string> Zones, int MaxUnits)
{
    public decimal Vcpu => Units * UnitVcpu;

    public bool Known => UnitVcpu > 0 && Units > 0;
}

/// <summary>
/// Capacity comes from the graph alone: instance types and counts (or the Mattermost resource's replicas
/// and CPU requests) turned into users through the same reference-architecture curves the sizing engine
/// uses (<see cref="CapacityCurve"/>), so that a program edited by hand is judged by what it declares.
/// </summary>
public static class Capacity
{
    /// <summary>Users <paramref name="vcpu"/> of app carries: on the curve calibrated by the basis, when it has a calibration.</summary>
    public static int AppUsers(decimal vcpu, SizingBasis? basis = null) =>
        (int)Math.Floor(CapacityCurve.App.Scaled(basis?.AppFactor ?? 1m).UsersFor(vcpu));

    /// <summary>Users <paramref name="vcpu"/> of database carries, calibrated as <see cref="AppUsers"/>.</summary>
    public static int DatabaseUsers(decimal vcpu, SizingBasis? basis = null) =>
        (int)Math.Floor(CapacityCurve.Database.Scaled(basis?.DatabaseFactor ?? 1m).UsersFor(vcpu));

    /// <summary>" on the calibrated curve (app 1.3x)" when the basis calibrates the tier, else "".</summary>
    public static string Calibrated(SizingBasis? basis, CalibratedTier tier) =>
        basis?.Calibration?.FactorOf(tier) is { } f ? $" on the calibrated curve ({CapacityCalibration.Name(tier)} {CapacityCalibration.Factor(f)}x)" : "";

    private static decimal Vcpu(string? type) => type is null ? 0 : InstanceTypes.Find(type)?.VCpus ?? 0;

    /// <summary>The app tier: the Mattermost resource on Kubernetes, else the auto scaling groups and instances.</summary>
    public static IReadOnlyList<TierCapacity> App(GraphFacts facts)
    {
        var zonesOfNodes = facts.AppCompute.SelectMany(c => facts.Zones(c.Subnets)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var mattermosts = KubernetesObjects.Mattermosts(facts.Graph).ToList();
        if (mattermosts.Count > 0)
        {
            // A replica may use up to its CPU limit (its request when no limit is set), and all replicas together
            // no more than the node groups have.
            var nodeVcpu = facts.AppCompute.Where(c => c.Node.Type == AwsTypes.EksNodeGroup).Sum(c => c.Nodes * Vcpu(c.InstanceType));
            return [.. mattermosts.Select(mm =>
            {
                var replicas = (int)(Number(mm.Spec["replicas"]) ?? 1);
                var cpu = KubernetesObjects.Cores(mm.Spec.At("scheduling.resources.limits.cpu")) ?? KubernetesObjects.Cores(mm.Spec.At("scheduling.resources.requests.cpu")) ?? 0;
                if (nodeVcpu > 0 && replicas > 0) cpu = Math.Min(cpu, nodeVcpu / replicas);
                return new TierCapacity(mm.Node.Name, mm.Node.Type, replicas, cpu,
                    cpu > 0 ? $"{replicas} replicas x {cpu:0.##} vCPU" : $"{replicas} replicas, no CPU request or limit", zonesOfNodes, replicas);
            })];
        }
        return [.. facts.AppCompute.Where(c => c.Node.Type != AwsTypes.EksNodeGroup).Select(c =>
            new TierCapacity(c.Node.Name, c.Node.Type, c.Nodes, Vcpu(c.InstanceType),
                $"{c.Nodes} x {c.InstanceType ?? "unknown type"}", [.. facts.Zones(c.Subnets).Order(StringComparer.Ordinal)], c.MaxNodes))];
    }

    /// <summary>Database clusters (writer + readers) and stand-alone instances.</summary>
    public static IReadOnlyList<DatabaseCapacity> Database(GraphFacts facts)
    {
        var result = new List<DatabaseCapacity>();
        foreach (var cluster in facts.OfTypes(AwsTypes.DbCluster))
        {
            var instances = facts.ReferencedThrough(cluster.Name, "clusterIdentifier", AwsTypes.DbClusterInstance).ToList();
            result.Add(new DatabaseCapacity(cluster, [.. instances.Select(i => new DatabaseInstance(i.Name, Text(i.Properties["instanceClass"]), Vcpu(Text(i.Properties["instanceClass"])), Text(i.Properties["availabilityZone"]), Number(i.Properties["promotionTier"]) ?? 1))]));
        }
        foreach (var db in facts.OfTypes(Types.RdsInstance))
        {
            if (db.Properties["replicateSourceDb"] is not null) continue;
            var cls = Text(db.Properties["instanceClass"]);
            result.Add(new DatabaseCapacity(db, [new DatabaseInstance(db.Name, cls, Vcpu(cls), Text(db.Properties["availabilityZone"]), 0)]));
        }
        return result;
    }

    public static IReadOnlyList<TierCapacity> Search(GraphFacts facts) =>
        [.. facts.OfTypes(AwsTypes.OpenSearchDomain).Select(d =>
        {
            var type = Text(d.Properties.At("clusterConfig.instanceType"));
            var count = (int)(Number(d.Properties.At("clusterConfig.instanceCount")) ?? 1);
            return new TierCapacity(d.Name, d.Type, count, Vcpu(type), $"{count} x {type ?? "unknown type"}", [], count);
        })];

    /// <summary>"+6%" or "-20%": how far capacity is above (or below) what it is compared with.</summary>
    public static string Margin(decimal capacity, decimal against) =>
        against <= 0 ? "-" : $"{(capacity - against) / against * 100:+0;-0;0}%";
}

public sealed record DatabaseInstance(string Name, string? InstanceClass, decimal Vcpu, string? Zone, decimal PromotionTier);

/// <summary>A database and its instances; the writer is the instance with the lowest promotion tier (0).</summary>
public sealed record DatabaseCapacity(ResourceNode Node, IReadOnlyList<DatabaseInstance> Instances)
{
    public decimal Vcpu => Instances.Sum(i => i.Vcpu);

    public bool Known => Instances.Count > 0 && Instances.All(i => i.Vcpu > 0);

    public int Readers => Math.Max(0, Instances.Count - 1);

    public string Description => Instances.Count == 0
        ? "no instances"
        : string.Join(" + ", Instances.GroupBy(i => i.InstanceClass ?? "unknown class").Select(g => $"{g.Count()} x {g.Key}"));
}
