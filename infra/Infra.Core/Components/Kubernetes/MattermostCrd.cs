namespace Infra.Core.Components.Kubernetes;

/// <summary>The OpenAPI type of a CRD field. <see cref="Map"/> fields take any keys (labels, annotations, resource quantities).</summary>
public enum CrdType { String, Integer, Boolean, Array, Object, Map, IntOrString }

/// <summary>One field of the CRD's schema: a dotted path below the object, <c>[]</c> marking the items of an array.</summary>
public sealed record CrdField(string Path, CrdType Type, IReadOnlyList<string>? Required = null);

/// <summary>
/// The fields of the Mattermost Operator's <c>Mattermost</c> CRD that this tool sets, as data, each read
/// from the CRD the pinned chart installs (the cluster validates and prunes against that CRD, so a field
/// it lacks would be dropped silently). Adding a field to <see cref="MattermostResource"/> means looking it
/// up there and adding it here; the tests refuse any field, type or missing required field not listed.
/// The operator's newer fields (for example spec.database.readinessCheck, added after v1.25.4) are not in
/// this CRD and must not be used with this chart.
/// </summary>
public static class MattermostCrd
{
    public const string Group = "installation.mattermost.com";
    public const string Version = "v1beta1";
    public const string Kind = "Mattermost";

    public static readonly string Source =
        $"mattermost/mattermost-helm fa193d03 charts/mattermost-operator/crds/crd-mattermosts.yaml (chart {HelmCharts.MattermostOperator.Version}, operator {HelmCharts.MattermostOperator.AppVersion}), {Group}/{Version}";

    public static readonly IReadOnlyList<CrdField> Fields =
    [
        new("spec.awsLoadBalancerController", CrdType.Object),
        new("spec.awsLoadBalancerController.annotations", CrdType.Map),
        new("spec.awsLoadBalancerController.certificateARN", CrdType.String),
        new("spec.awsLoadBalancerController.enabled", CrdType.Boolean),
        new("spec.awsLoadBalancerController.hosts", CrdType.Array),
        new("spec.awsLoadBalancerController.hosts[]", CrdType.Object),
        new("spec.awsLoadBalancerController.hosts[].hostName", CrdType.String),
        new("spec.awsLoadBalancerController.ingressClassName", CrdType.String),
        new("spec.awsLoadBalancerController.internetFacing", CrdType.Boolean),
        new("spec.database", CrdType.Object),
        new("spec.database.external", CrdType.Object),
        new("spec.database.external.secret", CrdType.String),
        new("spec.elasticSearch", CrdType.Object),
        new("spec.elasticSearch.host", CrdType.String),
        new("spec.fileStore", CrdType.Object),
        new("spec.fileStore.external", CrdType.Object),
        new("spec.fileStore.external.bucket", CrdType.String),
        new("spec.fileStore.external.url", CrdType.String),
        new("spec.fileStore.external.useServiceAccount", CrdType.Boolean),
        new("spec.image", CrdType.String),
        new("spec.licenseSecret", CrdType.String),
        new("spec.mattermostEnv", CrdType.Array),
        new("spec.mattermostEnv[]", CrdType.Object, Required: ["name"]),
        new("spec.mattermostEnv[].name", CrdType.String),
        new("spec.mattermostEnv[].value", CrdType.String),
        new("spec.mattermostEnv[].valueFrom", CrdType.Object),
        new("spec.mattermostEnv[].valueFrom.secretKeyRef", CrdType.Object, Required: ["key"]),
        new("spec.mattermostEnv[].valueFrom.secretKeyRef.key", CrdType.String),
        new("spec.mattermostEnv[].valueFrom.secretKeyRef.name", CrdType.String),
        new("spec.podExtensions", CrdType.Object),
        new("spec.podExtensions.containerPorts", CrdType.Array),
        new("spec.podExtensions.containerPorts[]", CrdType.Object, Required: ["containerPort"]),
        new("spec.podExtensions.containerPorts[].containerPort", CrdType.Integer),
        new("spec.podExtensions.containerPorts[].name", CrdType.String),
        new("spec.podExtensions.containerPorts[].protocol", CrdType.String),
        new("spec.podTemplate", CrdType.Object),
        new("spec.podTemplate.containerSecurityContext", CrdType.Object),
        new("spec.podTemplate.containerSecurityContext.allowPrivilegeEscalation", CrdType.Boolean),
        new("spec.podTemplate.containerSecurityContext.capabilities", CrdType.Object),
        new("spec.podTemplate.containerSecurityContext.capabilities.drop", CrdType.Array),
        new("spec.podTemplate.containerSecurityContext.capabilities.drop[]", CrdType.String),
        new("spec.podTemplate.containerSecurityContext.runAsNonRoot", CrdType.Boolean),
        new("spec.podTemplate.extraLabels", CrdType.Map),
        new("spec.podTemplate.securityContext", CrdType.Object),
        new("spec.podTemplate.securityContext.fsGroup", CrdType.Integer),
        new("spec.podTemplate.securityContext.runAsGroup", CrdType.Integer),
        new("spec.podTemplate.securityContext.runAsNonRoot", CrdType.Boolean),
        new("spec.podTemplate.securityContext.runAsUser", CrdType.Integer),
        new("spec.podTemplate.securityContext.seccompProfile", CrdType.Object, Required: ["type"]),
        new("spec.podTemplate.securityContext.seccompProfile.type", CrdType.String),
        new("spec.replicas", CrdType.Integer),
        new("spec.scheduling", CrdType.Object),
        new("spec.scheduling.affinity", CrdType.Object),
        new("spec.scheduling.affinity.podAntiAffinity", CrdType.Object),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", CrdType.Array),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[]", CrdType.Object, Required: ["podAffinityTerm", "weight"]),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm", CrdType.Object, Required: ["topologyKey"]),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.labelSelector", CrdType.Object),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.labelSelector.matchLabels", CrdType.Map),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.topologyKey", CrdType.String),
        new("spec.scheduling.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[].weight", CrdType.Integer),
        new("spec.scheduling.resources", CrdType.Object),
        new("spec.scheduling.resources.limits", CrdType.Map),
        new("spec.scheduling.resources.requests", CrdType.Map),
        new("spec.updateJob", CrdType.Object),
        new("spec.updateJob.extraLabels", CrdType.Map),
        new("spec.version", CrdType.String),
    ];

    private static readonly Dictionary<string, CrdField> ByPath = Fields.ToDictionary(f => f.Path, StringComparer.Ordinal);

    public static CrdField? Find(string path) => ByPath.GetValueOrDefault(path);
}
