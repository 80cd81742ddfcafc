using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Network;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>
/// MM-K8S-004: Mattermost's namespace denies by default (ingress and egress), pod traffic to the gossip
/// port 8074 is allowed only from Mattermost pods, and on EKS the VPC CNI enforces NetworkPolicies at all.
/// </summary>
public sealed class NetworkIsolationPolicy : KubernetesPolicyBase
{
    public override string Id => "MM-K8S-004";
    public override string Name => "Default-deny NetworkPolicy, enforced; gossip only between Mattermost pods";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["K8S.NETPOL"];
    public override string HelpUri => "https://kubernetes.io/docs/concepts/services-networking/network-policies/";

    public override string Guideline =>
        "In Mattermost's namespace declare a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules (default deny), then " +
        "allow only what Mattermost needs (security-baseline.md §4.2). A rule admitting traffic to port 8074 (by number, range, the container " +
        "port's name, or no port at all) may name only Mattermost pods (podSelector with the operator's labels, no namespaceSelector or ipBlock). " +
        "On EKS NetworkPolicies are enforced only when the vpc-cni add-on runs with configurationValues enableNetworkPolicy \"true\" " +
        "(security-baseline.md §4.2); without it every policy is ignored.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!HasKubernetes(ctx)) { yield return NoKubernetes(); yield break; }
        var mattermosts = KubernetesObjects.Mattermosts(ctx.Graph).ToList();
        if (mattermosts.Count == 0) { yield return Finding.NotApplicable("(stack)", "no Mattermost resource"); yield break; }
        var policies = KubernetesObjects.OfKind(ctx.Graph, "NetworkPolicy").ToList();
        foreach (var mm in mattermosts)
        {
            var ns = NamespaceOf(mm);
            var labels = KubernetesObjects.PodLabels(mm);
            var gossipNames = GossipPortNames(mm);
            var inNs = policies.Where(p => (p.Namespace ?? "default") == ns).ToList();
            var denyAll = inNs.FirstOrDefault(p => KubernetesObjects.SelectsAll(p.Spec["podSelector"])
                && Texts(p.Spec["policyTypes"]).Contains("Ingress") && Texts(p.Spec["policyTypes"]).Contains("Egress")
                && !Items(p.Spec["ingress"]).Any() && !Items(p.Spec["egress"]).Any());
            var problems = new List<string>();
            if (denyAll is null) problems.Add($"no default-deny NetworkPolicy (podSelector {{}}, Ingress and Egress, no rules) in namespace {ns}");
            foreach (var p in inNs.Where(p => KubernetesObjects.SelectsAll(p.Spec["podSelector"]) || KubernetesObjects.Selects(p.Spec["podSelector"], labels)))
                foreach (var rule in Items(p.Spec["ingress"]).OfType<MapValue>())
                {
                    var ports = Items(rule["ports"]).OfType<MapValue>().ToList();
                    if (ports.Count > 0 && !ports.Any(port => OpensGossip(port, gossipNames))) continue;
                    var what = ports.Count == 0 ? "every port" : $"port {GossipPolicy.GossipPort}";
                    var peers = Items(rule["from"]).OfType<MapValue>().ToList();
                    if (peers.Count == 0) { problems.Add($"{p.Name} admits anyone to {what}"); continue; }
                    foreach (var peer in peers)
                        if (peer["ipBlock"] is not null || peer["namespaceSelector"] is not null || !KubernetesObjects.Selects(peer["podSelector"], labels))
                            problems.Add($"{p.Name} admits a peer other than Mattermost pods to {what}");
                }
            yield return Finding.Check(problems.Count == 0, mm.Node.Name, mm.Node.Type,
                $"namespace {ns}: default deny ({denyAll?.Name}); {GossipPolicy.GossipPort} only from Mattermost pods", string.Join("; ", problems.Distinct()));
        }
        foreach (var f in PolicyAgent(ctx)) yield return f;
    }

    /// <summary>A NetworkPolicy port entry covers the gossip port: its number, a range around it, its name on the pod, or no port (all of that protocol).</summary>
    private static bool OpensGossip(MapValue port, IReadOnlySet<string> gossipNames)
    {
        var p = port["port"];
        if (p is null) return true;
        if (Number(p) is { } number)
            return number == GossipPolicy.GossipPort || (number <= GossipPolicy.GossipPort && Number(port["endPort"]) >= GossipPolicy.GossipPort);
        return Text(p) is { } name && gossipNames.Contains(name);
    }

    /// <summary>Names the Mattermost pods give port 8074 (spec.podExtensions.containerPorts), which a NetworkPolicy may use instead of the number.</summary>
    private static HashSet<string> GossipPortNames(KubeObject mattermost) =>
        Items(mattermost.Spec.At("podExtensions.containerPorts")).OfType<MapValue>()
            .Where(c => Number(c["containerPort"]) == GossipPolicy.GossipPort)
            .Select(c => Text(c["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>On EKS, the VPC CNI's network policy agent must be on, or no NetworkPolicy above is enforced.</summary>
    private static IEnumerable<Finding> PolicyAgent(PolicyContext ctx)
    {
        foreach (var cluster in ctx.Facts.OfTypes(AwsTypes.EksCluster))
        {
            var cni = ctx.Facts.ReferencedThrough(cluster.Name, "clusterName", AwsTypes.EksAddon).FirstOrDefault(a => Text(a.Properties["addonName"]) == "vpc-cni");
            if (cni is null)
            {
                yield return Finding.Fail(cluster.Name, cluster.Type, "no vpc-cni add-on of this program turns on the network policy agent: EKS does not enforce NetworkPolicies by default");
                continue;
            }
            var values = PolicyDocuments.Document(cni.Properties["configurationValues"]);
            var on = Bool(values?["enableNetworkPolicy"]) == true;
            yield return Finding.Check(on, cni.Name, cni.Type, "vpc-cni runs the network policy agent (enableNetworkPolicy), so the NetworkPolicies are enforced",
                "vpc-cni without enableNetworkPolicy \"true\" in configurationValues: the cluster ignores every NetworkPolicy");
        }
    }
}
