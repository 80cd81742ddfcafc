using Infra.Core.Graph;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>
/// Hand-made Kubernetes-tier graphs in the shapes the Kubernetes app tier declares: EKS cluster and node group,
/// a namespace with Pod Security labels, the Mattermost custom resource inside a kubernetes:yaml/v2:ConfigGroup,
/// NetworkPolicies and a PodDisruptionBudget.
/// </summary>
internal static class KubernetesGraphs
{
    public const string Ns = "mattermost";

    public static ResourceNode Namespace(string name = Ns, string? level = "restricted") =>
        N($"ns-{name}", "kubernetes:core/v1:Namespace", ("metadata", V.Map(("name", name),
            ("labels", level is null ? null : V.Map(("pod-security.kubernetes.io/enforce", level))))));

    public static MapValue RestrictedPodTemplate() => V.Map(
        ("securityContext", V.Map(("runAsNonRoot", true), ("runAsUser", 2000), ("seccompProfile", V.Map(("type", "RuntimeDefault"))))),
        ("containerSecurityContext", V.Map(("allowPrivilegeEscalation", false), ("capabilities", V.Map(("drop", V.Strings(["ALL"])))))));

    public static MapValue Mattermost(int replicas = 2, MapValue? podTemplate = null, MapValue? resources = null) => V.Map(
        ("apiVersion", "installation.mattermost.com/v1beta1"),
        ("kind", "Mattermost"),
        ("metadata", V.Map(("name", "mm"), ("namespace", Ns))),
        ("spec", V.Map(
            ("replicas", replicas),
            ("podTemplate", podTemplate ?? RestrictedPodTemplate()),
            ("scheduling", V.Map(
                ("resources", resources ?? V.Map(
                    ("requests", V.Map(("cpu", "2"), ("memory", "4Gi"))),
                    ("limits", V.Map(("cpu", "4"), ("memory", "8Gi"))))),
                ("affinity", ZoneAntiAffinity()))))));

    /// <summary>Keeps the installation's pods in different zones (preferred), as the Kubernetes tier declares it.</summary>
    public static MapValue ZoneAntiAffinity() => V.Map(("podAntiAffinity", V.Map(("preferredDuringSchedulingIgnoredDuringExecution", V.List(V.Map(
        ("weight", 100),
        ("podAffinityTerm", V.Map(
            ("labelSelector", V.Map(("matchLabels", V.Map(("app", "mattermost"), ("installation.mattermost.com/installation", "mm"))))),
            ("topologyKey", "topology.kubernetes.io/zone")))))))));

    public static ResourceNode ConfigGroup(MapValue mattermost) =>
        N("mattermostInstallation", "kubernetes:yaml/v2:ConfigGroup", ("objs", V.List(mattermost)));

    public static ResourceNode DenyAll() =>
        N("denyAll", "kubernetes:networking.k8s.io/v1:NetworkPolicy", ("metadata", V.Map(("name", "deny-all"), ("namespace", Ns))),
            ("spec", V.Map(("podSelector", MapValue.Empty), ("policyTypes", V.Strings(["Ingress", "Egress"])))));

    public static ResourceNode Gossip(MapValue from) =>
        N("gossip", "kubernetes:networking.k8s.io/v1:NetworkPolicy", ("metadata", V.Map(("name", "gossip"), ("namespace", Ns))),
            ("spec", V.Map(
                ("podSelector", V.Map(("matchLabels", V.Map(("app", "mattermost"))))),
                ("policyTypes", V.Strings(["Ingress"])),
                ("ingress", V.List(V.Map(("from", V.List(from)), ("ports", V.List(V.Map(("port", 8074), ("protocol", "TCP")), V.Map(("port", 8074), ("protocol", "UDP"))))))))));

    public static MapValue MattermostPods => V.Map(("podSelector", V.Map(("matchLabels", V.Map(("installation.mattermost.com/installation", "mm"))))));

    public static ResourceNode Pdb(Value minAvailable) =>
        N("pdb", "kubernetes:policy/v1:PodDisruptionBudget", ("metadata", V.Map(("name", "mm"), ("namespace", Ns))),
            ("spec", V.Map(("minAvailable", minAvailable), ("selector", V.Map(("matchLabels", V.Map(("app", "mattermost"), ("installation.mattermost.com/installation", "mm"))))))));

    public static ResourceNode Eks(params (string Key, Value? Value)[] extra) =>
        N("eks", "aws:eks/cluster:Cluster", [("vpcConfig", V.Map(("endpointPrivateAccess", true), ("endpointPublicAccess", false))),
            ("enabledClusterLogTypes", V.Strings(["api", "audit", "authenticator"])), .. extra]);

    /// <summary>Namespace, Mattermost resource, default deny, gossip only between Mattermost pods, and a PDB: every Kubernetes policy passes.</summary>
    public static ResourceGraph Compliant(int replicas = 2) => Build(
        Namespace(), ConfigGroup(Mattermost(replicas)), DenyAll(), Gossip(MattermostPods), Pdb(1));
}
