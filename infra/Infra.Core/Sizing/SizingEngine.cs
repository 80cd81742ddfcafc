using System.Globalization;
using Infra.Core.Catalog;
using Infra.Core.Settings;

namespace Infra.Core.Sizing;

/// <summary>
/// Sizes app nodes, database and search from the projected load, using Mattermost's reference
/// architectures as the capacity truth. Rules, in order:
/// <list type="number">
/// <item>Project the peak: registered users grown over the horizon x concurrency ratio (or the measured peak, grown).</item>
/// <item>Design load = peak x (1 + headroom).</item>
/// <item>vCPU needed = the reference curve at the design load (linear between tiers).</item>
/// <item>App: of the instance types of the two tiers around the load, take the one needing the fewest total vCPU
///   (then the fewest nodes); never fewer nodes than the tier's HA minimum.</item>
/// <item>Zone loss (HA): add nodes until the nodes left after losing the fullest zone carry the projected peak.</item>
/// <item>Database: the writer class of the smallest tier covering the load (a writer cannot scale out); readers until
///   writer + readers give the curve's vCPU; at least one reader in another zone with HA.</item>
/// <item>Search: the covering tier's search cluster, when enterprise search is on.</item>
/// </list>
/// </summary>
public static class SizingEngine
{
    /// <summary>Database connections per data source per node (docs: SqlSettings.MaxOpenConns = 100).</summary>
    public const int MaxOpenConnsPerDataSource = 100;

    private const string HaDoc = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html";
    private const string StorageDoc = "https://docs.mattermost.com/administration-guide/scale/lifetime-storage.html (mattermost-sizing.md §1.4)";

    public static SizingPlan Size(StackSettings s)
    {
        var decisions = new List<SizingDecision>();
        var load = Project(s.Load, decisions);
        var governing = ReferenceArchitectures.Covering(load.DesignLoad);
        var lower = ReferenceArchitectures.Below(load.DesignLoad);
        decisions.Add(new("load", $"reference tier {Users(governing.ConcurrentUsers)}",
            load.DesignLoad > ReferenceArchitectures.Largest.ConcurrentUsers
                ? $"design load {Users(load.DesignLoad)} is beyond the largest published tier; capacity is extrapolated from the last two tiers and must be confirmed by a load test"
                : $"smallest tier covering the design load {Users(load.DesignLoad)}" + (lower is not null && lower != governing ? $"; the tier below is {Users(lower.ConcurrentUsers)}" : ""),
            governing.Source));

        var app = SizeApp(s, load, governing, lower, decisions);
        var db = SizeDatabase(s, load, governing, app, decisions);
        var search = SizeSearch(s, governing, decisions);
        var storage = ForecastStorage(s.Load, load, decisions);
        var preset = OperatorSizePresets.Nearest(load.DesignLoad);
        var kubernetes = s.AppTier == AppTierKind.Kubernetes ? KubernetesSizing.Size(s, load, app, decisions) : null;
        return new SizingPlan(load, governing, lower, app, db, search, storage, [.. decisions], preset, kubernetes);
    }

    public static LoadProjection Project(LoadProfile p, List<SizingDecision>? decisions = null)
    {
        // The settings hold the horizon's registered users within int (SettingsBinder); checked here too.
        var growth = p.GrowthFactor;
        var registeredAtHorizon = checked((int)p.RegisteredAtHorizon);
        int peak;
        string how;
        if (p.PeakConcurrentUsers is { } measured)
        {
            peak = (int)Math.Ceiling(measured * growth);
            how = $"measured peak {Users(measured)} x growth {growth:0.####}";
        }
        else if (p.MeasuredConcurrencyRatio is { } ratio)
        {
            peak = Math.Max(1, (int)Math.Ceiling(registeredAtHorizon * ratio));
            how = $"{Users(registeredAtHorizon)} registered at the horizon x concurrency ratio {ratio} measured in the pilot" +
                  (p.Calibration is { } c ? $" ({c.Evidence.Replace(" (", ", ", StringComparison.Ordinal).TrimEnd(')')})" : "") +
                  $", in place of mattermost:concurrencyRatio {p.ConcurrencyRatio}";
        }
        else
        {
            peak = Math.Max(1, (int)Math.Ceiling(registeredAtHorizon * p.ConcurrencyRatio));
            how = $"{Users(registeredAtHorizon)} registered at the horizon x concurrency ratio {p.ConcurrencyRatio}";
        }
        var design = (int)Math.Ceiling(peak * (1 + p.HeadroomPercent / 100m));
        decisions?.Add(new("load", $"peak {Users(peak)} concurrent users",
            $"{Users(p.RegisteredUsers)} registered today, {p.AnnualGrowthPercent}%/year over {p.GrowthHorizonMonths} months (x{growth:0.####}); {how}",
            p.MeasuredConcurrencyRatio is not null && p.PeakConcurrentUsers is null
                ? "mattermost:measuredConcurrencyRatio (project --from, docs/pilot-to-production.md)"
                : "mattermost-sizing.md §1.3 (concurrent vs registered; historical 20% ratio)"));
        decisions?.Add(new("load", $"design load {Users(design)} concurrent users",
            $"peak {Users(peak)} + {p.HeadroomPercent}% headroom", "mattermost:headroomPercent"));
        return new LoadProjection(p.RegisteredUsers, growth, registeredAtHorizon, peak, p.HeadroomPercent, design, p.GrowthHorizonMonths, p.Calibration);
    }

    private static AppSizing SizeApp(StackSettings s, LoadProjection load, ReferenceTier governing, ReferenceTier? lower, List<SizingDecision> decisions)
    {
        var curve = load.AppCurve;
        var needDesign = curve.VcpuFor(load.DesignLoad);
        var needPeak = curve.VcpuFor(load.PeakConcurrent);
        var zones = s.AvailabilityZoneCount;
        var minNodes = s.HighAvailability ? 2 : 1;

        IEnumerable<string> candidates = s.AppInstanceType is { } forced
            ? [forced]
            : new[] { governing.AppInstanceType, lower?.AppInstanceType }.OfType<string>().Distinct();
        if (!s.HighAvailability && s.AppInstanceType is null)
        {
            // Without a cluster there is one node, so the type must carry the whole design load alone.
            candidates = InstanceTypes.All
                .Where(t => t.Family == InstanceFamily.Compute && t.Name.StartsWith("c7i.", StringComparison.Ordinal))
                .OrderBy(t => t.VCpus)
                .Where(t => t.VCpus >= needDesign)
                .Select(t => t.Name)
                .Take(1)
                .DefaultIfEmpty("c7i.8xlarge");
        }

        (string Type, int Nodes, int Vcpu)? best = null;
        foreach (var type in candidates)
        {
            var v = InstanceTypes.Get(type).VCpus;
            var n = Math.Max(minNodes, (int)Math.Ceiling(needDesign / v));
            if (!s.HighAvailability) n = 1;
            else
                while ((n - PerZone(n, zones)) * v < needPeak) n++;
            if (best is null || n * v < best.Value.Nodes * best.Value.Vcpu || (n * v == best.Value.Nodes * best.Value.Vcpu && n < best.Value.Nodes))
                best = (type, n, v);
        }
        var (chosen, nodes, vcpu) = best!.Value;
        var provided = (decimal)nodes * vcpu;
        var left = s.HighAvailability ? nodes - PerZone(nodes, zones) : 0;
        var capacity = (int)Math.Floor(curve.UsersFor(provided));
        var capacityLeft = (int)Math.Floor(curve.UsersFor(left * (decimal)vcpu));
        var calibrated = load.CalibrationNote(CalibratedTier.App);

        decisions.Add(new("app", $"{nodes} x {chosen}",
            (s.AppInstanceType is not null
                ? $"instance type set by mattermost:appInstanceType; {Vcpu(needDesign)} vCPU needed for the design load"
                : s.HighAvailability
                    ? $"{Vcpu(needDesign)} vCPU needed for {Users(load.DesignLoad)} users (reference curve between tiers {Users(lower?.ConcurrentUsers ?? 0)} and {Users(governing.ConcurrentUsers)}); {chosen} needs the fewest vCPU in total; at least {minNodes} nodes for a cluster"
                    : $"single node (high availability off): the smallest c7i type with at least {Vcpu(needDesign)} vCPU for {Users(load.DesignLoad)} users")
            + calibrated,
            governing.Source));
        if (s.HighAvailability)
            decisions.Add(new("app", $"{left} nodes after losing a zone",
                $"{nodes} nodes over {zones} zones, at most {PerZone(nodes, zones)} per zone; the {left} left give {left * vcpu} vCPU >= {Vcpu(needPeak)} vCPU for the peak of {Users(load.PeakConcurrent)} (N+1 across zones){calibrated}",
                HaDoc + " (each remaining component must carry the full load)"));
        if (!s.HighAvailability && provided < needDesign)
            decisions.Add(new("app", "under-sized", $"one {chosen} gives {provided} vCPU, {Vcpu(needDesign)} needed: turn on mattermost:highAvailability{calibrated}", governing.Source));

        return new AppSizing(chosen, nodes, nodes + PerZone(nodes, zones), zones, Math.Round(needDesign, 2), provided, capacity, left, capacityLeft);
    }

    /// <summary>Most nodes any one zone holds when the auto scaling group balances them.</summary>
    public static int PerZone(int nodes, int zones) => (nodes + zones - 1) / zones;

    private static DatabaseSizing SizeDatabase(StackSettings s, LoadProjection load, ReferenceTier governing, AppSizing app, List<SizingDecision> decisions)
    {
        var cls = s.DatabaseInstanceClass ?? governing.DatabaseClass;
        var v = InstanceTypes.Get(cls).VCpus;
        var curve = load.DatabaseCurve;
        var calibrated = load.CalibrationNote(CalibratedTier.Database);
        var need = curve.VcpuFor(load.DesignLoad);
        var minReaders = governing.DatabaseReaders > 0 ? 1 : 0;
        if (s.HighAvailability) minReaders = Math.Max(minReaders, 1);
        var readers = Math.Max(minReaders, (int)Math.Ceiling(need / v) - 1);
        var forDesign = readers;
        // Zone loss: instances go round-robin over the zones; the ones left after losing the fullest zone must
        // carry the peak, as the app nodes must (the HA guide's "each remaining component carries the full load").
        var zones = s.AvailabilityZoneCount;
        var needPeak = curve.VcpuFor(load.PeakConcurrent);
        if (s.HighAvailability)
            while ((1 + readers - PerZone(1 + readers, zones)) * v < needPeak) readers++;
        var left = s.HighAvailability ? 1 + readers - PerZone(1 + readers, zones) : 0;
        var provided = (decimal)(1 + readers) * v;
        var capacity = (int)Math.Floor(curve.UsersFor(provided));
        var connections = MaxOpenConnsPerDataSource * (1 + readers) * app.MaxNodes;
        var maxConnections = Math.Max(1024, (int)Math.Ceiling(connections * 1.25m / 100) * 100);

        decisions.Add(new("database", $"writer {cls}",
            s.DatabaseInstanceClass is not null
                ? "class set by mattermost:databaseInstanceClass"
                : $"the writer cannot scale out, so it takes the class of the covering tier ({Users(governing.ConcurrentUsers)}); every instance has the same class so a reader can take the writer's load on failover",
            governing.Source));
        decisions.Add(new("database", $"{readers} reader{(readers == 1 ? "" : "s")}",
            $"{Vcpu(need)} database vCPU needed for {Users(load.DesignLoad)} users: writer + {forDesign} x {v} vCPU"
            + (s.HighAvailability ? "; at least one reader in another zone takes over if the writer's zone fails" : "") + calibrated,
            governing.Source));
        if (s.HighAvailability)
            decisions.Add(new("database", $"{left} instance{(left == 1 ? "" : "s")} after losing a zone",
                $"{1 + readers} instances over {zones} zones, at most {PerZone(1 + readers, zones)} per zone; the {left} left give {left * v} vCPU >= {Vcpu(needPeak)} vCPU for the peak of {Users(load.PeakConcurrent)} (N+1 across zones)"
                + (readers > forDesign ? $"; {readers - forDesign} reader{(readers - forDesign == 1 ? "" : "s")} added for this" : "") + calibrated,
                HaDoc + " (each remaining component must carry the full load)"));
        decisions.Add(new("database", $"max_connections {maxConnections}",
            $"MaxOpenConns 100 x (1 + {readers} readers) x {app.MaxNodes} app nodes at most = {connections}, +25%, at least 1024",
            HaDoc + " (Database section; mattermost-sizing.md Table 7)"));
        var capacityLeft = (int)Math.Floor(curve.UsersFor(left * (decimal)v));
        return new DatabaseSizing(cls, readers, Math.Round(need, 2), provided, capacity, connections, maxConnections, left, capacityLeft);
    }

    private static SearchSizing SizeSearch(StackSettings s, ReferenceTier governing, List<SizingDecision> decisions)
    {
        var type = s.SearchInstanceType ?? governing.SearchInstanceType;
        var nodes = governing.SearchNodes;
        string reason;
        if (!s.EnterpriseSearch) { reason = "enterprise search is off (mattermost:enterpriseSearch)"; nodes = 0; }
        else if (nodes == 0) reason = $"the {Users(governing.ConcurrentUsers)} tier has no search nodes; database search is enough below about 2.5 M posts";
        else reason = $"the {Users(governing.ConcurrentUsers)} tier's search cluster";
        // OpenSearch zone awareness needs the node count to be a multiple of the zone count.
        var zones = nodes == 0 ? 0 : (nodes % 3 == 0 && s.AvailabilityZoneCount >= 3 ? 3 : 2);
        decisions.Add(new("search", nodes == 0 ? "none" : $"{nodes} x {type}", reason, governing.Source));
        return new SearchSizing(nodes > 0, type, nodes, zones, reason);
    }

    public static StorageForecast ForecastStorage(LoadProfile p, LoadProjection load, List<SizingDecision>? decisions = null)
    {
        var (low, high) = p.FileUsage switch
        {
            FileUsageProfile.Low => (1m, 5m),
            FileUsageProfile.Medium => (5m, 25m),
            _ => (25m, 100m),
        };
        const decimal baseGb = 0.8m;   // 600-800 MB for OS and database, upper end
        const decimal safety = 2m;     // the docs' worked example uses a 2x safety factor
        var mean = (load.RegisteredNow + load.RegisteredAtHorizon) / 2m;
        var months = load.HorizonMonths;
        decimal Gb(decimal mb) => Math.Round(baseGb + mb * months * mean * safety / 1024m, 1);
        var forecast = new StorageForecast(baseGb, low, high, mean, months, safety, Gb(low), Gb(high));
        decisions?.Add(new("storage", $"{forecast.LowGb:0.#}-{forecast.HighGb:0.#} GiB of files after {months} months",
            $"0.8 GB base + {low}-{high} MB/user/month ({p.FileUsage.ToString().ToLowerInvariant()}) x {months} months x {mean:0} mean registered users x {safety} safety",
            StorageDoc));
        return forecast;
    }

    private static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Vcpu(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
