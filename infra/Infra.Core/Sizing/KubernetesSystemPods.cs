namespace Infra.Core.Sizing;

/// <summary>
/// A platform workload that shares the nodes with Mattermost. <see cref="PerNode"/> workloads are
/// DaemonSets (one pod on every node); the others are Deployments with <see cref="Replicas"/> pods.
/// The requests are the ones the cluster really gets: the EKS add-ons' own, or the values this tool sets
/// on the Helm releases (the component reads them from here, so sizing and deployment cannot drift).
/// </summary>
public sealed record SystemWorkload(string Name, string Namespace, bool PerNode, int Replicas, int CpuMillicores, int MemoryMiB, string Source);

/// <summary>The platform workloads of the Kubernetes tier and their resource requests.</summary>
public static class KubernetesSystemPods
{
    private const string SetHere = "requests set by this tool in the Helm values";

    public static readonly SystemWorkload VpcCni = new("aws-node", "kube-system", true, 1, 25, 0,
        "EKS vpc-cni add-on DaemonSet (aws/amazon-vpc-cni-k8s config: requests cpu 25m)");

    public static readonly SystemWorkload KubeProxy = new("kube-proxy", "kube-system", true, 1, 100, 0,
        "EKS kube-proxy add-on DaemonSet (requests cpu 100m)");

    public static readonly SystemWorkload CoreDns = new("coredns", "kube-system", false, 2, 100, 70,
        "EKS coredns add-on Deployment (2 replicas, requests cpu 100m, memory 70Mi)");

    public static readonly SystemWorkload LoadBalancerController = new("aws-load-balancer-controller", "kube-system", false, 2, 100, 128, SetHere);

    public static readonly SystemWorkload ExternalSecrets = new("external-secrets", "external-secrets", false, 1, 50, 128, SetHere);

    public static readonly SystemWorkload ExternalSecretsWebhook = new("external-secrets-webhook", "external-secrets", false, 1, 20, 64, SetHere);

    public static readonly SystemWorkload ExternalSecretsCertController = new("external-secrets-cert-controller", "external-secrets", false, 1, 20, 64, SetHere);

    public static readonly SystemWorkload Reloader = new("reloader", "reloader", false, 1, 10, 64, SetHere);

    public static readonly SystemWorkload MattermostOperator = new("mattermost-operator", "mattermost-operator", false, 1, 0, 0,
        "mattermost-operator chart 1.0.5: the chart has no resources setting, so the pod requests nothing (BestEffort)");

    public static IReadOnlyList<SystemWorkload> DaemonSets { get; } = [VpcCni, KubeProxy];

    public static IReadOnlyList<SystemWorkload> Deployments { get; } =
        [CoreDns, LoadBalancerController, ExternalSecrets, ExternalSecretsWebhook, ExternalSecretsCertController, Reloader, MattermostOperator];

    /// <summary>Every Deployment pod, one entry per replica, largest first (the order a first-fit packer wants).</summary>
    public static IEnumerable<SystemWorkload> DeploymentPods() =>
        Deployments.SelectMany(d => Enumerable.Repeat(d, d.Replicas))
            .OrderByDescending(d => d.CpuMillicores).ThenByDescending(d => d.MemoryMiB).ThenBy(d => d.Name, StringComparer.Ordinal);

    public static int DeploymentCpu => Deployments.Sum(d => d.Replicas * d.CpuMillicores);

    public static int DeploymentMemory => Deployments.Sum(d => d.Replicas * d.MemoryMiB);
}
