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

    /// <summary>
    /// The sizing of <paramref name="s"/>. When no plan fits inside the cloud's limits (more readers than Aurora
    /// allows, more connections than the database class carries, no node type that holds the pods), throws
    /// <see cref="NoPlanFitsException"/> naming the limits and the largest load this stack's shape does plan.
    /// </summary>
    public static SizingPlan Size(StackSettings s)
    {
        var attempt = Attempt(s);
        if (attempt.Plan is { } plan) return plan;
        throw NoPlanFitsException.For(s, attempt.Load, attempt.Problems, SizingLimits.LargestSupportedLoad(s));
    }

    /// <summary>A sizing, or the limits it breaks (then <see cref="SizingAttempt.Plan"/> is null).</summary>
    public sealed record SizingAttempt(SizingPlan? Plan, LoadProjection Load, IReadOnlyList<string> Problems);

    /// <summary>Sizes without refusing: what <see cref="Size"/> does, with the problems returned instead of thrown.</summary>
    public static SizingAttempt Attempt(StackSettings s)
    {
        var decisions = new List<SizingDecision>();
        var problems = new List<string>();
        var load = Project(s.Load, decisions);
        var governing = ReferenceArchitectures.Covering(load.DesignLoad);
        var lower = ReferenceArchitectures.Below(load.DesignLoad);
        decisions.Add(new("load", $"reference tier {Users(governing.ConcurrentUsers)}",
            load.DesignLoad > ReferenceArchitectures.Largest.ConcurrentUsers
                ? $"design load {Users(load.DesignLoad)} is beyond the largest published tier; capacity is extrapolated from the last two tiers and must be confirmed by a load test"
                : $"smallest tier covering the design load {Users(load.DesignLoad)}" + (lower is not null && lower != governing ? $"; the tier below is {Users(lower.ConcurrentUsers)}" : ""),
            governing.Source));

        // The database class is the covering tier's (or the override); the app nodes it can take connections from bound the app tier.
        var writer = WriterClass.For(load.DesignLoad, s.DatabaseInstanceClass);
        if (writer.Problem is not null) problems.Add(writer.Problem);
        var dbClass = writer.Class;
        var maxAppNodes = ConnectionBudget.MaxAppNodes(dbClass);
        KubernetesSizingPlan? kubernetes = null;
        AppSizing? app;
        if (s.AppTier == AppTierKind.Kubernetes)
        {
            kubernetes = KubernetesSizing.Size(s, load, maxAppNodes, out var problem, decisions);
            if (problem is not null) problems.Add(problem);
            app = kubernetes is null ? null : PodsAsApp(s, load, kubernetes);
        }
        else app = SizeApp(s, load, governing, lower, maxAppNodes, decisions, problems);
        if (app is null)
        {
            // Still name the database's limits: a stand-in app tier of the most nodes the class carries adds none of its own.
            var standIn = new AppSizing("(none fits)", maxAppNodes, maxAppNodes, s.AvailabilityZoneCount, 0, 0, 0, 0, 0);
            SizeDatabase(s, load, governing, writer, standIn, [], problems);
            return new SizingAttempt(null, load, problems);
        }

        var db = SizeDatabase(s, load, governing, writer, app, decisions, problems);
        var search = SizeSearch(s, governing, decisions);
        var storage = ForecastStorage(s.Load, load, decisions);
        var preset = OperatorSizePresets.Nearest(load.DesignLoad);
        if (problems.Count > 0) return new SizingAttempt(null, load, problems);
        var plan = new SizingPlan(load, governing, lower, app, db, search, storage, [.. decisions], preset, kubernetes)
        {
            Warnings = [.. Warnings(s, load, app, db, kubernetes)],
        };
        return new SizingAttempt(plan, load, problems);
    }

    /// <summary>
    /// Components sized below their load: the plan is still made (it is what the settings ask for), and every
    /// rendering and <c>plan</c> itself say so first.
    /// </summary>
    private static IEnumerable<string> Warnings(StackSettings s, LoadProjection load, AppSizing app, DatabaseSizing db, KubernetesSizingPlan? k)
    {
        if (app.CapacityUsers < load.DesignLoad)
            yield return $"the app tier is below its load: {(k is null ? $"{app.Nodes} x {app.InstanceType} ({app.ProvidedVcpu:0.##} vCPU)" : k.PodDescription)} carries " +
                         $"{Users(app.CapacityUsers)} concurrent users, the design load is {Users(load.DesignLoad)}" +
                         (s.HighAvailability ? "" : (k is null
                             ? " (one node without high availability, and no larger c7i type)"
                             : $" (one pod without high availability, and Mattermost's per-pod guidance stops at {MattermostPodGuidance.MaxCpuMillicores}m)") +
                             ": set mattermost:highAvailability to true (a cluster of several nodes), or lower the load");
        if (s.HighAvailability && app.CapacityAfterZoneLoss < load.PeakConcurrent)
            yield return $"after losing a zone the app tier carries {Users(app.CapacityAfterZoneLoss)} concurrent users, below the peak of {Users(load.PeakConcurrent)}";
        if (db.CapacityUsers < load.DesignLoad)
            yield return $"the database is below its load: {db.Instances} x {db.InstanceClass} carries {Users(db.CapacityUsers)} concurrent users, the design load is {Users(load.DesignLoad)}";
        if (s.HighAvailability && db.CapacityAfterZoneLoss < load.PeakConcurrent)
            yield return $"after losing a zone the database carries {Users(db.CapacityAfterZoneLoss)} concurrent users, below the peak of {Users(load.PeakConcurrent)}";
    }

    /// <summary>The Kubernetes tier's app capacity: its pods, as the sizing's app units.</summary>
    private static AppSizing PodsAsApp(StackSettings s, LoadProjection load, KubernetesSizingPlan k)
    {
        var unit = k.PodCpuRequestMillicores / 1000m;
        var provided = k.Replicas * unit;
        var left = s.HighAvailability ? k.Replicas - k.PodsInFullestZone : 0;
        return new AppSizing($"pod ({k.PodCpuRequestMillicores}m CPU / {k.PodMemoryMiB} MiB)", k.Replicas, k.MaxPods, k.Zones,
            Math.Round(CapacityCurve.App.VcpuFor(load.DesignLoad), 2), provided,
            (int)Math.Floor(CapacityCurve.App.UsersFor(provided)), left, (int)Math.Floor(CapacityCurve.App.UsersFor(left * unit)));
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
        else
        {
            peak = Math.Max(1, (int)Math.Ceiling(registeredAtHorizon * p.ConcurrencyRatio));
            how = $"{Users(registeredAtHorizon)} registered at the horizon x concurrency ratio {p.ConcurrencyRatio}";
        }
        var design = (int)Math.Ceiling(peak * (1 + p.HeadroomPercent / 100m));
        decisions?.Add(new("load", $"peak {Users(peak)} concurrent users",
            $"{Users(p.RegisteredUsers)} registered today, {p.AnnualGrowthPercent}%/year over {p.GrowthHorizonMonths} months (x{growth:0.####}); {how}",
            "mattermost-sizing.md §1.3 (concurrent vs registered; historical 20% ratio)"));
        decisions?.Add(new("load", $"design load {Users(design)} concurrent users",
            $"peak {Users(peak)} + {p.HeadroomPercent}% headroom", "mattermost:headroomPercent"));
        return new LoadProjection(p.RegisteredUsers, growth, registeredAtHorizon, peak, p.HeadroomPercent, design, p.GrowthHorizonMonths);
    }

    private static AppSizing? SizeApp(StackSettings s, LoadProjection load, ReferenceTier governing, ReferenceTier? lower, int maxAppNodes,
        List<SizingDecision> decisions, List<string> problems)
    {
        var needDesign = CapacityCurve.App.VcpuFor(load.DesignLoad);
        var needPeak = CapacityCurve.App.VcpuFor(load.PeakConcurrent);
        var zones = s.AvailabilityZoneCount;
        var minNodes = s.HighAvailability ? 2 : 1;

        IEnumerable<string> candidates = s.AppInstanceType is { } forced
            ? [forced]
            : AppCandidates(InstanceTypes.All).Select(t => t.Name);
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

        var weighed = new List<AppAlternative>();
        var overBudget = new List<string>();
        foreach (var type in candidates)
        {
            var t = InstanceTypes.Get(type);
            // A forced type counts at its vCPU (the operator's choice); a chosen one at what its memory feeds too.
            var v = s.AppInstanceType is not null ? t.VCpus : NodeCapacity.AppVcpu(t);
            if (v <= 0) continue;
            var n = Math.Max(minNodes, (int)Math.Ceiling(needDesign / v));
            if (!s.HighAvailability) n = 1;
            else
                while ((n - PerZone(n, zones)) * v < needPeak) n++;
            // The auto scaling group may run n + one zone's worth while it rebalances; every one of them opens its pools.
            if (n + PerZone(n, zones) > maxAppNodes)
            {
                overBudget.Add($"{n} x {type} (up to {n + PerZone(n, zones)} while the group rebalances)");
                continue;
            }
            var price = Cost.AwsPriceTable.Find($"ec2:{type}", s.Region);
            weighed.Add(new AppAlternative(type, n, v, price?.Usd is { } usd ? Math.Round(n * usd * Cost.AwsPriceTable.HoursPerMonth, 2) : null));
        }
        var best = CheapestApp(weighed);
        if (best is null)
        {
            problems.Add($"the app tier needs {string.Join(" or ", overBudget)} app nodes, more than the {maxAppNodes} whose database connections " +
                         $"({MaxOpenConnsPerDataSource} per node and data source) one {s.DatabaseInstanceClass ?? governing.DatabaseClass} instance carries");
            return null;
        }
        var (chosen, nodes, vcpu, _) = best;
        var provided = (decimal)nodes * vcpu;
        var left = s.HighAvailability ? nodes - PerZone(nodes, zones) : 0;
        var capacity = (int)Math.Floor(CapacityCurve.App.UsersFor(provided));
        var capacityLeft = (int)Math.Floor(CapacityCurve.App.UsersFor(left * (decimal)vcpu));

        decisions.Add(new("app", $"{nodes} x {chosen}",
            s.AppInstanceType is not null
                ? $"instance type set by mattermost:appInstanceType; {Vcpu(needDesign)} vCPU needed for the design load"
                : s.HighAvailability
                    ? $"{Vcpu(needDesign)} vCPU needed for {Users(load.DesignLoad)} users ({CurveWhere(load.DesignLoad, lower, governing)}); at least {minNodes} nodes for a cluster; " +
                      $"the lowest monthly price at {s.Region} that carries the design load and the peak after losing a zone (ties: fewer nodes); weighed: {Weighed(weighed)}"
                    : $"single node (high availability off): the smallest c7i type with at least {Vcpu(needDesign)} vCPU for {Users(load.DesignLoad)} users",
            governing.Source));
        if (s.HighAvailability)
            decisions.Add(new("app", $"{left} nodes after losing a zone",
                $"{nodes} nodes over {zones} zones, at most {PerZone(nodes, zones)} per zone; the {left} left give {left * vcpu} vCPU >= {Vcpu(needPeak)} vCPU for the peak of {Users(load.PeakConcurrent)} (N+1 across zones)",
                HaDoc + " (each remaining component must carry the full load)"));
        if (!s.HighAvailability && provided < needDesign)
            decisions.Add(new("app", "under-sized", $"one {chosen} gives {provided} vCPU, {Vcpu(needDesign)} needed: turn on mattermost:highAvailability", governing.Source));

        return new AppSizing(chosen, nodes, nodes + PerZone(nodes, zones), zones, Math.Round(needDesign, 2), provided, capacity, left, capacityLeft);
    }

    /// <summary>One app tier the sizing weighed: its type, node count, effective vCPU per node and monthly price (null: unpriced in the region).</summary>
    public sealed record AppAlternative(string Type, int Nodes, decimal VcpuPerNode, decimal? MonthlyUsd);

    /// <summary>
    /// The app types the sizing weighs: every size of the reference tiers' families (c7i, c6i) in the catalogue,
    /// never a burstable type nor one whose memory feeds none of its vCPU (<see cref="NodeCapacity"/>).
    /// </summary>
    public static IEnumerable<InstanceType> AppCandidates(IEnumerable<InstanceType> types)
    {
        string[] families = [.. ReferenceArchitectures.Tiers.Select(t => t.AppInstanceType.Split('.')[0]).Append("c6i").Distinct()];
        return types.Where(t => t.Family == InstanceFamily.Compute && families.Contains(t.Name.Split('.')[0]) && NodeCapacity.AppVcpu(t) > 0);
    }

    /// <summary>The lowest monthly price wins; ties go to fewer nodes. Unpriced alternatives only when none is priced (then the fewest vCPU in total).</summary>
    public static AppAlternative? CheapestApp(IReadOnlyList<AppAlternative> weighed)
    {
        var priced = weighed.Where(a => a.MonthlyUsd is not null).ToList();
        if (priced.Count > 0)
            return priced.OrderBy(a => a.MonthlyUsd).ThenBy(a => a.Nodes).ThenBy(a => a.Type, StringComparer.Ordinal).First();
        return weighed.OrderBy(a => a.Nodes * a.VcpuPerNode).ThenBy(a => a.Nodes).ThenBy(a => a.Type, StringComparer.Ordinal).FirstOrDefault();
    }

    private static string Weighed(IEnumerable<AppAlternative> weighed) =>
        string.Join("; ", weighed.OrderBy(a => a.MonthlyUsd ?? decimal.MaxValue).ThenBy(a => a.Nodes)
            .Select(a => $"{a.Nodes} x {a.Type} " + (a.MonthlyUsd is { } m ? m.ToString("$#,0.00", CultureInfo.InvariantCulture) + "/month" : "unpriced")));

    /// <summary>Where a load lies on the reference curve: "at tier 30,000", "between tiers 15,000 and 30,000", beyond or below them.</summary>
    public static string CurveWhere(decimal users, ReferenceTier? lower, ReferenceTier governing)
    {
        if (lower is not null && lower.ConcurrentUsers == users) return $"reference curve at tier {Users(lower.ConcurrentUsers)}";
        if (users > ReferenceArchitectures.Largest.ConcurrentUsers)
            return $"reference curve extrapolated beyond the last tier, {Users(ReferenceArchitectures.Largest.ConcurrentUsers)}";
        if (lower is null) return $"reference curve below the first tier, {Users(governing.ConcurrentUsers)}";
        return $"reference curve between tiers {Users(lower.ConcurrentUsers)} and {Users(governing.ConcurrentUsers)}";
    }

    /// <summary>Most nodes any one zone holds when the auto scaling group balances them.</summary>
    public static int PerZone(int nodes, int zones) => (nodes + zones - 1) / zones;

    private static DatabaseSizing SizeDatabase(StackSettings s, LoadProjection load, ReferenceTier governing, WriterClass.Choice writer, AppSizing app,
        List<SizingDecision> decisions, List<string> problems)
    {
        var cls = writer.Class;
        var clsType = InstanceTypes.Get(cls);
        // Memory counts too (NodeCapacity); a forced burstable class is taken at its vCPU, as the operator set it.
        var v = NodeCapacity.IsBurstable(clsType) ? clsType.VCpus : NodeCapacity.DatabaseVcpu(clsType);
        var need = CapacityCurve.Database.VcpuFor(load.DesignLoad);
        var minReaders = governing.DatabaseReaders > 0 ? 1 : 0;
        if (s.HighAvailability) minReaders = Math.Max(minReaders, 1);
        var readers = Math.Max(minReaders, (int)Math.Ceiling(need / v) - 1);
        var forDesign = readers;
        // Zone loss: instances go round-robin over the zones; the ones left after losing the fullest zone must
        // carry the peak, as the app nodes must (the HA guide's "each remaining component carries the full load").
        var zones = s.AvailabilityZoneCount;
        var needPeak = CapacityCurve.Database.VcpuFor(load.PeakConcurrent);
        if (s.HighAvailability)
            while ((1 + readers - PerZone(1 + readers, zones)) * v < needPeak && readers <= AuroraLimits.MaxReplicas) readers++;
        if (readers > AuroraLimits.MaxReplicas)
            problems.Add($"the database needs at least {readers} readers of {cls} beside the writer ({Vcpu(need)} vCPU for the design load" +
                         (s.HighAvailability ? $", {Vcpu(needPeak)} after losing a zone" : "") +
                         $"), and Aurora allows {AuroraLimits.MaxReplicas} ({AuroraLimits.MaxReplicasSource})");
        var left = s.HighAvailability ? 1 + readers - PerZone(1 + readers, zones) : 0;
        var provided = (decimal)(1 + readers) * v;
        var capacity = (int)Math.Floor(CapacityCurve.Database.UsersFor(provided));
        var connections = ConnectionBudget.For(app.MaxNodes, readers, cls);
        if (connections.Required > connections.Limit)
            problems.Add($"each database instance would have to accept {connections.Required} connections ({MaxOpenConnsPerDataSource} from each of up to {app.MaxNodes} app nodes, " +
                         $"+{AuroraLimits.AutomationConnections} for AWS automation), more than the {connections.Limit} that {cls}'s memory carries " +
                         $"({AuroraLimits.MemoryBytesPerConnection:#,0} bytes per connection; PostgreSQL's ceiling is {AuroraLimits.MaxConnectionsHardLimit:#,0})");

        decisions.Add(new("database", $"writer {cls}", writer.Reason,
            writer.NeededVcpu is null ? governing.Source : governing.Source + "; " + InstanceTypes.Get(cls).Source));
        var buffers = AuroraLimits.SharedBuffersMiB(cls);
        decisions.Add(new("database", $"shared_buffers about {buffers:#,0} MiB (Aurora's default)",
            $"Aurora's default formula follows the class's memory ({InstanceTypes.Get(cls).MemoryGiB:0} GiB): {AuroraLimits.SharedBuffersFormula} 8 kB pages; left at that default, so a larger class gets a larger cache",
            AuroraLimits.SharedBuffersSource));
        decisions.Add(new("database", $"{readers} reader{(readers == 1 ? "" : "s")}",
            $"{Vcpu(need)} database vCPU needed for {Users(load.DesignLoad)} users: writer + {forDesign} x {v} vCPU"
            + (s.HighAvailability ? "; at least one reader in another zone takes over if the writer's zone fails" : "")
            + $"; Aurora allows {AuroraLimits.MaxReplicas} readers",
            governing.Source + "; " + AuroraLimits.MaxReplicasSource));
        if (s.HighAvailability)
            decisions.Add(new("database", $"{left} instance{(left == 1 ? "" : "s")} after losing a zone",
                $"{1 + readers} instances over {zones} zones, at most {PerZone(1 + readers, zones)} per zone; the {left} left give {left * v} vCPU >= {Vcpu(needPeak)} vCPU for the peak of {Users(load.PeakConcurrent)} (N+1 across zones)"
                + (readers > forDesign ? $"; {readers - forDesign} reader{(readers - forDesign == 1 ? "" : "s")} added for this" : ""),
                HaDoc + " (each remaining component must carry the full load)"));
        decisions.Add(new("database", $"max_connections {connections.MaxConnections}", connections.Explain(), ConnectionBudget.Source));
        var capacityLeft = (int)Math.Floor(CapacityCurve.Database.UsersFor(left * (decimal)v));
        return new DatabaseSizing(cls, readers, Math.Round(need, 2), provided, capacity, connections.PerInstance, connections.MaxConnections, left, capacityLeft)
        {
            Connections = connections,
        };
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
