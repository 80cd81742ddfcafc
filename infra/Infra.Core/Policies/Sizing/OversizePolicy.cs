using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-006 (advisory, cost): the app tier and the database are at most <see cref="Factor"/> times the
/// capacity of the smallest shape that still meets the load and zone rules: the smallest size of the same
/// instance family, at least 2 nodes (and N+1 over the zones) with HA, enough for the design load.
/// </summary>
public sealed class OversizePolicy : SizingPolicy
{
    /// <summary>The stated factor: more than twice what the smallest valid shape carries is flagged.</summary>
    public const decimal Factor = 2.0m;

    public override string Id => "MM-SIZE-006";
    public override string Name => $"Not more than {Factor:0.#}x oversized";
    public override Severity Severity => Severity.Low;
    public override Enforcement Enforcement => Enforcement.Advisory;

    public override string Guideline =>
        $"Capacity beyond {Factor:0.#}x the smallest valid shape is paid for but not needed. The smallest valid shape uses the smallest size of the " +
        "same instance family, at least one node (two with HA, plus nodes until the ones left after a zone loss carry the peak) and enough vCPU for " +
        "the design load; for the Mattermost resource on Kubernetes, the fewest replicas of the same pod size under the same rules. Advisory: a deliberate reserve (an expected spike, a migration) is a reason to keep it; say so in the stack's comments.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("oversizing"); yield break; }
        var ha = ctx.HighAvailability;
        foreach (var app in Capacity.App(ctx.Facts))
        {
            if (!app.Known) continue;
            var compute = ctx.Facts.AppCompute.FirstOrDefault(c => c.Node.Name == app.Resource);
            // A Mattermost resource's unit is its pod: the smallest valid shape keeps the pod size and counts replicas.
            (string Name, decimal Vcpu)? unit = compute is null
                ? ($"{app.UnitVcpu:0.##} vCPU", app.UnitVcpu)
                : Smallest(compute.InstanceType, InstanceFamily.Compute) is { } t ? (t.Name, t.VCpus) : null;
            if (unit is not { } smallest) continue;
            var zones = Math.Max(1, app.Zones.Count);
            var appCurve = CapacityCurve.App.Scaled(basis.AppFactor);
            var needDesign = appCurve.VcpuFor(basis.DesignLoad);
            var needPeak = appCurve.VcpuFor(basis.PeakConcurrent);
            // The zone rule can only be met over two or more zones; in one zone it is the zone-loss policy's failure, not a size.
            var zoneRule = ha && zones >= 2;
            var n = ha ? 2 : 1;
            while (n * smallest.Vcpu < needDesign || (zoneRule && (n - SizingEngine.PerZone(n, zones)) * smallest.Vcpu < needPeak)) n++;
            var minimal = compute is null ? $"{n} replicas x {smallest.Name}" : $"{n} x {smallest.Name}";
            yield return Judge(app.Resource, app.ResourceType, app.Description, Capacity.AppUsers(app.Vcpu, basis), minimal, Capacity.AppUsers(n * smallest.Vcpu, basis));
        }
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            var smallest = Smallest(db.Instances.Select(i => i.InstanceClass).FirstOrDefault(), InstanceFamily.Database);
            if (!db.Known || smallest is null) continue;
            var dbCurve = CapacityCurve.Database.Scaled(basis.DatabaseFactor);
            var need = dbCurve.VcpuFor(basis.DesignLoad);
            var needPeak = dbCurve.VcpuFor(basis.PeakConcurrent);
            // The database is held to the zone rule too (MM-SIZE-007), over the zones its instances use.
            var zones = Math.Max(1, db.Instances.Select(i => i.Zone).OfType<string>().Distinct(StringComparer.Ordinal).Count());
            var zoneRule = ha && zones >= 2;
            var n = Math.Max(ha ? 2 : 1, (int)Math.Ceiling(need / smallest.VCpus));
            while (zoneRule && (n - SizingEngine.PerZone(n, zones)) * smallest.VCpus < needPeak) n++;
            yield return Judge(db.Node.Name, db.Node.Type, db.Description, Capacity.DatabaseUsers(db.Vcpu, basis), $"{n} x {smallest.Name}", Capacity.DatabaseUsers(n * smallest.VCpus, basis));
        }
    }

    private static Finding Judge(string resource, string type, string description, int users, string minimal, int minimalUsers)
    {
        var ratio = minimalUsers > 0 ? (decimal)users / minimalUsers : 0;
        var text = $"{description} carries {Users(users)} users; the smallest valid shape ({minimal}) carries {Users(minimalUsers)}: {ratio:0.##}x (limit {Factor:0.#}x)";
        return Finding.Check(ratio <= Factor, resource, type, text, text + ": oversized");
    }

    /// <summary>The smallest type of the same family (c7i.4xlarge -> c7i.large; db.r7g.xlarge -> db.r7g.large).</summary>
    private static InstanceType? Smallest(string? type, InstanceFamily family)
    {
        if (type is null || InstanceTypes.Find(type) is null) return null;
        var prefix = type[..(type.LastIndexOf('.') + 1)];
        return InstanceTypes.All.Where(t => t.Family == family && t.Name.StartsWith(prefix, StringComparison.Ordinal) && t.Name.Count(c => c == '.') == type.Count(c => c == '.'))
            .OrderBy(t => t.VCpus).ThenBy(t => t.MemoryGiB).FirstOrDefault();
    }
}
