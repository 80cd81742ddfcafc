using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Tests.Policies.KubernetesGraphs;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>
/// Pass/fail pairs for what the policies read on the Kubernetes tier, in the shapes the tier declares: IRSA
/// trust policies joined as text, the ALB the load balancer controller builds from the Mattermost resource's
/// ingress annotations, named ports and the VPC CNI's policy agent, every namespace's Pod Security label,
/// node groups through their launch template, zone anti-affinity and the Mattermost resource's file store.
/// </summary>
public class KubernetesTierPolicyTests
{
    private static Outcome[] Outcomes(ResourceGraph g, string policy, SizingBasis? load = null) =>
        [.. Results(Context(g, load), policy).Where(r => r.Outcome != Outcome.NotApplicable).Select(r => r.Outcome).Distinct()];

    private static void Passes(ResourceGraph g, string policy, SizingBasis? load = null) => Assert.Equal([Outcome.Pass], Outcomes(g, policy, load));

    private static void Fails(ResourceGraph g, string policy, SizingBasis? load = null) => Assert.Contains(Outcome.Fail, Outcomes(g, policy, load));

    private static string FailureText(ResourceGraph g, string policy, SizingBasis? load = null) =>
        string.Join("\n", Results(Context(g, load), policy).Where(r => r.Outcome == Outcome.Fail).Select(r => r.Message));

    private static MapValue Edit(MapValue mattermost, Value? value, params string[] path) => SetAt(mattermost, path, value);

    // ---- IRSA (MM-IAM-002) -----------------------------------------------------------------------

    private static ResourceGraph PodRole(Value trust) => Build([
        N("oidc", "aws:iam/openIdConnectProvider:OpenIdConnectProvider"),
        .. Bucket(),
        N("podRole", "aws:iam/role:Role", ("assumeRolePolicy", trust)),
        N("podPolicy", "aws:iam/rolePolicy:RolePolicy", ("role", Id("podRole")), ("policy", V.Json(V.Map(("Statement", V.List(
            V.Map(("Effect", "Allow"), ("Action", V.Strings(["s3:GetObject"])), ("Resource", V.List(V.Concat(Arn("files"), "/*"))))))))))]);

    private static Value Trust(string condition, string subject) => V.Join("",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"", V.Ref("oidc", "arn"),
        "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"" + condition + "\":{\"", Irsa.IssuerHost("oidc"),
        ":sub\":\"" + subject + "\"}}}]}");

    [Fact]
    public void A_pod_role_is_a_workload_role_read_from_its_joined_trust_policy_and_names_one_service_account()
    {
        var g = PodRole(Irsa.TrustPolicy("oidc", "mattermost", "mattermost"));
        Passes(g, "MM-IAM-002");
        Assert.Contains("assumed only by mattermost/mattermost", Results(Context(g), "MM-IAM-002").Single().Message);
    }

    [Theory]
    [InlineData("StringLike", "system:serviceaccount:*")]
    [InlineData("StringLike", "system:serviceaccount:mattermost:*")]
    [InlineData("StringEquals", "")]
    public void A_pod_role_any_service_account_may_assume_fails(string condition, string subject)
    {
        var trust = subject.Length == 0
            ? V.Join("", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"", V.Ref("oidc", "arn"), "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}")
            : Trust(condition, subject);
        Fails(PodRole(trust), "MM-IAM-002");
        Assert.Contains("any service account", FailureText(PodRole(trust), "MM-IAM-002"));
    }

    [Fact]
    public void A_pod_role_with_an_exact_subject_under_string_like_passes()
    {
        Passes(PodRole(Trust("StringLike", "system:serviceaccount:mattermost:mattermost")), "MM-IAM-002");
    }

    [Fact]
    public void A_pod_role_reaching_beyond_the_stack_fails_even_with_a_scoped_trust()
    {
        var g = PodRole(Irsa.TrustPolicy("oidc", "mattermost", "mattermost"));
        g = With(g, "podPolicy", "policy", V.Json(V.Map(("Statement", V.List(V.Map(("Effect", "Allow"), ("Action", V.Strings(["s3:GetObject"])), ("Resource", "arn:aws:s3:::*/*")))))));
        Fails(g, "MM-IAM-002");
    }

    [Fact]
    public void Joined_json_reads_back_with_references_and_computed_parts()
    {
        var statements = PolicyDocuments.Statements(Irsa.TrustPolicy("oidc", "ns", "sa"));

        var s = Assert.Single(statements);
        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], s.Actions);
        Assert.Equal(V.Ref("oidc", "arn"), ((MapValue)s.Principal!)["Federated"]);
        var equals = (MapValue)((MapValue)s.Condition!)["StringEquals"]!;
        Assert.Equal(new StringValue("system:serviceaccount:ns:sa"), equals[PolicyDocuments.Computed + ":sub"]);
    }

    // ---- the ingress-built ALB (MM-DATA-003, MM-NET-008, MM-NET-011) ----------------------------

    private const string Cert = "arn:aws:acm:us-east-1:111122223333:certificate/x";

    private static MapValue WithAlb(MapValue mattermost, string? certificate = Cert, params (string Name, string Value)[] annotations) =>
        Edit(mattermost, V.Map(
            ("enabled", true),
            ("certificateARN", certificate is null ? null : new StringValue(certificate)),
            ("annotations", V.Map([.. annotations.Select(a => new KeyValuePair<string, Value>("alb.ingress.kubernetes.io/" + a.Name, a.Value))]))),
            "spec", "awsLoadBalancerController");

    private static readonly (string, string)[] Hardened =
    [
        ("ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        ("load-balancer-attributes", "routing.http.drop_invalid_header_fields.enabled=true,routing.http.desync_mitigation_mode=defensive,access_logs.s3.enabled=true,access_logs.s3.bucket=logs"),
    ];

    private static ResourceGraph Alb(MapValue mattermost) => Build(Namespace(), ConfigGroup(mattermost));

    [Fact]
    public void The_operators_alb_with_a_certificate_a_modern_policy_and_hardened_attributes_passes()
    {
        var g = Alb(WithAlb(Mattermost(), Cert, Hardened));
        Passes(g, "MM-DATA-003");
        Passes(g, "MM-NET-008");
        Passes(g, "MM-NET-011");
        Assert.Contains("HTTP 80, HTTPS 443", Results(Context(g), "MM-DATA-003").Single().Message);
    }

    [Fact]
    public void The_operators_alb_without_a_certificate_serves_plain_http_on_8065()
    {
        var g = Alb(WithAlb(Mattermost(), certificate: null, Hardened));
        Fails(g, "MM-DATA-003");
        Assert.Contains("HTTP on 8065 serves traffic without TLS", FailureText(g, "MM-DATA-003"));
    }

    [Fact]
    public void The_operators_alb_without_an_ssl_policy_gets_the_controllers_tls_1_0_default()
    {
        var g = Alb(WithAlb(Mattermost(), Cert, Hardened[1]));
        Fails(g, "MM-DATA-003");
        Assert.Contains("ELBSecurityPolicy-2016-08 (the controller's default), which allows TLS below 1.2", FailureText(g, "MM-DATA-003"));
    }

    [Fact]
    public void An_alb_ingress_listening_on_http_without_a_redirect_fails()
    {
        Value Annotations(string ports, string? redirect) => V.Map(
            ("alb.ingress.kubernetes.io/certificate-arn", Cert), ("alb.ingress.kubernetes.io/listen-ports", ports),
            ("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            ("alb.ingress.kubernetes.io/ssl-redirect", redirect is null ? null : new StringValue(redirect)));
        ResourceGraph Ingress(string ports, string? redirect) => Build(N("ing", "kubernetes:networking.k8s.io/v1:Ingress",
            ("metadata", V.Map(("name", "web"), ("annotations", Annotations(ports, redirect)))), ("spec", V.Map(("ingressClassName", "alb")))));

        Passes(Ingress("[{\"HTTP\": 80}, {\"HTTPS\": 443}]", "443"), "MM-DATA-003");
        Fails(Ingress("[{\"HTTP\": 80}, {\"HTTPS\": 443}]", null), "MM-DATA-003");
    }

    [Theory]
    [InlineData("idle_timeout.timeout_seconds=600")]
    [InlineData("routing.http.drop_invalid_header_fields.enabled=true,routing.http.desync_mitigation_mode=monitor")]
    public void The_operators_alb_keeping_invalid_headers_or_only_monitoring_desync_fails(string attributes)
    {
        Fails(Alb(WithAlb(Mattermost(), Cert, Hardened[0], ("load-balancer-attributes", attributes))), "MM-NET-008");
    }

    [Fact]
    public void The_operators_alb_without_access_logs_fails_the_advisory_policy()
    {
        Fails(Alb(WithAlb(Mattermost(), Cert, Hardened[0], ("load-balancer-attributes", "routing.http.drop_invalid_header_fields.enabled=true"))), "MM-NET-011");
    }

    // ---- NetworkPolicies (MM-K8S-004) -----------------------------------------------------------

    private static MapValue GossipPorts() => Edit(Mattermost(), V.List(
        V.Map(("name", "gossip-tcp"), ("containerPort", 8074), ("protocol", "TCP")),
        V.Map(("name", "gossip-udp"), ("containerPort", 8074), ("protocol", "UDP"))), "spec", "podExtensions", "containerPorts");

    private static ResourceNode Rule(Value ports, MapValue from) =>
        N("gossip", "kubernetes:networking.k8s.io/v1:NetworkPolicy", ("metadata", V.Map(("name", "gossip"), ("namespace", Ns))),
            ("spec", V.Map(("podSelector", V.Map(("matchLabels", V.Map(("app", "mattermost"))))), ("policyTypes", V.Strings(["Ingress"])),
                ("ingress", V.List(V.Map(("from", V.List(from)), ("ports", ports)))))));

    [Fact]
    public void Gossip_opened_by_port_name_or_a_portless_rule_to_another_peer_fails()
    {
        var vpc = V.Map(("ipBlock", V.Map(("cidr", "10.0.0.0/8"))));
        Passes(Build(Namespace(), ConfigGroup(GossipPorts()), DenyAll(), Rule(V.List(V.Map(("port", "gossip-udp"), ("protocol", "UDP"))), MattermostPods)), "MM-K8S-004");
        Fails(Build(Namespace(), ConfigGroup(GossipPorts()), DenyAll(), Rule(V.List(V.Map(("port", "gossip-udp"), ("protocol", "UDP"))), vpc)), "MM-K8S-004");
        Fails(Build(Namespace(), ConfigGroup(GossipPorts()), DenyAll(), Rule(V.List(V.Map(("protocol", "UDP"))), vpc)), "MM-K8S-004");
        // A named port that is not the gossip port opens nothing of interest here.
        Passes(Build(Namespace(), ConfigGroup(GossipPorts()), DenyAll(), Rule(V.List(V.Map(("port", "http"), ("protocol", "TCP"))), vpc)), "MM-K8S-004");
    }

    private static ResourceGraph OnEks(Value? cniValues) => Build([
        Eks(), Namespace(), ConfigGroup(Mattermost()), DenyAll(), Gossip(MattermostPods),
        .. cniValues is null ? [] : new[] { N("cni", "aws:eks/addon:Addon", ("clusterName", V.Ref("eks", "name")), ("addonName", "vpc-cni"), ("configurationValues", cniValues)) },
    ]);

    [Fact]
    public void On_eks_the_vpc_cni_must_run_the_network_policy_agent()
    {
        Passes(OnEks(V.Json(V.Map(("enableNetworkPolicy", "true")))), "MM-K8S-004");
        Passes(OnEks("{\"enableNetworkPolicy\":\"true\"}"), "MM-K8S-004");
        Fails(OnEks(V.Json(V.Map(("enableNetworkPolicy", "false")))), "MM-K8S-004");
        Fails(OnEks(null), "MM-K8S-004");
        Assert.Contains("does not enforce NetworkPolicies by default", FailureText(OnEks(null), "MM-K8S-004"));
    }

    // ---- Pod Security (MM-K8S-001) --------------------------------------------------------------

    [Fact]
    public void Every_namespace_the_program_creates_enforces_restricted()
    {
        Passes(Build(Namespace(), Namespace("external-secrets"), ConfigGroup(Mattermost())), "MM-K8S-001");
        var g = Build(Namespace(), Namespace("external-secrets", "privileged"), ConfigGroup(Mattermost()));
        Fails(g, "MM-K8S-001");
        Assert.Contains("namespace external-secrets enforces privileged; restricted is required in every namespace the program creates", FailureText(g, "MM-K8S-001"));
    }

    // ---- node groups (MM-DATA-001, MM-CMP-001) ---------------------------------------------------

    private static ResourceGraph Nodes(int? hopLimit, bool launchTemplate = true) => Build([
        N("nodeKey", "aws:kms/key:Key", ("enableKeyRotation", true)),
        N("lt", "aws:ec2/launchTemplate:LaunchTemplate",
            ("metadataOptions", V.Map(("httpTokens", "required"), ("httpPutResponseHopLimit", hopLimit is { } h ? new NumberValue(h) : null))),
            ("blockDeviceMappings", V.List(V.Map(("deviceName", "/dev/xvda"), ("ebs", V.Map(("encrypted", "true"), ("kmsKeyId", Arn("nodeKey")))))))),
        N("nodes", "aws:eks/nodeGroup:NodeGroup", ("launchTemplate", launchTemplate ? V.Map(("id", Id("lt")), ("version", V.Ref("lt", "latestVersion"))) : null)),
    ]);

    [Fact]
    public void Node_group_volumes_are_encrypted_through_their_launch_template()
    {
        Passes(Nodes(1), "MM-DATA-001");
        var g = Nodes(1, launchTemplate: false);
        Fails(g, "MM-DATA-001");
        Assert.Contains("EBS volumes of the Kubernetes nodes: no launch template of this program", FailureText(g, "MM-DATA-001"));
    }

    [Fact]
    public void Node_metadata_with_a_hop_limit_above_one_lets_pods_borrow_the_node_role()
    {
        Passes(Nodes(1), "MM-CMP-001");
        Passes(Nodes(null), "MM-CMP-001");
        Fails(Nodes(2), "MM-CMP-001");
        Assert.Contains("launch template lt: httpPutResponseHopLimit is 2", FailureText(Nodes(2), "MM-CMP-001"));
    }

    // ---- zone loss and storage (MM-SIZE-004, MM-SIZE-005) ----------------------------------------

    private static ResourceGraph Tier(MapValue mattermost) => Build([
        .. Subnets("priv", "none", "a", "b", "c"),
        N("nodes", "aws:eks/nodeGroup:NodeGroup", ("instanceTypes", V.Strings(["c7i.xlarge"])),
            ("scalingConfig", V.Map(("desiredSize", 3), ("minSize", 3), ("maxSize", 4))),
            ("subnetIds", V.List(Id("priva"), Id("privb"), Id("privc")))),
        ConfigGroup(mattermost),
    ]);

    [Fact]
    public void Replicas_count_as_spread_over_zones_only_with_zone_anti_affinity()
    {
        Passes(Tier(Mattermost(3)), "MM-SIZE-004", Load(2000));
        var g = Tier(Edit(Mattermost(3), null, "spec", "scheduling", "affinity"));
        Fails(g, "MM-SIZE-004", Load(2000));
        Assert.Contains("the scheduler may put them all in one zone", FailureText(g, "MM-SIZE-004", Load(2000)));
        // Anti-affinity on the node name alone spreads over nodes, not zones.
        var hostTerm = V.Map(("labelSelector", V.Map(("matchLabels", V.Map(("app", "mattermost"))))), ("topologyKey", "kubernetes.io/hostname"));
        var byHost = Edit(Mattermost(3), V.Map(("podAntiAffinity", V.Map(("requiredDuringSchedulingIgnoredDuringExecution", V.List(hostTerm))))),
            "spec", "scheduling", "affinity");
        Fails(Tier(byHost), "MM-SIZE-004", Load(2000));
    }

    [Fact]
    public void Storage_on_kubernetes_is_where_the_mattermost_resource_keeps_its_files()
    {
        // Load(...) forecasts at most 100 GiB.
        Passes(Tier(Edit(Mattermost(), V.Map(("url", "s3.us-east-1.amazonaws.com"), ("bucket", "files")), "spec", "fileStore", "external")), "MM-SIZE-005", Load(2000));
        Passes(Tier(Edit(Mattermost(), V.Map(("enabled", true), ("storageSize", "200Gi")), "spec", "fileStore", "local")), "MM-SIZE-005", Load(2000));
        var minio = Tier(Mattermost());
        Fails(minio, "MM-SIZE-005", Load(2000));
        Assert.Contains("the operator-managed MinIO (the operator's default without an external store) of 50 GiB", FailureText(minio, "MM-SIZE-005", Load(2000)));
        Fails(Tier(Edit(Mattermost(), V.Map(("enabled", true), ("storageSize", "1Ti")), "spec", "fileStore", "local")), "MM-SIZE-005", Load(2000, storageHigh: 2000));
    }
}
