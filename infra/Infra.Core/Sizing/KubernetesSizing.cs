using System.Globalization;
using Infra.Core.Settings;

namespace Infra.Core.Sizing;

/// <summary>The Kubernetes tier's numbers: Mattermost pods, node groups and what survives a zone loss.</summary>
/// <param name="PodReferenceType">The app instance type of the sizing engine that one pod stands in for.</param>
/// <param name="Replicas">Mattermost pods: the engine's app node count (HA minimum and zone-loss rule included).</param>
/// <param name="ReplicasForPeak">Pods whose CPU requests carry the projected peak.</param>
/// <param name="NodesPerZone">Nodes in each zone's managed node group (desired = min).</param>
/// <param name="PodsPerNode">Mattermost pods one node holds.</param>
/// <param name="PodsAfterZoneLoss">Mattermost pods the nodes of the remaining zones schedule, platform pods placed first.</param>
/// <param name="MaxUnavailable">The PodDisruptionBudget's maxUnavailable, or 0 when there is no budget (one pod).</param>
public sealed record KubernetesSizingPlan(
    string PodReferenceType,
    int Replicas,
    int ReplicasForPeak,
    int PodCpuRequestMillicores,
    int PodCpuLimitMillicores,
    int PodMemoryMiB,
    NodeShape Node,
    int Zones,
    int NodesPerZone,
    int PodsPerNode,
    int PodsAfterZoneLoss,
    int MaxUnavailable,
    OperatorSizePreset NearestPreset)
{
    public string NodeInstanceType => Node.InstanceType;

    public int TotalNodes => Zones * NodesPerZone;

    /// <summary>Managed node groups may add one node per zone while they replace nodes (rolling AMI updates).</summary>
    public int MaxNodesPerZone => NodesPerZone + 1;

    public int NodesAfterZoneLoss => (Zones - 1) * NodesPerZone;

    /// <summary>Pods the budget keeps running during voluntary disruptions (drains, node group updates).</summary>
    public int MinAvailableDuringDrains => MaxUnavailable == 0 ? Replicas : Replicas - MaxUnavailable;
}

/// <summary>
/// Sizes the Kubernetes tier from the sizing engine's app result. Rules, in order:
/// <list type="number">
/// <item>A pod stands in for one reference app node: it requests what an EKS node of that instance type
///   offers to pods (<see cref="EksNodeCapacity"/>), may burst to the node's vCPU, and its memory limit
///   equals its request. The engine's node count becomes the replica count.</item>
/// <item>Replicas for the peak = the peak's vCPU on the reference curve / the pod's CPU request.</item>
/// <item>Nodes: one managed node group per zone, the same count in each. Of the c7i and m7i types, take the
///   one with the fewest total vCPU (then memory, then nodes) where the platform pods and the replicas,
///   spread evenly over the zones, all schedule.</item>
/// <item>Zone loss (HA): the nodes of the other zones must still schedule the platform pods and the replicas
///   for the peak.</item>
/// <item>A PodDisruptionBudget keeps the peak's replicas during drains (never fewer than one may go, so that
///   drains are not blocked); none for a single replica.</item>
/// </list>
/// </summary>
public static class KubernetesSizing
{
    private const string HaDoc = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html (each remaining component must carry the full load)";
    private const string PdbDoc = "security-baseline.md §4.4 (PodDisruptionBudget for HA; a budget on one replica blocks drains)";

    public static KubernetesSizingPlan Size(StackSettings s, LoadProjection load, AppSizing app, List<SizingDecision>? decisions = null)
    {
        var reference = EksNodeCapacity.Shape(app.InstanceType);
        var podCpu = reference.FreeCpuMillicores;
        var podMemory = reference.FreeMemoryMiB;
        var podCpuLimit = reference.VCpus * 1000;
        var replicas = app.Nodes;
        var needPeak = load.AppCurve.VcpuFor(load.PeakConcurrent);
        var forPeak = Math.Max(1, (int)Math.Ceiling(needPeak * 1000 / podCpu));
        var zones = s.AvailabilityZoneCount;

        (NodeShape Node, int PerZone, int PodsPerNode, int AfterLoss)? best = null;
        foreach (var type in EksNodeCapacity.NodeTypes)
        {
            var node = EksNodeCapacity.Shape(type);
            var perNode = PodsPerNode(node, podCpu, podMemory);
            if (perNode == 0) continue;
            for (var perZone = 1; perZone <= 100; perZone++)
            {
                if (!SchedulesAll(node, zones, perZone, replicas, podCpu, podMemory)) continue;
                var afterLoss = zones > 1 ? Schedulable(node, (zones - 1) * perZone, replicas, podCpu, podMemory) : 0;
                if (s.HighAvailability && afterLoss < forPeak) continue;
                if (best is null || Cheaper(node, zones * perZone, best.Value.Node, zones * best.Value.PerZone))
                    best = (node, perZone, perNode, afterLoss);
                break;
            }
        }
        if (best is null)
            throw new CapacityException($"no EKS node type holds a {podCpu}m / {podMemory} MiB Mattermost pod, which the design load of {load.DesignLoad:N0} concurrent users needs");
        var (chosen, nodesPerZone, podsPerNode, podsAfterLoss) = best.Value;
        var maxUnavailable = replicas < 2 ? 0 : Math.Max(1, replicas - forPeak);
        var preset = OperatorSizePresets.Nearest(load.DesignLoad);
        var plan = new KubernetesSizingPlan(app.InstanceType, replicas, forPeak, podCpu, podCpuLimit, podMemory, chosen,
            zones, nodesPerZone, podsPerNode, podsAfterLoss, maxUnavailable, preset);

        if (decisions is not null) Explain(plan, s, load, reference, needPeak, decisions);
        return plan;
    }

    /// <summary>Mattermost pods one empty node holds, by CPU, memory and pod slots.</summary>
    public static int PodsPerNode(NodeShape node, int podCpu, int podMemory) =>
        Math.Max(0, Math.Min(Math.Min(node.FreeCpuMillicores / podCpu, node.FreeMemoryMiB / podMemory), node.FreePods));

    /// <summary>
    /// Whether <paramref name="replicas"/> pods, spread evenly over the zones (what the pods' zone
    /// anti-affinity asks for), schedule on <paramref name="perZone"/> nodes per zone once the platform pods run.
    /// </summary>
    public static bool SchedulesAll(NodeShape node, int zones, int perZone, int replicas, int podCpu, int podMemory)
    {
        var nodes = Fresh(node, zones * perZone);
        PlacePlatform(nodes);
        for (var z = 0; z < zones; z++)
        {
            var quota = replicas / zones + (z < replicas % zones ? 1 : 0);
            var zoneNodes = nodes.Skip(z * perZone).Take(perZone).ToList();
            for (var i = 0; i < quota; i++)
                if (!FirstFit(zoneNodes, podCpu, podMemory)) return false;
        }
        return true;
    }

    /// <summary>How many of <paramref name="replicas"/> pods <paramref name="count"/> nodes schedule once the platform pods run.</summary>
    public static int Schedulable(NodeShape node, int count, int replicas, int podCpu, int podMemory)
    {
        var nodes = Fresh(node, count);
        PlacePlatform(nodes);
        var placed = 0;
        while (placed < replicas && FirstFit(nodes, podCpu, podMemory)) placed++;
        return placed;
    }

    private sealed class Bin(int cpu, int memory, int pods)
    {
        public int Cpu = cpu;
        public int Memory = memory;
        public int Pods = pods;

        public bool Take(int cpu, int memory)
        {
            if (Cpu < cpu || Memory < memory || Pods < 1) return false;
            Cpu -= cpu;
            Memory -= memory;
            Pods--;
            return true;
        }
    }

    private static List<Bin> Fresh(NodeShape node, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Bin(node.FreeCpuMillicores, node.FreeMemoryMiB, node.FreePods))];

    /// <summary>The platform pods go where the scheduler's default scoring (least allocated) puts them: the emptiest node.</summary>
    private static void PlacePlatform(List<Bin> nodes)
    {
        foreach (var pod in KubernetesSystemPods.DeploymentPods())
        {
            var target = nodes.Where(n => n.Cpu >= pod.CpuMillicores && n.Memory >= pod.MemoryMiB && n.Pods > 0)
                .OrderByDescending(n => n.Cpu).ThenByDescending(n => n.Memory).FirstOrDefault();
            if (target is null)
            {
                // A platform pod that does not fit blocks the node count as surely as an app pod would.
                nodes.ForEach(n => n.Cpu = -1);
                return;
            }
            target.Take(pod.CpuMillicores, pod.MemoryMiB);
        }
    }

    private static bool FirstFit(List<Bin> nodes, int cpu, int memory) => nodes.Any(n => n.Take(cpu, memory));

    private static bool Cheaper(NodeShape a, int countA, NodeShape b, int countB)
    {
        var key = (countA * a.VCpus, countA * a.MemoryGiB, countA);
        var other = (countB * b.VCpus, countB * b.MemoryGiB, countB);
        var c = key.CompareTo(other);
        return c < 0 || (c == 0 && string.CompareOrdinal(a.InstanceType, b.InstanceType) < 0);
    }

    private static void Explain(KubernetesSizingPlan k, StackSettings s, LoadProjection load, NodeShape reference, decimal needPeak, List<SizingDecision> decisions)
    {
        var node = k.Node;
        decisions.Add(new("kubernetes", $"{k.Replicas} Mattermost pod{(k.Replicas == 1 ? "" : "s")} of {k.PodCpuRequestMillicores}m CPU / {k.PodMemoryMiB} MiB",
            $"one pod per {k.PodReferenceType} app node of the sizing: it requests what an EKS node of that type offers to pods " +
            $"({reference.VCpus * 1000}m - {reference.KubeReservedCpuMillicores}m kube-reserved - {reference.DaemonSetCpuMillicores}m DaemonSets; " +
            $"{reference.CapacityMemoryMiB} MiB after VM overhead - {reference.KubeReservedMemoryMiB} MiB kube-reserved - {reference.EvictionMemoryMiB} MiB eviction) " +
            $"and may burst to {k.PodCpuLimitMillicores}m; memory limit = request, because memory cannot be throttled",
            EksNodeCapacity.Source));
        decisions.Add(new("kubernetes", $"{k.ReplicasForPeak} pod{(k.ReplicasForPeak == 1 ? "" : "s")} carry the peak",
            $"{Num(needPeak)} vCPU for the peak of {Users(load.PeakConcurrent)} users / {k.PodCpuRequestMillicores}m per pod{load.CalibrationNote(CalibratedTier.App)}",
            "reference curve (mattermost-sizing.md Table 1)"));
        decisions.Add(new("kubernetes", $"{k.TotalNodes} x {node.InstanceType} nodes ({k.Zones} managed node groups of {k.NodesPerZone})",
            $"the fewest vCPU in total among c7i/m7i types where {k.Replicas} pods spread over {k.Zones} zones and the platform pods " +
            $"({KubernetesSystemPods.DeploymentCpu}m, {KubernetesSystemPods.DeploymentMemory} MiB) schedule; a node offers {node.FreeCpuMillicores}m / {node.FreeMemoryMiB} MiB " +
            $"({k.PodsPerNode} Mattermost pod{(k.PodsPerNode == 1 ? "" : "s")}); up to {k.MaxNodesPerZone} per zone while a node group replaces nodes",
            EksNodeCapacity.Source));
        if (s.HighAvailability)
            decisions.Add(new("kubernetes", $"{k.NodesAfterZoneLoss} nodes after losing a zone",
                $"they schedule the platform pods and {k.PodsAfterZoneLoss} of {k.Replicas} Mattermost pods >= {k.ReplicasForPeak} for the peak (N+1 across zones)",
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
            $"this stack runs {k.Replicas} pods of {k.PodCpuRequestMillicores}m / {k.PodMemoryMiB} MiB, because the presets are smaller than the load-tested reference nodes",
            p.Source));
    }

    private static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
