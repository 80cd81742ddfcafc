namespace Infra.Core.Sizing;

/// <summary>
/// The per-pod envelope Mattermost publishes for its app pods on Kubernetes, as data with its sources. The
/// sizing chooses the pod's CPU request inside it; nothing outside it is offered.
/// </summary>
public static class MattermostPodGuidance
{
    public const string Source =
        "mattermost-operator apis/mattermost/v1alpha1/clusterinstallation_sizes.go (mattermost-sizing.md Table 9: the largest preset, 25000users, " +
        "requests 1000m / 4Gi and is limited to 4000m / 16Gi; mattermost-cloud's provisionerXL scales out with more such pods instead of larger ones); " +
        "mattermost-operator pkg/mattermost/constants.go (rolling updates: maxUnavailable 0, maxSurge 1)";

    /// <summary>The smallest CPU request: the largest preset's request (25000users, 1000m); the smaller presets are for installations below 10,000 users.</summary>
    public const int MinCpuMillicores = 1000;

    /// <summary>The largest CPU request, and every pod's CPU limit: the largest preset's limit (4000m).</summary>
    public const int MaxCpuMillicores = 4000;

    /// <summary>The largest memory a pod may be given: the largest preset's memory limit (16Gi).</summary>
    public const int MaxMemoryMiB = 16 * 1024;

    /// <summary>
    /// Memory per requested vCPU: what a c7i node, the reference architectures' app node (mattermost-sizing.md
    /// Table 1), offers pods per vCPU it offers once the OS and kubelet take their share (c7i.large: 3114 MiB for
    /// 1805m; c7i.xlarge: 6584 MiB for 3795m), so that a pod gets the memory a load-tested app node had per core.
    /// </summary>
    public const int MemoryMiBPerVcpu = 1725;

    /// <summary>Pods the operator adds during a rolling update (maxSurge 1 with maxUnavailable 0): the nodes must have room for one more.</summary>
    public const int SurgePods = 1;

    public static int MemoryFor(int cpuMillicores) => Math.Min(MaxMemoryMiB, (int)Math.Ceiling(cpuMillicores * MemoryMiBPerVcpu / 1000m));
}
