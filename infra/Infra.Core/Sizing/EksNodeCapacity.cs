using Infra.Core.Catalog;

namespace Infra.Core.Sizing;

/// <summary>
/// What one EKS node of a given instance type offers to pods after the platform takes its share: the
/// hypervisor and kernel, the kubelet's reservations, the eviction threshold and the per-node DaemonSets.
/// </summary>
/// <param name="MaxPods">Pods the VPC CNI can address on this type: ENIs x (IPv4 per ENI - 1) + 2.</param>
/// <param name="CapacityMemoryMiB">Memory the kernel reports, after the VM overhead.</param>
public sealed record NodeShape(
    string InstanceType,
    int VCpus,
    decimal MemoryGiB,
    int MaxPods,
    int CapacityMemoryMiB,
    int KubeReservedCpuMillicores,
    int KubeReservedMemoryMiB,
    int EvictionMemoryMiB,
    int DaemonSetCpuMillicores,
    int DaemonSetMemoryMiB,
    int DaemonSetPods)
{
    /// <summary>CPU the scheduler can give to workload pods (allocatable minus the DaemonSets' requests).</summary>
    public int FreeCpuMillicores => VCpus * 1000 - KubeReservedCpuMillicores - DaemonSetCpuMillicores;

    /// <summary>Memory the scheduler can give to workload pods (allocatable minus the DaemonSets' requests).</summary>
    public int FreeMemoryMiB => CapacityMemoryMiB - KubeReservedMemoryMiB - EvictionMemoryMiB - DaemonSetMemoryMiB;

    /// <summary>Pod slots left for workload pods once the DaemonSets run.</summary>
    public int FreePods => MaxPods - DaemonSetPods;
}

/// <summary>
/// The EKS-optimized AMI's node reservations as data, so that node counts come from what a node really
/// offers, not from its nominal size. Formulas: awslabs/amazon-eks-ami (kube-reserved CPU: 6 % of the first
/// core, 1 % of the second, 0.5 % of cores 3-4, 0.25 % of every further core; kube-reserved memory:
/// 11 MiB x max pods + 255 MiB; eviction at 100 MiB free). Max pods: the VPC CNI formula
/// ENIs x (IPv4 per ENI - 1) + 2 (amazon-eks-ami eni-max-pods.txt), with the EC2 per-type ENI limits.
/// VM overhead: Karpenter's default of 7.5 % of nominal memory not visible to the kernel
/// (karpenter.sh settings, vmMemoryOverheadPercent).
/// </summary>
public static class EksNodeCapacity
{
    public const string Source = "awslabs/amazon-eks-ami kube-reserved formulas and eni-max-pods.txt; EC2 ENI limits per type; Karpenter vmMemoryOverheadPercent 0.075";

    public const decimal VmMemoryOverhead = 0.075m;

    public const int EvictionMemoryMiB = 100;

    /// <summary>ENIs and IPv4 addresses per ENI of the node types considered (EC2 User Guide, IP addresses per network interface).</summary>
    private static readonly IReadOnlyDictionary<string, (int Enis, int IpsPerEni)> Enis = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["c7i.large"] = (3, 10),
        ["c7i.xlarge"] = (4, 15),
        ["c7i.2xlarge"] = (4, 15),
        ["c7i.4xlarge"] = (8, 30),
        ["c7i.8xlarge"] = (8, 30),
        ["m7i.large"] = (3, 10),
        ["m7i.xlarge"] = (4, 15),
        ["m7i.2xlarge"] = (4, 15),
        ["m7i.4xlarge"] = (8, 30),
        // Types an app-instance override may name; they size the pod, they are not offered as node types.
        ["t3.medium"] = (3, 6),
        ["t3.large"] = (3, 12),
        ["c6i.large"] = (3, 10),
        ["c6i.xlarge"] = (4, 15),
        ["c6i.2xlarge"] = (4, 15),
        ["c6i.4xlarge"] = (8, 30),
        ["c6i.8xlarge"] = (8, 30),
        ["m6in.8xlarge"] = (8, 30),
    };

    /// <summary>Instance types a node group may use: the current compute and general-purpose generations (c7i, m7i).</summary>
    public static IEnumerable<string> NodeTypes =>
        Enis.Keys.Where(t => t.StartsWith("c7i.", StringComparison.Ordinal) || t.StartsWith("m7i.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static bool IsKnown(string instanceType) => Enis.ContainsKey(instanceType);

    public static int MaxPods(string instanceType)
    {
        var (enis, ips) = Enis.TryGetValue(instanceType, out var e) ? e : throw new KeyNotFoundException($"no ENI limits for '{instanceType}'");
        return enis * (ips - 1) + 2;
    }

    /// <summary>kube-reserved CPU in millicores for a node with <paramref name="vcpus"/> cores.</summary>
    public static int KubeReservedCpu(int vcpus)
    {
        decimal m = 0;
        for (var core = 1; core <= vcpus; core++)
            m += core switch { 1 => 60m, 2 => 10m, 3 or 4 => 5m, _ => 2.5m };
        return (int)Math.Ceiling(m);
    }

    /// <summary>kube-reserved memory in MiB for a node that runs at most <paramref name="maxPods"/> pods.</summary>
    public static int KubeReservedMemory(int maxPods) => 11 * maxPods + 255;

    /// <summary>Memory the kernel of an instance with <paramref name="memoryGiB"/> nominal memory reports.</summary>
    public static int CapacityMemory(decimal memoryGiB) => (int)Math.Floor(memoryGiB * 1024 * (1 - VmMemoryOverhead));

    public static NodeShape Shape(string instanceType)
    {
        var t = InstanceTypes.Get(instanceType);
        var maxPods = MaxPods(instanceType);
        var daemonSets = KubernetesSystemPods.DaemonSets;
        return new NodeShape(
            instanceType, t.VCpus, t.MemoryGiB, maxPods, CapacityMemory(t.MemoryGiB),
            KubeReservedCpu(t.VCpus), KubeReservedMemory(maxPods), EvictionMemoryMiB,
            daemonSets.Sum(d => d.CpuMillicores), daemonSets.Sum(d => d.MemoryMiB), daemonSets.Count);
    }
}
