using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// The Mattermost namespace's network policies (security-baseline.md §4.2): deny everything, then allow
/// only the ALB to the pods on 8065, pod to pod gossip on 8074 (TCP and UDP), DNS to CoreDNS, PostgreSQL
/// to the database subnets and HTTPS to public AWS endpoints (S3 through the gateway endpoint, STS for the
/// pods' IAM roles, the push proxy). Enforced by the VPC CNI's network policy agent (enableNetworkPolicy).
/// </summary>
public static class MattermostNetworkPolicies
{
    public static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

    private const string PortsDoc = "mattermost-sizing.md Table 11";

    /// <summary>Adds the policies and returns their node names.</summary>
    public static IReadOnlyList<string> Build(ComponentScope c, EnvironmentBlueprint bp, EksClusterRefs cluster, bool withSearch)
    {
        var names = new List<string>();
        var app = V.Map(("matchLabels", V.Map((MattermostResource.PodLabelKey, MattermostResource.PodLabelValue))));
        var options = cluster.OnCluster(MattermostInstallation.NamespaceNode);
        void Policy(string name, string policyName, MapValue spec, string reason)
        {
            c.Add(name, KubernetesTypes.NetworkPolicy, V.Map(
                ("metadata", V.Map(("name", policyName), ("namespace", MattermostInstallation.Namespace))),
                ("spec", spec)), reason, options);
            names.Add(name);
        }
        static MapValue Port(int port, string protocol = "TCP") => V.Map(("port", port), ("protocol", protocol));
        static MapValue Block(string cidr, params string[] except) =>
            V.Map(("ipBlock", V.Map(("cidr", cidr), ("except", except.Length == 0 ? null : V.Strings(except)))));

        Policy("mattermostDefaultDeny", "default-deny", V.Map(
                ("podSelector", MapValue.Empty),
                ("policyTypes", V.Strings(["Ingress", "Egress"]))),
            "default deny: no pod of the namespace sends or receives anything that a policy below does not allow (security-baseline.md §4.2)");

        var publicSubnets = bp.SubnetsOf(SubnetTier.Public).Select(sn => sn.CidrBlock).ToList();
        Policy("mattermostAllowFromLoadBalancer", "allow-from-load-balancer", V.Map(
                ("podSelector", app),
                ("policyTypes", V.Strings(["Ingress"])),
                ("ingress", V.List(V.Map(
                    ("from", V.List(publicSubnets.Select(cidr => (Value)Block(cidr)))),
                    ("ports", V.List(Port(8065))))))),
            $"the ALB (in the public subnets {string.Join(", ", publicSubnets)}) reaches the pods' HTTP/WebSocket port 8065 and health-checks it; nothing else ({PortsDoc})");

        var gossipPorts = V.List(Port(8074, "TCP"), Port(8074, "UDP"));
        Policy("mattermostAllowGossip", "allow-cluster-gossip", V.Map(
                ("podSelector", app),
                ("policyTypes", V.Strings(["Ingress", "Egress"])),
                ("ingress", V.List(V.Map(("from", V.List(V.Map(("podSelector", app)))), ("ports", gossipPorts)))),
                ("egress", V.List(V.Map(("to", V.List(V.Map(("podSelector", app)))), ("ports", gossipPorts))))),
            $"cluster gossip 8074 over TCP and UDP between Mattermost pods only (ClusterSettings.GossipPort; {PortsDoc})");

        Policy("mattermostAllowDns", "allow-dns", V.Map(
                ("podSelector", MapValue.Empty),
                ("policyTypes", V.Strings(["Egress"])),
                ("egress", V.List(V.Map(
                    ("to", V.List(V.Map(
                        ("namespaceSelector", V.Map(("matchLabels", V.Map(("kubernetes.io/metadata.name", "kube-system"))))),
                        ("podSelector", V.Map(("matchLabels", V.Map(("k8s-app", "kube-dns")))))))),
                    ("ports", V.List(Port(53, "UDP"), Port(53, "TCP"))))))),
            "every pod of the namespace (the app and the operator's update jobs) may ask CoreDNS, and no other DNS server");

        var databaseSubnets = bp.SubnetsOf(SubnetTier.Database).Select(sn => sn.CidrBlock).ToList();
        Policy("mattermostAllowDatabase", "allow-database", V.Map(
                ("podSelector", app),
                ("policyTypes", V.Strings(["Egress"])),
                ("egress", V.List(V.Map(
                    ("to", V.List(databaseSubnets.Select(cidr => (Value)Block(cidr)))),
                    ("ports", V.List(Port(5432))))))),
            $"PostgreSQL 5432 to the database subnets ({string.Join(", ", databaseSubnets)}) only");

        foreach (var service in NetworkComponent.AppServices(bp.Settings))
            Policy($"mattermostAllow{service.Name}", $"allow-{service.Name.ToLowerInvariant()}", V.Map(
                    ("podSelector", app),
                    ("policyTypes", V.Strings(["Egress"])),
                    ("egress", V.List(V.Map(
                        ("to", V.List(service.Networks.Select(cidr => (Value)Block(cidr)))),
                        ("ports", V.List(Port(service.Port))))))),
                $"{service.Description}: {service.Port} to {string.Join(", ", service.Networks)} only ({service.Setting})");

        var https = new List<Value> { V.Map(("to", V.List(Block("0.0.0.0/0", PrivateRanges))), ("ports", V.List(Port(443)))) };
        if (withSearch)
            https.Add(V.Map(
                ("to", V.List(bp.SubnetsOf(SubnetTier.Private).Select(sn => (Value)Block(sn.CidrBlock)))),
                ("ports", V.List(Port(443)))));
        Policy("mattermostAllowHttpsEgress", "allow-https-egress", V.Map(
                ("podSelector", app),
                ("policyTypes", V.Strings(["Egress"])),
                ("egress", V.List(https))),
            "HTTPS 443 to public addresses only: S3 (its public ranges, routed through the gateway endpoint), STS for the pods' IAM roles, the push notification service" +
            (withSearch ? "; and OpenSearch in the private subnets" : "") + "; no other address inside the VPC");

        return names;
    }
}
