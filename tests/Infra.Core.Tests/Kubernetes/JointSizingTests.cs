using Infra.Core.Cost;
using Infra.Core.Planning;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

/// <summary>
/// The pod size and the node type are chosen together for the lowest node bill. A brute force written here, with its
/// own scheduler simulation, walks a grid of candidates and must find nothing cheaper than the plan, and the plan must
/// pass the same simulation.
/// </summary>
public class JointSizingTests
{
    /// <summary>One node's free room, pod by pod: a tiny scheduler for the test.</summary>
    private sealed class Node(NodeShape shape, int zone)
    {
        public readonly int Zone = zone;
        public int Cpu = shape.FreeCpuMillicores;
        public int Memory = shape.FreeMemoryMiB;
        public int Pods = shape.FreePods;

        public bool Take(int cpu, int memory)
        {
            if (Cpu < cpu || Memory < memory || Pods < 1) return false;
            Cpu -= cpu;
            Memory -= memory;
            Pods--;
            return true;
        }
    }

    private static List<Node> Nodes(NodeShape shape, IEnumerable<int> zones, int perZone) =>
        [.. zones.SelectMany(z => Enumerable.Range(0, perZone).Select(_ => new Node(shape, z)))];

    /// <summary>The platform's pods first, each on the emptiest node (the scheduler's least-allocated scoring).</summary>
    private static bool Platform(List<Node> nodes)
    {
        foreach (var pod in KubernetesSystemPods.Deployments.SelectMany(d => Enumerable.Repeat(d, d.Replicas))
                     .OrderByDescending(d => d.CpuMillicores).ThenByDescending(d => d.MemoryMiB).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            var target = nodes.Where(n => n.Cpu >= pod.CpuMillicores && n.Memory >= pod.MemoryMiB && n.Pods > 0)
                .OrderByDescending(n => n.Cpu).ThenByDescending(n => n.Memory).FirstOrDefault();
            if (target is null || !target.Take(pod.CpuMillicores, pod.MemoryMiB)) return false;
        }
        return true;
    }

    /// <summary>
    /// Every rule, checked by simulation: capacity at the design load, the pods spread evenly over the zones, one surge
    /// pod, and (HA) after losing the fullest zone the kept pods carry the peak and still schedule on the rest.
    /// </summary>
    private static bool Valid(NodeShape shape, int zones, int perZone, int replicas, int cpu, bool ha, int needDesign, int needPeak, int maxPods)
    {
        if (cpu < 1000 || cpu > 4000 || replicas + 1 > maxPods) return false;
        var memory = MattermostPodGuidance.MemoryFor(cpu);
        if (replicas * cpu < needDesign && ha) return false;
        var fullest = (replicas + zones - 1) / zones;
        if (ha && (replicas < 2 || (replicas - fullest) * cpu < needPeak)) return false;

        var nodes = Nodes(shape, Enumerable.Range(0, zones), perZone);
        if (!Platform(nodes)) return false;
        var perZoneCount = new int[zones];
        for (var i = 0; i < replicas; i++)
        {
            // The next pod goes to a zone with the fewest pods that still has room (even spread).
            var placed = false;
            foreach (var z in Enumerable.Range(0, zones).OrderBy(z => perZoneCount[z]).ThenByDescending(z => nodes.Where(n => n.Zone == z).Sum(n => Math.Min(n.Cpu / cpu, n.Memory / memory))))
            {
                if (perZoneCount[z] > perZoneCount.Min()) break; // only the emptiest zones keep the spread even
                if (nodes.Where(n => n.Zone == z).Any(n => n.Take(cpu, memory))) { perZoneCount[z]++; placed = true; break; }
            }
            if (!placed) return false;
        }
        if (!nodes.Any(n => n.Take(cpu, memory))) return false; // the rollout's surge pod

        if (ha && zones > 1)
        {
            var rest = Nodes(shape, Enumerable.Range(1, zones - 1), perZone);
            if (!Platform(rest)) return false;
            for (var i = 0; i < replicas - fullest; i++)
                if (!rest.Any(n => n.Take(cpu, memory))) return false;
        }
        return true;
    }

    private static decimal Monthly(string type, int nodes) => nodes * AwsPriceTable.Find($"ec2:{type}", AwsPriceTable.Region)!.Usd!.Value * AwsPriceTable.HoursPerMonth;

    public static IEnumerable<object[]> Cases =>
    [
        ["production", 0, 3], ["staging", 0, 3],
        ["load", 2_000, 3], ["load", 15_000, 3], ["load", 15_000, 2], ["load", 30_000, 3], ["load", 50_000, 3],
    ];

    private static StackPlan PlanFor(string what, int users, int zones) =>
        what == "load" ? KubernetesPlans.AtLoad(users, zones: zones) : Repo.Plan(what);

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_candidate_on_the_grid_is_cheaper_and_the_plan_passes_the_simulation(string what, int users, int zones)
    {
        var plan = PlanFor(what, users, zones);
        var z = plan.Blueprint.Sizing;
        var k = z.Kubernetes!;
        zones = k.Zones;
        var ha = plan.Settings.HighAvailability;
        var needDesign = (int)Math.Ceiling(CapacityCurve.App.VcpuFor(z.Load.DesignLoad) * 1000);
        var needPeak = (int)Math.Ceiling(CapacityCurve.App.VcpuFor(z.Load.PeakConcurrent) * 1000);
        var maxPods = (int)Math.Floor(Infra.Core.Catalog.InstanceTypes.Get(z.Database.InstanceClass).MemoryGiB * 1_000_000_000m / 9_531_392m - 3) / 100;

        Assert.True(Valid(k.Node, zones, k.NodesPerZone, k.Replicas, k.PodCpuRequestMillicores, ha, needDesign, needPeak, maxPods),
            $"the plan ({k.PodDescription} on {zones} x {k.NodesPerZone} x {k.NodeInstanceType}) fails the simulation");
        var chosen = Monthly(k.NodeInstanceType, k.TotalNodes);

        var cheapest = decimal.MaxValue;
        string? witness = null;
        foreach (var type in EksNodeCapacity.NodeTypes)
        {
            var shape = EksNodeCapacity.Shape(type);
            for (var perZone = 1; perZone <= 6; perZone++)
            {
                var cost = Monthly(type, zones * perZone);
                if (cost >= cheapest) break;
                for (var replicas = 2; replicas <= 24 && cost < cheapest; replicas++)
                    for (var cpu = 1000; cpu <= 4000; cpu += 50)
                        if (Valid(shape, zones, perZone, replicas, cpu, ha, needDesign, needPeak, maxPods))
                        {
                            cheapest = cost;
                            witness = $"{replicas} x {cpu}m on {zones} x {perZone} x {type}";
                            break;
                        }
            }
        }
        Assert.True(chosen <= cheapest, $"{witness} costs {cheapest:0.00} a month, less than the plan's {chosen:0.00}");
    }

    [Fact]
    public void Production_buys_at_most_one_and_a_half_node_vcpu_per_requested_vcpu()
    {
        var k = Repo.Plan("production").Blueprint.Sizing.Kubernetes!;
        var nodeVcpu = k.TotalNodes * Infra.Core.Catalog.InstanceTypes.Get(k.NodeInstanceType).VCpus;
        var requested = k.Replicas * k.PodCpuRequestMillicores / 1000m;
        Assert.True(nodeVcpu <= 1.5m * requested, $"{nodeVcpu} node vCPU for {requested} vCPU of requests");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pod_requests_stay_within_mattermosts_per_pod_guidance(string what, int users, int zones)
    {
        var k = PlanFor(what, users, zones).Blueprint.Sizing.Kubernetes!;
        Assert.InRange(k.PodCpuRequestMillicores, 1000, 4000);
        Assert.InRange(k.PodMemoryMiB, 1, 16 * 1024);
        Assert.Equal(4000, k.PodCpuLimitMillicores);
    }

    [Fact]
    public void The_reference_comparison_prices_the_nodes_the_stack_buys()
    {
        var plan = Repo.Plan("production");
        var k = plan.Blueprint.Sizing.Kubernetes!;
        var app = ReferenceComparison.For(plan.Blueprint.Sizing, plan.Settings.Region).Parts.Single(p => p.Part == "app nodes");
        Assert.StartsWith($"{k.TotalNodes} x {k.NodeInstanceType}", app.Stack);
        Assert.Equal(CostEstimator.Money(Monthly(k.NodeInstanceType, k.TotalNodes)), app.StackMonthly);
    }
}
