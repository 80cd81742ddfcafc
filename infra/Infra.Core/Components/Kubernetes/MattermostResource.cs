using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Sizing;

namespace Infra.Core.Components.Kubernetes;

/// <summary>What the Mattermost custom resource is built from besides the blueprint.</summary>
/// <param name="LoadBalancerSecurityGroupId">The network's load balancer group, put on the ALB so the client CIDR rules apply.</param>
/// <param name="LicenseSecret">Name of the Kubernetes Secret holding the licence, when the stack has one.</param>
public sealed record MattermostResourceInputs(
    Value BucketName,
    Value LoadBalancerSecurityGroupId,
    Value? SearchEndpoint,
    string DatabaseSecret,
    string? LicenseSecret);

/// <summary>
/// The operator's <c>Mattermost</c> resource (installation.mattermost.com/v1beta1), as an object for a
/// ConfigGroup's <c>objs</c>. Every field it sets is one of <see cref="MattermostCrd.Fields"/>: the tests
/// hold the spec to the CRD of the pinned operator chart.
/// </summary>
public static class MattermostResource
{
    public const string ApiVersion = "installation.mattermost.com/v1beta1";
    public const string Kind = "Mattermost";

    /// <summary>The operator names the Deployment, Service, ingress and the service account it expects after the installation.</summary>
    public const string InstallationName = "mattermost";

    public const string Image = "mattermost/mattermost-enterprise-edition";

    /// <summary>Label put on the app pods and the operator's update-job pods; the network policies select it.</summary>
    public const string PodLabelKey = "app.kubernetes.io/name";

    public const string PodLabelValue = "mattermost";

    /// <summary>Labels only the app pods carry (the operator's own), for the disruption budget and anti-affinity.</summary>
    public static MapValue AppPodSelector => V.Map(("app", "mattermost"), ("installation.mattermost.com/installation", InstallationName));

    /// <summary>The site's ALB name: fixed, so that operators can find it (at most 32 characters).</summary>
    public static string LoadBalancerName(EnvironmentBlueprint bp) => bp.Prefix.Length <= 32 ? bp.Prefix : bp.Prefix[..32].TrimEnd('-');

    /// <summary>The app's Mattermost settings, as environment variables (the same settings the VM tier's boot script writes).</summary>
    public static IReadOnlyList<(string Name, Value Value)> Environment(EnvironmentBlueprint bp, bool withSearch)
    {
        var s = bp.Settings;
        var env = new List<(string, Value)>
        {
            ("MM_SERVICESETTINGS_SITEURL", s.SiteUrl),
            ("MM_SERVICESETTINGS_LISTENADDRESS", ":8065"),
            ("MM_SQLSETTINGS_MAXOPENCONNS", SizingEngine.MaxOpenConnsPerDataSource.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("MM_SQLSETTINGS_MAXIDLECONNS", (SizingEngine.MaxOpenConnsPerDataSource / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("MM_FILESETTINGS_AMAZONS3REGION", s.Region),
            ("MM_FILESETTINGS_AMAZONS3SSE", "false"),
            ("MM_CLUSTERSETTINGS_CLUSTERNAME", bp.Prefix),
            ("MM_CLUSTERSETTINGS_GOSSIPPORT", "8074"),
            ("MM_CLUSTERSETTINGS_USEIPADDRESS", "true"),
            ("MM_CLUSTERSETTINGS_ENABLEGOSSIPENCRYPTION", "true"),
            ("MM_LOGSETTINGS_CONSOLEJSON", "true"),
            ("MM_LOGSETTINGS_ENABLEFILE", "false"),
        };
        if (withSearch)
        {
            env.Add(("MM_ELASTICSEARCHSETTINGS_BACKEND", "opensearch"));
            env.Add(("MM_ELASTICSEARCHSETTINGS_ENABLEAUTOCOMPLETE", "true"));
        }
        return env;
    }

    /// <summary>
    /// Mattermost's own configuration (<c>mattermost:app</c>): plain settings as values, secret ones by reference to the
    /// keys of the Secret External Secrets fills from Secrets Manager (<see cref="MattermostAppSecretSync"/>). Kubernetes
    /// expands <c>$(NAME)</c> in a container's env values and reduces <c>$$</c> to <c>$</c>, so every <c>$</c> is written
    /// doubled to reach Mattermost as it is.
    /// </summary>
    public static IEnumerable<Value> AppEnvironment(EnvironmentBlueprint bp) =>
        MattermostAppSecrets.Variables(bp).Select(v => (Value)(v.Secret is null
            ? V.Map(("name", v.EnvVar), ("value", v.Value!.Replace("$", "$$", StringComparison.Ordinal)))
            : V.Map(("name", v.EnvVar), ("valueFrom", V.Map(("secretKeyRef", V.Map(("name", MattermostAppSecretSync.SecretName), ("key", v.EnvVar))))))));

    public static MapValue Build(EnvironmentBlueprint bp, KubernetesSizingPlan k, MattermostResourceInputs inputs)
    {
        var s = bp.Settings;
        var podLabels = V.Map((PodLabelKey, PodLabelValue));
        var spreadTerm = (string topologyKey) => V.Map(
            ("labelSelector", V.Map(("matchLabels", AppPodSelector))),
            ("topologyKey", topologyKey));
        var albAttributes = string.Join(",",
            "idle_timeout.timeout_seconds=600",
            "routing.http.drop_invalid_header_fields.enabled=true",
            "routing.http.desync_mitigation_mode=defensive",
            $"deletion_protection.enabled={(s.IsProduction ? "true" : "false")}");

        var spec = V.Map(
            ("image", Image),
            ("version", s.MattermostVersion),
            ("replicas", k.Replicas),
            ("licenseSecret", inputs.LicenseSecret is { } license ? new StringValue(license) : null),
            ("mattermostEnv", V.List([
                .. Environment(bp, inputs.SearchEndpoint is not null).Select(e => (Value)V.Map(("name", e.Name), ("value", e.Value))),
                .. AppEnvironment(bp)])),
            ("awsLoadBalancerController", V.Map(
                ("enabled", true),
                ("ingressClassName", "alb"),
                ("internetFacing", true),
                ("certificateARN", s.CertificateArn),
                ("hosts", V.List(V.Map(("hostName", s.DomainName)))),
                ("annotations", V.Map(
                    ("alb.ingress.kubernetes.io/load-balancer-name", LoadBalancerName(bp)),
                    ("alb.ingress.kubernetes.io/security-groups", inputs.LoadBalancerSecurityGroupId),
                    ("alb.ingress.kubernetes.io/manage-backend-security-group-rules", "false"),
                    ("alb.ingress.kubernetes.io/target-type", "ip"),
                    ("alb.ingress.kubernetes.io/ssl-policy", VmAppTierComponent.TlsPolicy),
                    ("alb.ingress.kubernetes.io/healthcheck-path", "/api/v4/system/ping"),
                    ("alb.ingress.kubernetes.io/success-codes", "200"),
                    ("alb.ingress.kubernetes.io/load-balancer-attributes", albAttributes),
                    ("alb.ingress.kubernetes.io/target-group-attributes", "deregistration_delay.timeout_seconds=30"))))),
            ("fileStore", V.Map(("external", V.Map(
                ("url", $"s3.{s.Region}.amazonaws.com"),
                ("bucket", inputs.BucketName),
                ("useServiceAccount", true))))),
            ("database", V.Map(("external", V.Map(("secret", inputs.DatabaseSecret))))),
            ("elasticSearch", inputs.SearchEndpoint is { } search ? V.Map(("host", V.Concat("https://", search))) : null),
            ("scheduling", V.Map(
                ("resources", V.Map(
                    ("requests", V.Map(("cpu", $"{k.PodCpuRequestMillicores}m"), ("memory", $"{k.PodMemoryMiB}Mi"))),
                    ("limits", V.Map(("cpu", $"{k.PodCpuLimitMillicores}m"), ("memory", $"{k.PodMemoryMiB}Mi"))))),
                ("affinity", V.Map(("podAntiAffinity", V.Map(
                    ("preferredDuringSchedulingIgnoredDuringExecution", V.List(
                        V.Map(("weight", 100), ("podAffinityTerm", spreadTerm("topology.kubernetes.io/zone"))),
                        V.Map(("weight", 50), ("podAffinityTerm", spreadTerm("kubernetes.io/hostname"))))))))))),
            ("podTemplate", V.Map(
                ("extraLabels", podLabels),
                ("securityContext", V.Map(
                    ("runAsNonRoot", true),
                    ("runAsUser", 2000),
                    ("runAsGroup", 2000),
                    ("fsGroup", 2000),
                    ("seccompProfile", V.Map(("type", "RuntimeDefault"))))),
                ("containerSecurityContext", V.Map(
                    ("allowPrivilegeEscalation", false),
                    ("capabilities", V.Map(("drop", V.Strings(["ALL"])))),
                    ("runAsNonRoot", true))))),
            ("updateJob", V.Map(("extraLabels", podLabels))),
            ("podExtensions", V.Map(("containerPorts", V.List(
                V.Map(("name", "gossip-tcp"), ("containerPort", 8074), ("protocol", "TCP")),
                V.Map(("name", "gossip-udp"), ("containerPort", 8074), ("protocol", "UDP")))))));

        return V.Map(
            ("apiVersion", ApiVersion),
            ("kind", Kind),
            ("metadata", V.Map(
                ("name", InstallationName),
                ("namespace", MattermostInstallation.Namespace),
                ("annotations", V.Map(
                    // Pulumi waits until the operator reports the installation stable: pods updated and the ALB serving.
                    ("pulumi.com/waitFor", "jsonpath={.status.state}=stable"),
                    ("pulumi.com/timeoutSeconds", "1800"))))),
            ("spec", spec));
    }
}
