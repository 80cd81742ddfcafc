using System.Globalization;
using Infra.Core.Cost;
using Infra.Core.Settings;

namespace Infra.Core.Sizing;

/// <summary>The Kubernetes tier's numbers: Mattermost pods, node groups and what survives a zone loss.</summary>
/// <param name="Replicas">Mattermost pods (the operator's <c>replicas</c>).</param>
/// <param name="ReplicasForPeak">Pods whose CPU requests carry the projected peak.</param>
/// <param name="PodsInFullestZone">Pods the fullest zone holds when the replicas are spread evenly over the zones.</param>
/// <param name="NodesPerZone">Nodes in each zone's managed node group (desired = min).</param>
/// <param name="PodsPerNode">Mattermost pods an empty node holds.</param>
/// <param name="PodsAfterZoneLoss">Mattermost pods the nodes of the remaining zones schedule, platform pods placed first.</param>
/// <param name="MaxUnavailable">The PodDisruptionBudget's maxUnavailable, or 0 when there is no budget (one pod).</param>
/// <param name="NodeMonthlyUsd">What the node groups cost a month at the node type's on-demand price (us-east-1 prices rank the types).</param>
/// <param name="CandidatesWeighed">Pod size, replica and node type combinations that met every rule; the cheapest won.</param>
public sealed record KubernetesSizingPlan(
    int Replicas,
    int ReplicasForPeak,
    int PodCpuRequestMillicores,
    int PodCpuLimitMillicores,
    int PodMemoryMiB,
    NodeShape Node,
    int Zones,
    int NodesPerZone,
    int PodsInFullestZone,
    int PodsPerNode,
    int PodsAfterZoneLoss,
    int MaxUnavailable,
    decimal? NodeMonthlyUsd,
    int CandidatesWeighed,
    OperatorSizePreset NearestPreset)
{
    public string NodeInstanceType => Node.InstanceType;

    public int TotalNodes => Zones * NodesPerZone;

    /// <summary>Managed node groups may add one node per zone while they replace nodes (rolling AMI updates).</summary>
    public int MaxNodesPerZone => NodesPerZone + 1;

    public int NodesAfterZoneLoss => (Zones - 1) * NodesPerZone;

    /// <summary>Pods that may run at once: the replicas and the operator's surge pod during a rolling update.</summary>
    public int MaxPods => Replicas + MattermostPodGuidance.SurgePods;

    /// <summary>Pods the budget keeps running during voluntary disruptions (drains, node group updates).</summary>
    public int MinAvailableDuringDrains => MaxUnavailable == 0 ? Replicas : Replicas - MaxUnavailable;

    /// <summary>CPU the pods request in all, in millicores.</summary>
    public int RequestedMillicores => Replicas * PodCpuRequestMillicores;

    /// <summary>Node vCPU bought per vCPU the pods request (1.0 would be nodes holding nothing but requested pods).</summary>
    public decimal NodeToRequestRatio => TotalNodes * Node.VCpus * 1000m / RequestedMillicores;

    /// <summary>The one description of the pods, shown by the plan and by the audit.</summary>
    public string PodDescription => KubernetesSizing.DescribePods(Replicas, PodCpuRequestMillicores, PodMemoryMiB);
}

/// <summary>
/// Sizes the Kubernetes tier: the Mattermost pods' CPU request and count and the node type and count together, for
/// the lowest monthly node bill that meets every rule. Rules:
/// <list type="number">
/// <item>Capacity: the pods' CPU requests give the reference curve's vCPU at the design load (a pod is only guaranteed
///   its request; it may burst to its limit when its node has idle CPU). Memory: <see cref="MattermostPodGuidance.MemoryMiBPerVcpu"/>
///   per requested vCPU, limit = request.</item>
/// <item>Per-pod guidance: the request lies between <see cref="MattermostPodGuidance.MinCpuMillicores"/> and
///   <see cref="MattermostPodGuidance.MaxCpuMillicores"/> (the operator's presets).</item>
/// <item>Spread: one managed node group per zone, the same count in each; the pods spread evenly over the zones (the
///   pods' zone anti-affinity), the platform pods (<see cref="KubernetesSystemPods"/>) placed first on the emptiest
///   nodes; what a node offers comes from <see cref="EksNodeCapacity"/> (EKS max pods, kube-reserved, DaemonSets).</item>
/// <item>Rollouts: the operator's rolling update starts one extra pod before it stops one, so there is room for one more pod.</item>
/// <item>Zone loss (HA): after losing the fullest zone the remaining pods carry the projected peak, and the remaining
///   nodes still schedule them and the platform pods.</item>
/// <item>Database connections: replicas + the surge pod stay within what the database class's max_connections carries
///   (<see cref="ConnectionBudget"/>).</item>
/// </list>
/// Among the plans that meet them, the cheapest node bill wins; then fewer pods (fewer database connections and
/// cluster members); then the most CPU requested for that bill (each pod's request grows to fill its nodes).
/// </summary>
public static class KubernetesSizing
{
    private const string HaDoc = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html (each remaining component must carry the full load)";
    private const string PdbDoc = "security-baseline.md §4.4 (PodDisruptionBudget for HA; a budget on one replica blocks drains)";

    /// <summary>"5 pods of 1797m CPU / 3100 MiB": the same words wherever the pods are described.</summary>
    public static string DescribePods(int replicas, int cpuMillicores, int memoryMiB) =>
        string.Create(CultureInfo.InvariantCulture, $"{replicas} pod{(replicas == 1 ? "" : "s")} of {cpuMillicores}m CPU / {memoryMiB} MiB");

    /// <summary>The sizing, or why none fits (<paramref name="problem"/>).</summary>
    public static KubernetesSizingPlan? Size(StackSettings s, LoadProjection load, int maxPods, out string? problem, List<SizingDecision>? decisions = null)
    {
        var needDesign = (int)Math.Ceiling(CapacityCurve.App.VcpuFor(load.DesignLoad) * 1000);
        var needPeak = (int)Math.Ceiling(CapacityCurve.App.VcpuFor(load.PeakConcurrent) * 1000);
        var zones = s.AvailabilityZoneCount;
        var types = NodeTypes(s, out problem);
        if (problem is not null) return null;

        var search = Search(types, zones, s.HighAvailability, needDesign, needPeak, maxPods - MattermostPodGuidance.SurgePods);
        if (search.Best is not { } best)
        {
            problem = search.Problem;
            return null;
        }

        var c = best.CpuMillicores;
        var memory = MattermostPodGuidance.MemoryFor(c);
        var node = best.Node;
        var q = (best.Replicas + zones - 1) / zones;
        var forPeak = Math.Min(best.Replicas, Math.Max(1, (int)Math.Ceiling((decimal)needPeak / c)));
        var afterLoss = zones > 1 ? Pack.Slots(node, (zones - 1) * best.PerZone, c, memory) : 0;
        var maxUnavailable = best.Replicas < 2 ? 0 : Math.Max(1, best.Replicas - forPeak);
        var plan = new KubernetesSizingPlan(best.Replicas, forPeak, c, Math.Max(c, MattermostPodGuidance.MaxCpuMillicores), memory, node,
            zones, best.PerZone, q, Pack.PodsPerNode(node, c, memory), Math.Min(best.Replicas, afterLoss), maxUnavailable,
            best.MonthlyUsd, search.Weighed, OperatorSizePresets.Nearest(load.DesignLoad));

        if (decisions is not null) Explain(plan, s, load, needDesign, needPeak, maxPods, decisions);
        return plan;
    }

    /// <summary>The node types to weigh: the c7i and m7i sizes, or the one mattermost:appInstanceType names.</summary>
    private static IReadOnlyList<NodeShape> NodeTypes(StackSettings s, out string? problem)
    {
        problem = null;
        if (s.AppInstanceType is { } forced)
        {
            if (EksNodeCapacity.IsKnown(forced)) return [EksNodeCapacity.Shape(forced)];
            problem = $"mattermost:appInstanceType {forced} has no EKS pod limits here (ENIs per type in Sizing/EksNodeCapacity.cs), so no node group can be sized with it";
            return [];
        }
        return [.. EksNodeCapacity.NodeTypes.Select(EksNodeCapacity.Shape)];
    }

    /// <summary>One plan that meets every rule.</summary>
    public sealed record Candidate(NodeShape Node, int PerZone, int Replicas, int CpuMillicores, decimal? MonthlyUsd)
    {
        public long RequestedMillicores => (long)Replicas * CpuMillicores;
    }

    public sealed record SearchResult(Candidate? Best, int Weighed, string? Problem);

    /// <summary>
    /// Monthly on-demand price of <paramref name="nodes"/> nodes of <paramref name="type"/>, from the price table's
    /// us-east-1 rows: they rank the types in every region (the table has no other region's prices). Null when unpriced.
    /// </summary>
    public static decimal? MonthlyUsd(string type, int nodes) =>
        AwsPriceTable.Find($"ec2:{type}", AwsPriceTable.Region)?.Usd is { } usd ? Math.Round(nodes * usd * AwsPriceTable.HoursPerMonth, 2) : null;

    /// <summary>
    /// Every replica count and node type, each with the fewest nodes that hold the smallest pod that meets the
    /// capacity rules, then the largest pod those nodes still hold; the cheapest wins (see the class summary).
    /// </summary>
    public static SearchResult Search(IReadOnlyList<NodeShape> types, int zones, bool ha, int needDesign, int needPeak, int maxReplicas)
    {
        Candidate? best = null;
        var weighed = 0;
        string? problem = null;
        var lo = MattermostPodGuidance.MinCpuMillicores;
        var hi = MattermostPodGuidance.MaxCpuMillicores;

        IEnumerable<int> replicaCounts;
        if (!ha) replicaCounts = [1];
        else
        {
            // Beyond the count whose pods are all at the smallest request, more pods only add requests; a few more
            // than that cover the uneven spread over the zones.
            var atFloor = 2;
            while (MinCpu(atFloor, zones, ha, needDesign, needPeak) > lo) atFloor++;
            replicaCounts = Enumerable.Range(2, Math.Max(0, atFloor + 2 * zones - 1));
        }

        if (ha)
        {
            var fewest = 2;
            while (MinCpu(fewest, zones, ha, needDesign, needPeak) > hi) fewest++;
            if (fewest > maxReplicas)
                return new SearchResult(null, 0,
                    $"the app tier needs at least {fewest} pods of at most {hi}m (Mattermost's per-pod guidance) for {Num(needDesign / 1000m)} vCPU at the design load and " +
                    $"{Num(needPeak / 1000m)} after losing a zone, and every pod, with the rollout's surge pod, opens {SizingEngine.MaxOpenConnsPerDataSource} connections to each database instance: " +
                    $"more than the database class carries ({maxReplicas} pods at most)");
        }
        foreach (var r in replicaCounts)
        {
            if (r > maxReplicas) break;
            var cMin = MinCpu(r, zones, ha, needDesign, needPeak);
            if (!ha) cMin = Math.Min(cMin, hi); // one pod: the largest the guidance allows; the plan warns if it is below the load
            if (cMin > hi) continue;
            foreach (var node in types)
            {
                if (Pack.PodsPerNode(node, cMin, MattermostPodGuidance.MemoryFor(cMin)) == 0) continue;
                var q = (r + zones - 1) / zones;
                var firstN = Math.Max(1, (int)Math.Ceiling((decimal)q / Pack.PodsPerNode(node, cMin, MattermostPodGuidance.MemoryFor(cMin))));
                for (var n = firstN; n <= firstN + 4; n++)
                {
                    if (!Pack.Fits(node, zones, n, r, cMin, ha)) continue;
                    // The largest request these nodes still hold (the rules only get harder as the pod grows).
                    int a = cMin, b = hi;
                    while (a < b)
                    {
                        var mid = (a + b + 1) / 2;
                        if (Pack.Fits(node, zones, n, r, mid, ha)) a = mid; else b = mid - 1;
                    }
                    var candidate = new Candidate(node, n, r, a, MonthlyUsd(node.InstanceType, zones * n));
                    weighed++;
                    if (best is null || Better(candidate, best)) best = candidate;
                    break;
                }
            }
        }
        if (best is null)
            problem ??= types.Count == 0
                ? "no node type to weigh"
                : $"no {(types.Count == 1 ? $"{types[0].InstanceType} node (mattermost:appInstanceType)" : "c7i or m7i node type")} holds Mattermost pods of {lo}m-{hi}m CPU, " +
                  $"at most {maxReplicas} of them (what the database class's connections allow), that carry {Num(needDesign / 1000m)} vCPU at the design load" +
                  (ha ? $" and {Num(needPeak / 1000m)} vCPU after losing a zone" : "") + ", with the platform pods and room for a rollout";
        return new SearchResult(best, weighed, best is null ? problem : null);
    }

    /// <summary>The smallest request (millicores) with which <paramref name="replicas"/> pods meet the capacity and zone rules, at least the guidance's floor.</summary>
    public static int MinCpu(int replicas, int zones, bool ha, int needDesign, int needPeak)
    {
        var c = Math.Max(MattermostPodGuidance.MinCpuMillicores, Ceiling(needDesign, replicas));
        if (!ha) return c;
        var left = replicas - (replicas + zones - 1) / zones;
        return left <= 0 ? int.MaxValue : Math.Max(c, Ceiling(needPeak, left));
    }

    private static int Ceiling(int a, int b) => (a + b - 1) / b;

    /// <summary>
    /// Cheaper; then fewer pods (each opens its own database pools and is one more cluster member; the nodes' idle CPU
    /// is theirs to burst into either way); then more CPU requested for the money; then the type name (a stable order).
    /// </summary>
    public static bool Better(Candidate a, Candidate b)
    {
        // An unpriced type (only ever a forced one) ranks after every priced one.
        var c = (a.MonthlyUsd ?? decimal.MaxValue).CompareTo(b.MonthlyUsd ?? decimal.MaxValue);
        if (c != 0) return c < 0;
        c = a.Replicas.CompareTo(b.Replicas);
        if (c != 0) return c < 0;
        c = b.RequestedMillicores.CompareTo(a.RequestedMillicores);
        if (c != 0) return c < 0;
        return string.CompareOrdinal(a.Node.InstanceType, b.Node.InstanceType) < 0;
    }

    /// <summary>How pods and platform pods fit on nodes: identical pods, so a node's room is counted in whole pods.</summary>
    public static class Pack
    {
        /// <summary>Mattermost pods one empty node holds, by CPU, memory and pod slots.</summary>
        public static int PodsPerNode(NodeShape node, int cpu, int memory) =>
            Math.Max(0, Math.Min(Math.Min(node.FreeCpuMillicores / cpu, node.FreeMemoryMiB / memory), node.FreePods));

        /// <summary>
        /// Whether <paramref name="perZone"/> nodes in each of <paramref name="zones"/> zones hold <paramref name="replicas"/>
        /// pods of <paramref name="cpu"/> millicores spread evenly, the platform pods, one surge pod, and (HA) after
        /// losing a zone the platform pods and the pods the other zones kept.
        /// </summary>
        public static bool Fits(NodeShape node, int zones, int perZone, int replicas, int cpu, bool ha)
        {
            var memory = MattermostPodGuidance.MemoryFor(cpu);
            var room = ZoneRoom(node, zones, perZone, cpu, memory);
            if (room is null) return false;
            // The zones with the most room take the pods that do not divide evenly.
            Array.Sort(room);
            Array.Reverse(room);
            var spare = 0;
            for (var z = 0; z < zones; z++)
            {
                var quota = replicas / zones + (z < replicas % zones ? 1 : 0);
                if (room[z] < quota) return false;
                spare += room[z] - quota;
            }
            if (spare < MattermostPodGuidance.SurgePods) return false;
            if (ha && zones > 1)
            {
                var kept = replicas - (replicas + zones - 1) / zones;
                if (Slots(node, (zones - 1) * perZone, cpu, memory) < kept) return false;
            }
            return true;
        }

        /// <summary>Pods <paramref name="count"/> fresh nodes hold once the platform pods run.</summary>
        public static int Slots(NodeShape node, int count, int cpu, int memory)
        {
            var touched = Platform(node, count);
            if (touched is null) return 0;
            return touched.Sum(b => b.Slots(cpu, memory)) + (count - touched.Length) * PodsPerNode(node, cpu, memory);
        }

        /// <summary>Pods each zone's nodes hold once the platform pods run, or null when the platform does not fit.</summary>
        private static int[]? ZoneRoom(NodeShape node, int zones, int perZone, int cpu, int memory)
        {
            var touched = Platform(node, zones * perZone);
            if (touched is null) return null;
            var empty = PodsPerNode(node, cpu, memory);
            var room = new int[zones];
            for (var z = 0; z < zones; z++) room[z] = perZone * empty;
            for (var i = 0; i < touched.Length; i++) room[i / perZone] += touched[i].Slots(cpu, memory) - empty;
            return room;
        }

        /// <summary>
        /// The nodes the platform's Deployment pods land on, placed where the scheduler's default scoring (least
        /// allocated) puts them: the emptiest node, the first of equals. On fresh identical nodes each pod takes a node
        /// of its own while there are untouched ones, so only the first min(count, pods) nodes are ever touched; the
        /// others stay empty. Null when a platform pod fits nowhere.
        /// </summary>
        private static Bin[]? Platform(NodeShape node, int count)
        {
            var pods = KubernetesSystemPods.DeploymentPods().ToList();
            var bins = Enumerable.Range(0, Math.Min(count, pods.Count)).Select(_ => new Bin(node.FreeCpuMillicores, node.FreeMemoryMiB, node.FreePods)).ToArray();
            foreach (var pod in pods)
            {
                Bin? target = null;
                foreach (var b in bins)
                    if (b.Cpu >= pod.CpuMillicores && b.Memory >= pod.MemoryMiB && b.Pods > 0 &&
                        (target is null || b.Cpu > target.Cpu || (b.Cpu == target.Cpu && b.Memory > target.Memory)))
                        target = b;
                if (target is null) return null;
                target.Cpu -= pod.CpuMillicores;
                target.Memory -= pod.MemoryMiB;
                target.Pods--;
            }
            return bins;
        }

        private sealed class Bin(int cpu, int memory, int pods)
        {
            public int Cpu = cpu;
            public int Memory = memory;
            public int Pods = pods;

            public int Slots(int cpu, int memory) => Math.Max(0, Math.Min(Math.Min(Cpu / cpu, Memory / memory), Pods));
        }
    }

    private static void Explain(KubernetesSizingPlan k, StackSettings s, LoadProjection load, int needDesign, int needPeak, int maxPods, List<SizingDecision> decisions)
    {
        var node = k.Node;
        decisions.Add(new("kubernetes", k.PodDescription,
            $"{Num(needDesign / 1000m)} vCPU for the design load of {Users(load.DesignLoad)} users on the reference curve, from the pods' CPU requests " +
            (s.HighAvailability
                ? $"({k.Replicas} x {k.PodCpuRequestMillicores}m = {k.RequestedMillicores}m); after losing the fullest zone ({k.PodsInFullestZone} pod{(k.PodsInFullestZone == 1 ? "" : "s")}) the other {k.Replicas - k.PodsInFullestZone} give {(k.Replicas - k.PodsInFullestZone) * k.PodCpuRequestMillicores}m >= {needPeak}m for the peak of {Users(load.PeakConcurrent)}; "
                : $"({k.PodCpuRequestMillicores}m; one pod without high availability); ") +
            $"requests between {MattermostPodGuidance.MinCpuMillicores}m and {MattermostPodGuidance.MaxCpuMillicores}m (Mattermost's per-pod guidance), " +
            $"{MattermostPodGuidance.MemoryMiBPerVcpu} MiB per requested vCPU (what a c7i reference node offers per core), limited to {k.PodCpuLimitMillicores}m CPU and the requested memory; " +
            $"pod size and node type chosen together: the cheapest of {k.CandidatesWeighed} combinations that meet the rules",
            MattermostPodGuidance.Source));
        decisions.Add(new("kubernetes", $"{k.ReplicasForPeak} pod{(k.ReplicasForPeak == 1 ? "" : "s")} carry the peak",
            $"{Num(needPeak / 1000m)} vCPU for the peak of {Users(load.PeakConcurrent)} users / {k.PodCpuRequestMillicores}m per pod",
            "reference curve (mattermost-sizing.md Table 1)"));
        decisions.Add(new("kubernetes", $"{k.TotalNodes} x {node.InstanceType} nodes ({k.Zones} managed node groups of {k.NodesPerZone})",
            $"the lowest node bill ({(k.NodeMonthlyUsd is { } usd ? $"${usd:#,0.00}" : "unpriced")} a month at us-east-1 on-demand prices) among c7i/m7i types where {k.Replicas} pods spread over {k.Zones} zones, " +
            $"the platform pods ({KubernetesSystemPods.DeploymentCpu}m, {KubernetesSystemPods.DeploymentMemory} MiB) and one more pod for a rolling update schedule; " +
            $"a node offers {node.FreeCpuMillicores}m / {node.FreeMemoryMiB} MiB after kube-reserved and DaemonSets ({k.PodsPerNode} Mattermost pod{(k.PodsPerNode == 1 ? "" : "s")}); " +
            $"{k.TotalNodes * node.VCpus} node vCPU for {Num(k.RequestedMillicores / 1000m)} vCPU of pod requests ({k.NodeToRequestRatio:0.00}x); up to {k.MaxNodesPerZone} per zone while a node group replaces nodes",
            EksNodeCapacity.Source + "; " + MattermostPodGuidance.Source));
        if (s.HighAvailability)
            decisions.Add(new("kubernetes", $"{k.NodesAfterZoneLoss} nodes after losing a zone",
                $"they schedule the platform pods and {k.PodsAfterZoneLoss} Mattermost pods >= the {k.Replicas - k.PodsInFullestZone} the other zones kept (N+1 across zones)",
                HaDoc));
        decisions.Add(new("kubernetes", k.MaxUnavailable == 0 ? "no PodDisruptionBudget" : $"PodDisruptionBudget maxUnavailable {k.MaxUnavailable}",
            k.MaxUnavailable == 0
                ? "a single pod: a budget would block every node drain"
                : $"drains and node group updates keep {k.MinAvailableDuringDrains} of {k.Replicas} pods running" +
                  (k.MinAvailableDuringDrains < k.ReplicasForPeak ? " (below the peak's need: drain outside peak hours)" : " (the peak's need)"),
            PdbDoc));
        var p = k.NearestPreset;
        decisions.Add(new("kubernetes", $"operator preset {p.Size} (comparison only)",
            $"{p.Replicas} pods requesting {p.CpuRequestMillicores}m / {p.MemoryRequestMiB} MiB, limited to {p.CpuLimitMillicores}m / {p.MemoryLimitMiB} MiB; " +
            $"this stack runs {k.PodDescription}, sized from the load-tested reference architectures",
            p.Source));
        _ = maxPods;
    }

    private static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
