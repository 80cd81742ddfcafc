using Infra.Core.Blueprint;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;
using static Infra.Core.Components.Kubernetes.NetworkEndpoint;

namespace Infra.Core.Tests.Kubernetes;

public class NetworkPolicyTests
{
    private static readonly PodEndpoint App = Pod(MattermostInstallation.Namespace,
        (MattermostResource.PodLabelKey, MattermostResource.PodLabelValue), ("app", "mattermost"), ("installation.mattermost.com/installation", "mattermost"));

    private static readonly PodEndpoint UpdateJob = Pod(MattermostInstallation.Namespace,
        (MattermostResource.PodLabelKey, MattermostResource.PodLabelValue), ("app", "mattermost-update-check"));

    private static readonly PodEndpoint Stranger = Pod(MattermostInstallation.Namespace, ("app", "debug"));

    private static readonly PodEndpoint OtherNamespace = Pod("external-secrets", ("app.kubernetes.io/name", "mattermost"));

    private static readonly PodEndpoint CoreDns = Pod("kube-system", ("k8s-app", "kube-dns"));

    private static readonly PodEndpoint OtherSystemPod = Pod("kube-system", ("k8s-app", "metrics-server"));

    /// <summary>The first usable address of a subnet of the plan.</summary>
    private static AddressEndpoint In(StackPlan plan, SubnetTier tier, int zone = 0)
    {
        var cidr = plan.Blueprint.SubnetsOf(tier).ElementAt(zone).CidrBlock;
        var bytes = System.Net.IPNetwork.Parse(cidr).BaseAddress.GetAddressBytes();
        bytes[3] += 10;
        return new AddressEndpoint(new System.Net.IPAddress(bytes));
    }

    private static bool Allows(StackPlan p, NetworkEndpoint from, NetworkEndpoint to, int port, string protocol = "TCP") =>
        NetworkPolicyEvaluator.Allows(p.Graph, from, to, port, protocol);

    public static IEnumerable<object[]> Stacks => [["staging"], ["production"]];

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Only_the_load_balancer_subnets_reach_the_pods_and_only_on_8065(string stack)
    {
        var p = Repo.Plan(stack);
        for (var zone = 0; zone < p.Settings.AvailabilityZoneCount; zone++)
            Assert.True(Allows(p, In(p, SubnetTier.Public, zone), App, 8065));
        Assert.False(Allows(p, In(p, SubnetTier.Public), App, 8067)); // metrics stay inside
        Assert.False(Allows(p, In(p, SubnetTier.Public), App, 8074));
        Assert.False(Allows(p, Address("203.0.113.10"), App, 8065)); // clients come through the ALB, never straight
        Assert.False(Allows(p, In(p, SubnetTier.Private), App, 8065)); // nor from other nodes or pods' addresses
        Assert.False(Allows(p, Stranger, App, 8065));
        Assert.False(Allows(p, OtherNamespace, App, 8065));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Gossip_flows_between_mattermost_pods_over_tcp_and_udp_only(string stack)
    {
        var p = Repo.Plan(stack);
        Assert.True(Allows(p, App, App, 8074, "TCP"));
        Assert.True(Allows(p, App, App, 8074, "UDP"));
        Assert.False(Allows(p, App, App, 8075));
        Assert.False(Allows(p, Stranger, App, 8074));
        Assert.False(Allows(p, App, Stranger, 8074));
        Assert.False(Allows(p, OtherNamespace, App, 8074, "UDP"));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Pods_reach_the_database_subnets_on_5432_and_nothing_else_inside(string stack)
    {
        var p = Repo.Plan(stack);
        for (var zone = 0; zone < p.Settings.AvailabilityZoneCount; zone++)
            Assert.True(Allows(p, App, In(p, SubnetTier.Database, zone), 5432));
        Assert.False(Allows(p, App, In(p, SubnetTier.Database), 22));
        Assert.False(Allows(p, App, In(p, SubnetTier.Private), 5432));
        Assert.False(Allows(p, Stranger, In(p, SubnetTier.Database), 5432));
        Assert.False(Allows(p, App, In(p, SubnetTier.Public), 8065));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Dns_goes_to_coredns_only(string stack)
    {
        var p = Repo.Plan(stack);
        foreach (var pod in new[] { App, UpdateJob, Stranger })
        {
            Assert.True(Allows(p, pod, CoreDns, 53, "UDP"));
            Assert.True(Allows(p, pod, CoreDns, 53, "TCP"));
        }
        Assert.False(Allows(p, App, OtherSystemPod, 53, "UDP"));
        Assert.False(Allows(p, App, Address("8.8.8.8"), 53, "UDP"));
        Assert.False(Allows(p, App, CoreDns, 9153)); // CoreDNS metrics
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Https_leaves_for_public_endpoints_only(string stack)
    {
        var p = Repo.Plan(stack);
        Assert.True(Allows(p, App, Address("52.217.0.10"), 443)); // an S3 address, routed through the gateway endpoint
        Assert.False(Allows(p, App, Address("52.217.0.10"), 80));
        Assert.False(Allows(p, Stranger, Address("52.217.0.10"), 443));
        Assert.False(Allows(p, App, Address("172.20.0.1"), 443)); // the Kubernetes API service address
        Assert.False(Allows(p, App, In(p, SubnetTier.Database), 443));
        // OpenSearch lives in the private subnets: reachable on 443 exactly when the stack has search.
        Assert.Equal(p.Blueprint.Sizing.Search.Enabled, Allows(p, App, In(p, SubnetTier.Private), 443));
        Assert.False(Allows(KubernetesPlans.WithoutSearch(), App, In(p, SubnetTier.Private), 443));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Everything_else_is_denied_by_default(string stack)
    {
        var p = Repo.Plan(stack);
        var deny = p.Graph["mattermostDefaultDeny"].Properties;
        Assert.Equal(MapValue.Empty, ((MapValue)deny["spec"]!)["podSelector"]);
        Assert.False(Allows(p, Stranger, Address("52.217.0.10"), 443));
        Assert.False(Allows(p, In(p, SubnetTier.Public), Stranger, 8065));
        // Without the default deny, a stray pod would take any inbound traffic: the evaluator sees the difference.
        var open = p.Graph.Without("mattermostDefaultDeny");
        Assert.True(NetworkPolicyEvaluator.Allows(open, In(p, SubnetTier.Public), Stranger, 8065));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void The_installation_waits_for_every_policy(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var policies = g.OfType(KubernetesTypes.NetworkPolicy).Select(n => n.Name).ToList();
        Assert.Equal(6, policies.Count);
        Assert.Subset(g[MattermostInstallation.Installation].Options.DependsOn.ToHashSet(), policies.ToHashSet());
        // The VPC CNI enforces policies only with its network policy agent on.
        var cni = g["eksAddonVpcCni"].Properties["configurationValues"];
        Assert.Equal(V.Json(V.Map(("enableNetworkPolicy", "true"))), cni);
    }
}
