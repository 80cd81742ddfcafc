namespace Infra.Core.Components.Kubernetes;

/// <summary>A Helm chart pinned to one version, with where that version was read.</summary>
public sealed record HelmChart(string Name, string Repository, string Version, string AppVersion, string Source);

/// <summary>
/// The charts the Kubernetes tier installs, pinned: a new chart version is a reviewed change here, never a
/// surprise at deployment time. Versions are the newest in each project's repository snapshot.
/// </summary>
public static class HelmCharts
{
    /// <summary>The chart whose CRD <see cref="MattermostCrd"/> was read from; its CRD is what the cluster validates against.</summary>
    public static readonly HelmChart MattermostOperator = new("mattermost-operator", "https://helm.mattermost.com", "1.0.5", "v1.25.4",
        "mattermost/mattermost-helm fa193d03 (2026-04-22) charts/mattermost-operator/Chart.yaml");

    public static readonly HelmChart AwsLoadBalancerController = new("aws-load-balancer-controller", "https://aws.github.io/eks-charts", "3.5.0", "v3.5.0",
        "aws/eks-charts 52396092 (2026-08-03) stable/aws-load-balancer-controller/Chart.yaml");

    public static readonly HelmChart ExternalSecrets = new("external-secrets", "https://charts.external-secrets.io", "2.9.0", "v2.9.0",
        "external-secrets/external-secrets cc5bfbc2 (2026-08-08) deploy/charts/external-secrets/Chart.yaml");

    public static readonly HelmChart Reloader = new("reloader", "https://stakater.github.io/stakater-charts", "2.2.16", "v1.4.21",
        "stakater/Reloader 655a2b38 (2026-08-10) deployments/kubernetes/chart/reloader/Chart.yaml");

    public static IReadOnlyList<HelmChart> All { get; } = [MattermostOperator, AwsLoadBalancerController, ExternalSecrets, Reloader];
}
