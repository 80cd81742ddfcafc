using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Network;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>
/// MM-K8S-004: Mattermost's namespace denies by default (ingress and egress), and pod traffic to the gossip
/// port 8074 is allowed only from Mattermost pods.
/// </summary>
public sealed class NetworkIsolationPolicy : KubernetesPolicyBase
{
    public override string Id => "MM-K8S-004";
    public override string Name => "Default-deny NetworkPolicy; gossip only between Mattermost pods";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["K8S.NETPOL"];
    public override string HelpUri => "https://kubernetes.io/docs/concepts/services-networking/network-policies/";

    public override string Guideline =>
        "In Mattermost's namespace declare a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules (default deny), then " +
        "allow only what Mattermost needs (security-baseline.md §4.2). A rule admitting traffic to port 8074 may name only Mattermost pods " +
        "(podSelector with the operator's labels, no namespaceSelector or ipBlock). On EKS the VPC CNI's network policy agent must be enabled.";

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
                    var opensGossip = ports.Count == 0 || ports.Any(port => Number(port["port"]) == GossipPolicy.GossipPort || (Number(port["port"]) <= GossipPolicy.GossipPort && Number(port["endPort"]) >= GossipPolicy.GossipPort));
                    if (!opensGossip) continue;
                    var peers = Items(rule["from"]).OfType<MapValue>().ToList();
                    if (peers.Count == 0) { problems.Add($"{p.Name} admits anyone to {(ports.Count == 0 ? "every port" : $"port {GossipPolicy.GossipPort}")}"); continue; }
                    foreach (var peer in peers)
                        if (peer["ipBlock"] is not null || peer["namespaceSelector"] is not null || !KubernetesObjects.Selects(peer["podSelector"], labels))
                            problems.Add($"{p.Name} admits a peer other than Mattermost pods to {(ports.Count == 0 ? "every port" : $"port {GossipPolicy.GossipPort}")}");
                }
            yield return Finding.Check(problems.Count == 0, mm.Node.Name, mm.Node.Type,
                $"namespace {ns}: default deny ({denyAll?.Name}); {GossipPolicy.GossipPort} only from Mattermost pods", string.Join("; ", problems.Distinct()));
        }
    }
}
