using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Sizing;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// The platform the Mattermost installation stands on, each from a pinned Helm chart and each pod with the
/// requests <see cref="KubernetesSystemPods"/> sized the nodes for: the AWS Load Balancer Controller (the
/// ALB in front of the pods), External Secrets (the database credentials, re-read after every RDS
/// rotation), Reloader (restarts the pods when those credentials change) and the Mattermost Operator.
/// </summary>
public static class ClusterAddons
{
    public const string LoadBalancerController = "awsLoadBalancerController";
    public const string ExternalSecrets = "externalSecrets";
    public const string Reloader = "reloader";
    public const string Operator = "mattermostOperator";

    public const string LoadBalancerControllerServiceAccount = "aws-load-balancer-controller";

    public static void Build(EksClusterRefs cluster, EnvironmentBlueprint bp, NetworkRefs net)
    {
        var c = cluster.Scope;
        var s = bp.Settings;

        Irsa.Role(c, bp, "loadBalancerControllerRole", cluster.OidcProvider, "kube-system", LoadBalancerControllerServiceAccount,
            "the AWS Load Balancer Controller manages the site's ALB");
        c.Add("loadBalancerControllerPolicy", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref("loadBalancerControllerRole", "id")),
            ("policy", LoadBalancerControllerPolicy.Document(s.Region))),
            "least privilege: read the VPC and certificates, change only the load balancers it tagged for this cluster; no security group, WAF or Shield rights");
        var lbc = KubernetesSystemPods.LoadBalancerController;
        Release(c, cluster, LoadBalancerController, HelmCharts.AwsLoadBalancerController, "kube-system", V.Map(
                ("clusterName", cluster.ClusterName),
                ("region", s.Region),
                ("vpcId", net.VpcId),
                ("replicaCount", lbc.Replicas),
                ("serviceAccount", V.Map(
                    ("create", true),
                    ("name", LoadBalancerControllerServiceAccount),
                    ("annotations", V.Map(("eks.amazonaws.com/role-arn", V.Ref("loadBalancerControllerRole", "arn")))))),
                ("resources", Resources(lbc, memoryLimitMiB: lbc.MemoryMiB * 2)),
                ("defaultTargetType", "ip"),
                ("enableServiceMutatorWebhook", false),
                ("enableBackendSecurityGroup", false),
                ("enableShield", false),
                ("enableWaf", false),
                ("enableWafv2", false),
                ("defaultTags", V.StringMap(bp.Tags)),
                ("podDisruptionBudget", V.Map(("maxUnavailable", 1)))),
            $"{lbc.Replicas} replicas turn the installation's ingress into an internet-facing ALB in the public subnets that sends traffic straight to pod IPs; it tags what it creates with the stack's tags",
            "loadBalancerControllerPolicy");

        Namespace(c, cluster, bp, "externalSecretsNamespace", "external-secrets", "External Secrets Operator");
        var eso = KubernetesSystemPods.ExternalSecrets;
        Release(c, cluster, ExternalSecrets, HelmCharts.ExternalSecrets, "external-secrets", V.Map(
                ("installCRDs", true),
                ("resources", Resources(eso, eso.MemoryMiB * 2)),
                ("webhook", V.Map(("resources", Resources(KubernetesSystemPods.ExternalSecretsWebhook, KubernetesSystemPods.ExternalSecretsWebhook.MemoryMiB * 2)))),
                ("certController", V.Map(("resources", Resources(KubernetesSystemPods.ExternalSecretsCertController, KubernetesSystemPods.ExternalSecretsCertController.MemoryMiB * 2))))),
            "syncs the app's database credentials from Secrets Manager into a Kubernetes Secret, every few minutes, so a rotated password arrives without any person or program handling it",
            "externalSecretsNamespace");

        Namespace(c, cluster, bp, "reloaderNamespace", "reloader", "Reloader");
        var reloader = KubernetesSystemPods.Reloader;
        Release(c, cluster, Reloader, HelmCharts.Reloader, "reloader", V.Map(
                ("reloader", V.Map(
                    ("watchGlobally", false),
                    ("namespaces", V.Strings([MattermostInstallation.Namespace])),
                    ("autoReloadAll", true),
                    ("reloadStrategy", "annotations"),
                    ("readOnlyRootFileSystem", true),
                    ("deployment", V.Map(
                        ("resources", Resources(reloader, reloader.MemoryMiB * 2)),
                        ("containerSecurityContext", RestrictedContainer())))))),
            "rolls the Mattermost pods (one at a time, within the disruption budget) when the synced database secret changes: the operator's Deployment cannot carry Reloader's annotation, so it watches only the Mattermost namespace and reloads everything there",
            "reloaderNamespace", MattermostInstallation.NamespaceNode);

        Namespace(c, cluster, bp, "mattermostOperatorNamespace", "mattermost-operator", "the Mattermost Operator");
        Release(c, cluster, Operator, HelmCharts.MattermostOperator, "mattermost-operator", V.Map(
                ("mattermostOperator", V.Map(("replicas", KubernetesSystemPods.MattermostOperator.Replicas))),
                ("podSecurityContext", V.Map(
                    ("runAsNonRoot", true),
                    ("runAsUser", 65532),
                    ("runAsGroup", 65532),
                    ("seccompProfile", V.Map(("type", "RuntimeDefault"))))),
                ("securityContext", RestrictedContainer())),
            $"the Mattermost Operator {HelmCharts.MattermostOperator.AppVersion} and its CRDs (installation.mattermost.com/v1beta1); its image runs as the distroless nonroot user, named by UID so that runAsNonRoot can be checked",
            "mattermostOperatorNamespace");
    }

    /// <summary>A namespace held to the restricted Pod Security Standard (security-baseline.md §4.1).</summary>
    public static string Namespace(ComponentScope c, EksClusterRefs cluster, EnvironmentBlueprint bp, string node, string name, string purpose) =>
        c.Add(node, KubernetesTypes.Namespace, V.Map(
            ("metadata", V.Map(
                ("name", name),
                ("labels", RestrictedLabels(bp))))),
            $"namespace of {purpose}; the restricted Pod Security Standard is enforced, audited and warned on (security-baseline.md §4.1)",
            cluster.OnCluster()).Name;

    public static MapValue RestrictedLabels(EnvironmentBlueprint bp)
    {
        var version = "v" + bp.Settings.KubernetesVersion;
        return V.Map(
            ("pod-security.kubernetes.io/enforce", "restricted"),
            ("pod-security.kubernetes.io/enforce-version", version),
            ("pod-security.kubernetes.io/audit", "restricted"),
            ("pod-security.kubernetes.io/audit-version", version),
            ("pod-security.kubernetes.io/warn", "restricted"),
            ("pod-security.kubernetes.io/warn-version", version));
    }

    /// <summary>A container security context that meets the restricted profile.</summary>
    public static MapValue RestrictedContainer() => V.Map(
        ("allowPrivilegeEscalation", false),
        ("readOnlyRootFilesystem", true),
        ("capabilities", V.Map(("drop", V.Strings(["ALL"])))));

    private static MapValue Resources(SystemWorkload w, int memoryLimitMiB) => V.Map(
        ("requests", V.Map(("cpu", $"{w.CpuMillicores}m"), ("memory", $"{w.MemoryMiB}Mi"))),
        ("limits", V.Map(("memory", $"{memoryLimitMiB}Mi"))));

    private static void Release(ComponentScope c, EksClusterRefs cluster, string name, HelmChart chart, string ns, MapValue values, string reason, params string[] dependsOn) =>
        c.Add(name, KubernetesTypes.HelmRelease, V.Map(
            ("name", chart.Name),
            ("chart", chart.Name),
            ("version", chart.Version),
            ("repositoryOpts", V.Map(("repo", chart.Repository))),
            ("namespace", ns),
            ("values", values),
            ("atomic", true),
            ("cleanupOnFail", true),
            ("timeout", 600)),
            $"{chart.Name} chart {chart.Version} (app {chart.AppVersion}, pinned; {chart.Source}): {reason}",
            cluster.OnCluster(dependsOn));
}
