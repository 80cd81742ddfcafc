namespace Infra.Core.Components.Kubernetes;

/// <summary>pulumi-kubernetes 4.x type tokens used by the Kubernetes tier (exact tokens, checked against the provider schema).</summary>
public static class KubernetesTypes
{
    public const string Provider = "pulumi:providers:kubernetes";
    public const string Namespace = "kubernetes:core/v1:Namespace";
    public const string ServiceAccount = "kubernetes:core/v1:ServiceAccount";
    public const string Secret = "kubernetes:core/v1:Secret";
    public const string ConfigMap = "kubernetes:core/v1:ConfigMap";
    public const string NetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    public const string PodDisruptionBudget = "kubernetes:policy/v1:PodDisruptionBudget";
    public const string HelmRelease = "kubernetes:helm.sh/v3:Release";

    /// <summary>
    /// Pulumi YAML cannot name a custom resource's type (nor the SDK-side CustomResource overlay); a
    /// ConfigGroup's <c>objs</c> creates custom resources such as the operator's <c>Mattermost</c> instead.
    /// </summary>
    public const string ConfigGroup = "kubernetes:yaml/v2:ConfigGroup";

    /// <summary>Component of the EKS cluster, its node groups, add-ons and the provider that targets it.</summary>
    public const string ClusterComponent = ComponentTypes.KubernetesCluster;
}
