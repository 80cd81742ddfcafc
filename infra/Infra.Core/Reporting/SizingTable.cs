using Infra.Core.Components;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Sizing;
using Infra.Core.Policies.Support;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Reporting;

/// <summary>One row of the sizing table: what a component provides against the load it must carry.</summary>
public sealed record SizingRow(string Component, string Resource, string Provided, string Carries, string Against, string Margin);

/// <summary>Load, capacity and margin per component, from the graph and the sizing basis (the same reading the sizing policies use).</summary>
public static class SizingTable
{
    public static IReadOnlyList<SizingRow> Rows(StackAudit audit)
    {
        var ctx = audit.Context;
        var basis = ctx.Sizing;
        var rows = new List<SizingRow>();
        string Against(int? load, string what) => load is { } l ? $"{what} {Users(l)}" : "no projected load";
        string Margin(int users, int? load) => load is { } l ? Capacity.Margin(users, l) : "-";

        foreach (var app in Capacity.App(ctx.Facts))
        {
            var users = app.Known ? Capacity.AppUsers(app.Vcpu, basis) : 0;
            rows.Add(new("app", app.Resource, $"{app.Description} ({app.Vcpu:0.##} vCPU)", app.Known ? Users(users) : "unknown", Against(basis?.DesignLoad, "design load"), app.Known ? Margin(users, basis?.DesignLoad) : "-"));
            if (ctx.HighAvailability && app.Zones.Count >= 2 && app.Known)
            {
                var left = app.Units - SizingEngine.PerZone(app.Units, app.Zones.Count);
                var leftUsers = Capacity.AppUsers(left * app.UnitVcpu, basis);
                rows.Add(new("app after losing a zone", app.Resource, $"{left} of {app.Units} ({left * app.UnitVcpu:0.##} vCPU)", Users(leftUsers), Against(basis?.PeakConcurrent, "peak"), Margin(leftUsers, basis?.PeakConcurrent)));
            }
        }
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            var users = db.Known ? Capacity.DatabaseUsers(db.Vcpu, basis) : 0;
            rows.Add(new("database", db.Node.Name, $"{db.Description} ({db.Vcpu:0.##} vCPU)", db.Known ? Users(users) : "unknown", Against(basis?.DesignLoad, "design load"), db.Known ? Margin(users, basis?.DesignLoad) : "-"));
            if (ctx.HighAvailability && db.Known && db.Instances.Count >= 2)
            {
                var worst = db.Instances.GroupBy(i => i.Zone ?? i.Name).Max(g => g.Sum(i => i.Vcpu));
                var leftUsers = Capacity.DatabaseUsers(db.Vcpu - worst, basis);
                rows.Add(new("database after losing a zone", db.Node.Name, $"{db.Vcpu - worst:0.##} of {db.Vcpu:0.##} vCPU", Users(leftUsers), Against(basis?.PeakConcurrent, "peak"), Margin(leftUsers, basis?.PeakConcurrent)));
            }
        }
        foreach (var s in Capacity.Search(ctx.Facts))
        {
            var tier = basis is null ? null : ReferenceArchitectures.Covering(basis.DesignLoad);
            var needed = tier is null ? (decimal?)null : tier.SearchNodes * (Catalog.InstanceTypes.Find(tier.SearchInstanceType)?.VCpus ?? 0);
            rows.Add(new("search", s.Resource, $"{s.Description} ({s.Vcpu:0.##} vCPU)", "-",
                tier is null ? "no projected load" : $"tier {Users(tier.ConcurrentUsers)}: {tier.SearchNodes} x {tier.SearchInstanceType} ({needed:0.##} vCPU)",
                needed is > 0 ? Capacity.Margin(s.Vcpu, needed.Value) : "-"));
        }
        var buckets = ctx.Facts.OfTypes(Types.Buckets).Select(b => b.Name).ToList();
        rows.Add(new("file storage", buckets.Count > 0 ? string.Join(", ", buckets) : "(app volumes)", buckets.Count > 0 ? "S3 (no fixed size)" : "app volumes", "-",
            basis is null ? "no projected load" : $"forecast {basis.StorageLowGb:0.#}-{basis.StorageHighGb:0.#} GiB in {basis.HorizonMonths} months", "-"));
        if (ctx.Facts.OfTypes(AwsTypes.DbCluster).Any())
            rows.Add(new("database storage", string.Join(", ", ctx.Facts.OfTypes(AwsTypes.DbCluster).Select(c => c.Name)), "Aurora cluster volume (grows by itself)", "-", "-", "-"));
        return rows;
    }
}
