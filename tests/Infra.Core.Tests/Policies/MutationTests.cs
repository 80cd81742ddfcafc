using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>
/// Each default stack passes every mandatory policy; breaking one property per policy makes that policy
/// fail. Pilot runs the VM tier, staging and production the Kubernetes tier, so each tier breaks its own
/// resources (the launch template of the auto scaling group, or the EKS node launch template, the Mattermost
/// resource in its ConfigGroup, the NetworkPolicies, ...). Where a policy does not apply to a stack, the
/// stack says so in <see cref="NotApplicable"/>, and a test holds the policy to "not applicable" there.
/// </summary>
public class MutationTests
{
    private const string Vm = "vm";
    private const string Kubernetes = "kubernetes";

    /// <param name="Tier">The app tier whose resources the mutation breaks; null for resources both tiers build.</param>
    private sealed record Mutation(string Policy, string What, string? Tier, Func<StackPlan, ResourceGraph> Apply, Func<StackPlan, IEnumerable<Waiver>>? Waivers = null);

    // ---- helpers ---------------------------------------------------------------------------------

    private static ResourceGraph Nodes(StackPlan p, int nodes) =>
        With(With(p.Graph, "appAutoScalingGroup", "desiredCapacity", nodes), "appAutoScalingGroup", "minSize", nodes);

    private static ResourceGraph AddRule(ResourceGraph g, string name, string group, string proto, int from, int to, (string, Value) peer) =>
        g.WithAdded(N(name, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            ("securityGroupId", Id(group)), ("ipProtocol", proto), ("fromPort", from), ("toPort", to), peer) with { Options = new NodeOptions { Parent = "network" } });

    private static ResourceGraph AddStatement(ResourceGraph g, string policyNode, MapValue statement)
    {
        var policy = (FunctionValue)g[policyNode].Properties["policy"]!;
        var doc = (MapValue)policy.Argument;
        var statements = ((ListValue)doc["Statement"]!).Items.Add(statement);
        return With(g, policyNode, "policy", V.Json(doc.With("Statement", new ListValue(statements))));
    }

    /// <summary>The policy the app's own role carries: the instance role's on the VM tier, the files pod role's on Kubernetes.</summary>
    private static string AppRolePolicy(StackPlan p) => p.Settings.AppTier == AppTierKind.Vm ? "appRolePolicy" : "mattermostFilesPolicy";

    /// <summary>Sets a property of the Mattermost resource inside the mattermostInstallation ConfigGroup (path segments, as annotation keys hold dots).</summary>
    private static ResourceGraph Mattermost(ResourceGraph g, Value? value, params string[] path)
    {
        var node = g["mattermostInstallation"];
        var objs = ((ListValue)node.Properties["objs"]!).Items;
        var i = objs.IndexOf(objs.Single(o => o is MapValue m && m["kind"] is StringValue { Text: "Mattermost" }));
        var mattermost = SetAt((MapValue)objs[i], path, value);
        return g.With(node with { Properties = node.Properties.With("objs", new ListValue(objs.SetItem(i, mattermost))) });
    }

    /// <summary>
    /// Sets one Mattermost setting the way each tier hands it over: a line of the boot script's static environment file
    /// after the last app setting (a later line wins), or an entry of the Mattermost resource's environment.
    /// </summary>
    private static ResourceGraph Setting(StackPlan p, string variable, string value)
    {
        if (p.Settings.AppTier == AppTierKind.Vm)
        {
            const string anchor = "MM_TEAMSETTINGS_ENABLEOPENSERVER=\"false\"";
            return Catalog.GraphText.Replace(p.Graph, "appLaunchTemplate", anchor, $"{anchor}\n{variable}=\"{value}\"");
        }
        var node = p.Graph["mattermostInstallation"];
        var mattermost = (MapValue)((ListValue)node.Properties["objs"]!).Items.Single(o => o is MapValue m && m["kind"] is StringValue { Text: "Mattermost" });
        var env = ((ListValue)Infra.Core.Policies.Support.ValueRead.At(mattermost, "spec.mattermostEnv")!).Items.Where(e => e is MapValue m && m["name"] is StringValue s && s.Text != variable);
        return Mattermost(p.Graph, V.List([.. env, V.Map(("name", variable), ("value", value))]), "spec", "mattermostEnv");
    }

    private static ResourceGraph Annotation(ResourceGraph g, string name, Value value) =>
        Mattermost(g, value, "spec", "awsLoadBalancerController", "annotations", "alb.ingress.kubernetes.io/" + name);

    /// <summary>An IRSA trust policy that any service account of the cluster satisfies (StringLike on a wildcard subject).</summary>
    private static Value AnyServiceAccountTrust() => V.Join("",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"",
        V.Ref("eksOidcProvider", "arn"),
        "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\"",
        V.After("oidc-provider/", V.Ref("eksOidcProvider", "arn")),
        ":sub\":\"system:serviceaccount:*\"}}}]}");

    // ---- the mutations ---------------------------------------------------------------------------

    private static readonly Mutation[] All =
    [
        // Sizing
        new("MM-SIZE-001", "shrink the app to one node (none for the single-node pilot)", Vm, p => Nodes(p, p.Settings.HighAvailability ? 1 : 0)),
        new("MM-SIZE-001", "one Mattermost replica", Kubernetes, p => Mattermost(p.Graph, 1, "spec", "replicas")),
        new("MM-SIZE-002", "max_connections below what the app's pools open", null, p =>
            With(p.Graph, "databaseClusterParameters", "parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "1")), V.Map(("name", "max_connections"), ("value", "100"))))),
        new("MM-SIZE-003", "one search node", null, p => With(p.Graph, "searchDomain", "clusterConfig.instanceCount", 1)),
        new("MM-SIZE-004", "shrink the HA stack to one node", Vm, p => Nodes(p, 1)),
        new("MM-SIZE-004", "replicas below the zone-loss need (one)", Kubernetes, p => Mattermost(p.Graph, 1, "spec", "replicas")),
        new("MM-SIZE-004", "drop the replicas' zone anti-affinity", Kubernetes, p => Mattermost(p.Graph, null, "spec", "scheduling", "affinity")),
        new("MM-SIZE-005", "drop the S3 file store (files would stay on the 50 GiB app volume)", Vm, p =>
            p.Graph.Nodes.Where(n => n.Type.StartsWith("aws:s3/", StringComparison.Ordinal)).Aggregate(p.Graph, (g, n) => g.Without(n.Name))),
        new("MM-SIZE-005", "drop the external file store (the operator falls back to a 50Gi MinIO)", Kubernetes, p => Mattermost(p.Graph, null, "spec", "fileStore")),
        new("MM-SIZE-006", "twenty app nodes", Vm, p => Nodes(p, 20)),
        new("MM-SIZE-006", "twenty Mattermost replicas", Kubernetes, p => Mattermost(p.Graph, 20, "spec", "replicas")),
        new("MM-SIZE-007", "drop the last database reader (the one added for the zone rule)", null, p => p.Graph.Without($"databaseReader{p.Blueprint.Sizing.Database.Readers}")),

        // Network
        new("MM-NET-001", "open SSH to the world on the app nodes", null, p => AddRule(p.Graph, "sshFromWorld", "appSecurityGroup", "tcp", 22, 22, ("cidrIpv4", "0.0.0.0/0"))),
        new("MM-NET-002", "make the writer publicly accessible", null, p => With(p.Graph, "databaseWriter", "publiclyAccessible", true)),
        new("MM-NET-003", "let the office network reach Mattermost directly", null, p => AddRule(p.Graph, "appFromOffice", "appSecurityGroup", "tcp", 8065, 8065, ("cidrIpv4", "192.0.2.0/24"))),
        new("MM-NET-004", "let the load balancer reach every app port", null, p => With(p.Graph, "appFromLb", "toPort", 65535)),
        new("MM-NET-005", "remove the flow log", null, p => p.Graph.Without("flowLog")),
        new("MM-NET-006", "leave a rule on the default security group", null, p =>
            With(p.Graph, "defaultSecurityGroup", "ingress", V.List(V.Map(("protocol", "-1"), ("fromPort", 0), ("toPort", 0), ("self", true))))),
        new("MM-NET-007", "open the EKS API endpoint to the internet", Kubernetes, p => With(p.Graph, "eksCluster", "vpcConfig.endpointPublicAccess", true)),
        new("MM-NET-008", "accept invalid headers", Vm, p => With(p.Graph, "loadBalancer", "dropInvalidHeaderFields", false)),
        new("MM-NET-008", "ALB attributes without dropping invalid headers", Kubernetes, p => Annotation(p.Graph, "load-balancer-attributes", "idle_timeout.timeout_seconds=600")),
        new("MM-NET-009", "public IPs in a public subnet", null, p => With(p.Graph, "publicSubnetA", "mapPublicIpOnLaunch", true)),
        new("MM-NET-013", "the production ALB without deletion protection", Kubernetes, p => Annotation(p.Graph, "load-balancer-attributes",
            "idle_timeout.timeout_seconds=600,routing.http.drop_invalid_header_fields.enabled=true,routing.http.desync_mitigation_mode=defensive")),

        // Data protection
        new("MM-DATA-001", "turn off database encryption", null, p => With(p.Graph, "databaseCluster", "storageEncrypted", false)),
        new("MM-DATA-001", "no envelope encryption of Kubernetes secrets", Kubernetes, p => With(p.Graph, "eksCluster", "encryptionConfig", null)),
        new("MM-DATA-001", "node volumes without the customer key", Kubernetes, p =>
            With(p.Graph, "eksNodeLaunchTemplate", "blockDeviceMappings", V.List(V.Map(("deviceName", "/dev/xvda"), ("ebs", V.Map(("encrypted", "true"), ("volumeSize", 50))))))),
        new("MM-DATA-002", "stop rotating the files key", null, p => With(p.Graph, "filesKey", "enableKeyRotation", false)),
        new("MM-DATA-003", "TLS 1.0 on the HTTPS listener", Vm, p => With(p.Graph, "httpsListener", "sslPolicy", "ELBSecurityPolicy-2016-08")),
        new("MM-DATA-003", "TLS 1.0 on the ingress ALB", Kubernetes, p => Annotation(p.Graph, "ssl-policy", "ELBSecurityPolicy-2016-08")),
        new("MM-DATA-003", "no certificate: the operator's ingress serves plain HTTP on 8065", Kubernetes, p =>
            Mattermost(p.Graph, null, "spec", "awsLoadBalancerController", "certificateARN")),
        new("MM-DATA-004", "remove the TLS-only bucket policy", null, p => p.Graph.Without("filesBucketPolicy")),
        new("MM-DATA-005", "rds.force_ssl off", null, p =>
            With(p.Graph, "databaseClusterParameters", "parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "0")), V.Map(("name", "max_connections"), ("value", "5000"))))),
        new("MM-DATA-006", "drop the public access block", null, p => p.Graph.Without("filesBucketPublicAccessBlock")),
        new("MM-DATA-007", "suspend versioning", null, p => With(p.Graph, "filesBucketVersioning", "versioningConfiguration.status", "Suspended")),
        new("MM-DATA-008", "remove the backups (one day)", null, p => With(p.Graph, "databaseCluster", "backupRetentionPeriod", 1)),
        new("MM-DATA-009", "no deletion protection in production", null, p => With(p.Graph, "databaseCluster", "deletionProtection", false)),
        new("MM-DATA-010", "a master password in plain text", null, p => With(p.Graph, "databaseCluster", "masterPassword", "correct-horse-battery")),
        new("MM-DATA-011", "app logs kept forever", null, p => With(p.Graph, "appLogGroup", "retentionInDays", null)),
        new("MM-DATA-011", "let RDS create the exported log's group itself", null, p => p.Graph.Without("databaseLogGroup")),
        new("MM-DATA-012", "no access logging of the files bucket", null, p => p.Graph.Without("filesBucketLogging")),

        // Compute and identity
        new("MM-CMP-001", "allow IMDSv1", Vm, p => With(p.Graph, "appLaunchTemplate", "metadataOptions.httpTokens", "optional")),
        new("MM-CMP-001", "allow IMDSv1 on the EKS nodes", Kubernetes, p => With(p.Graph, "eksNodeLaunchTemplate", "metadataOptions.httpTokens", "optional")),
        new("MM-CMP-001", "let pods reach the node's metadata (hop limit 2)", Kubernetes, p => With(p.Graph, "eksNodeLaunchTemplate", "metadataOptions.httpPutResponseHopLimit", 2)),
        new("MM-CMP-002", "give app nodes public IPs", Vm, p => With(p.Graph, "appLaunchTemplate", "networkInterfaces", V.List(V.Map(("associatePublicIpAddress", true))))),
        new("MM-CMP-002", "put a node group in a public subnet", Kubernetes, p => With(p.Graph, "eksNodeGroupA", "subnetIds", V.List(Id("publicSubnetA")))),
        new("MM-IAM-001", "allow * on *", null, p => AddStatement(p.Graph, AppRolePolicy(p), V.Map(("Effect", "Allow"), ("Action", "*"), ("Resource", "*")))),
        new("MM-IAM-002", "read every bucket", null, p =>
            AddStatement(p.Graph, AppRolePolicy(p), V.Map(("Effect", "Allow"), ("Action", V.Strings(["s3:GetObject"])), ("Resource", "arn:aws:s3:::*/*")))),
        new("MM-IAM-002", "let any service account assume the files role", Kubernetes, p => With(p.Graph, "mattermostFilesRole", "assumeRolePolicy", AnyServiceAccountTrust())),
        new("MM-IAM-004", "a misspelt action (grants nothing)", null, p =>
            AddStatement(p.Graph, AppRolePolicy(p), V.Map(("Effect", "Allow"), ("Action", V.Strings(["s3:GetObjects"])), ("Resource", V.Concat(V.Ref("filesBucket", "arn"), "/*"))))),
        new("MM-APP-001", "a misspelt variable in the boot script", Vm, p =>
            Catalog.GraphText.Replace(p.Graph, "appLaunchTemplate", "MM_CLUSTERSETTINGS_GOSSIPPORT=", "MM_CLUSTERSETTINGS_GOSSIPORT=")),
        new("MM-APP-001", "a misspelt variable of the Mattermost resource", Kubernetes, p =>
            Catalog.GraphText.Replace(p.Graph, "mattermostInstallation", "MM_CLUSTERSETTINGS_GOSSIPPORT", "MM_CLUSTERSETTINGS_GOSSIPORT")),

        // Mattermost's own configuration
        new("MM-CFG-001", "AD/LDAP sign-in without connection security", null, p => Setting(p, "MM_LDAPSETTINGS_ENABLE", "true")),
        new("MM-CFG-002", "MFA optional in production", null, p => Setting(p, "MM_SERVICESETTINGS_ENFORCEMULTIFACTORAUTHENTICATION", "false")),
        new("MM-CFG-003", "an open server", null, p => Setting(p, "MM_TEAMSETTINGS_ENABLEOPENSERVER", "true")),
        new("MM-CFG-004", "public links in production", null, p => Setting(p, "MM_FILESETTINGS_ENABLEPUBLICLINK", "true")),
        new("MM-CFG-005", "guest accounts from anywhere, without MFA, in production", null, p => Setting(p, "MM_GUESTACCOUNTSSETTINGS_ENABLE", "true")),
        new("MM-CFG-006", "browser sessions of 180 days", null, p => Setting(p, "MM_SERVICESETTINGS_SESSIONLENGTHWEBINHOURS", "4320")),
        new("MM-CFG-007", "passwords of five characters", null, p => Setting(p, "MM_PASSWORDSETTINGS_MINIMUMLENGTH", "5")),

        // Kubernetes
        new("MM-K8S-001", "Mattermost's namespace enforces only baseline", Kubernetes, p =>
            p.Graph.With(p.Graph["mattermostNamespace"] with { Properties = SetAt(p.Graph["mattermostNamespace"].Properties, ["metadata", "labels", "pod-security.kubernetes.io/enforce"], "baseline") })),
        new("MM-K8S-001", "no pod security context on the Mattermost pods", Kubernetes, p => Mattermost(p.Graph, null, "spec", "podTemplate", "securityContext")),
        new("MM-K8S-001", "the External Secrets namespace is privileged", Kubernetes, p =>
            p.Graph.With(p.Graph["externalSecretsNamespace"] with { Properties = SetAt(p.Graph["externalSecretsNamespace"].Properties, ["metadata", "labels", "pod-security.kubernetes.io/enforce"], "privileged") })),
        new("MM-K8S-002", "no requests or limits on the Mattermost pods", Kubernetes, p => Mattermost(p.Graph, null, "spec", "scheduling", "resources")),
        new("MM-K8S-003", "remove the PodDisruptionBudget", Kubernetes, p => p.Graph.Without("mattermostDisruptionBudget")),
        new("MM-K8S-004", "a NetworkPolicy opening gossip to everyone", Kubernetes, p =>
            With(p.Graph, "mattermostAllowGossip", "spec.ingress", V.List(V.Map(("ports", V.List(V.Map(("port", 8074), ("protocol", "TCP")))))))),
        new("MM-K8S-004", "gossip by port name from the whole VPC", Kubernetes, p =>
            With(p.Graph, "mattermostAllowGossip", "spec.ingress", V.List(V.Map(("from", V.List(V.Map(("ipBlock", V.Map(("cidr", "10.0.0.0/8")))))), ("ports", V.List(V.Map(("port", "gossip-udp"), ("protocol", "UDP")))))))),
        new("MM-K8S-004", "the VPC CNI does not enforce NetworkPolicies", Kubernetes, p => With(p.Graph, "eksAddonVpcCni", "configurationValues", V.Json(V.Map(("enableNetworkPolicy", "false"))))),
        new("MM-K8S-005", "no audit log", Kubernetes, p => With(p.Graph, "eksCluster", "enabledClusterLogTypes", V.Strings(["api", "authenticator"]))),

        // Governance
        new("MM-GOV-001", "an expired waiver", null, p => p.Graph, p => [new Waiver("MM-NET-012", ["databaseCluster"], "examples use 5432", Today.AddDays(-1))]),
    ];

    /// <summary>Policies that do not apply to a default stack, and why: the test below holds each to "not applicable".</summary>
    private static readonly (string Stack, string Policy, string Why)[] NotApplicable =
    [
        ("pilot", "MM-SIZE-003", "no search domain: enterprise search is off"),
        ("pilot", "MM-SIZE-004", "one node without high availability, and not production"),
        ("pilot", "MM-SIZE-007", "one database instance without high availability"),
        ("pilot", "MM-DATA-009", "deletion protection is a production rule"),
        ("pilot", "MM-NET-007", "VM tier: no EKS cluster"),
        ("pilot", "MM-K8S-001", "VM tier: no Kubernetes resources"),
        ("pilot", "MM-K8S-002", "VM tier: no Kubernetes resources"),
        ("pilot", "MM-K8S-003", "VM tier: no Kubernetes resources"),
        ("pilot", "MM-K8S-004", "VM tier: no Kubernetes resources"),
        ("pilot", "MM-K8S-005", "VM tier: no EKS cluster"),
        ("staging", "MM-DATA-009", "deletion protection is a production rule"),
        ("pilot", "MM-NET-013", "load balancer deletion protection is a production rule"),
        ("staging", "MM-NET-013", "load balancer deletion protection is a production rule"),
        ("pilot", "MM-CFG-002", "MFA is a production rule"),
        ("staging", "MM-CFG-002", "MFA is a production rule"),
        ("pilot", "MM-CFG-004", "public links are a production rule"),
        ("staging", "MM-CFG-004", "public links are a production rule"),
        ("pilot", "MM-CFG-005", "guest accounts are a production rule"),
        ("staging", "MM-CFG-005", "guest accounts are a production rule"),
        ("pilot", "MM-CFG-008", "the stack declares no retention requirement"),
        ("staging", "MM-CFG-008", "the stack declares no retention requirement"),
        ("production", "MM-CFG-008", "the stack declares no retention requirement"),
    ];

    private static readonly string[] Stacks = ["pilot", "staging", "production"];

    private static string TierOf(string stack) => Repo.Settings(stack).AppTier == AppTierKind.Vm ? Vm : Kubernetes;

    private static bool Declared(string stack, string policy) => NotApplicable.Any(n => n.Stack == stack && n.Policy == policy);

    private static IEnumerable<Mutation> For(string stack) =>
        All.Where(m => (m.Tier is null || m.Tier == TierOf(stack)) && !Declared(stack, m.Policy));

    public static IEnumerable<object[]> Cases =>
        from stack in Stacks
        from m in For(stack)
        select new object[] { stack, m.Policy, m.What };

    public static IEnumerable<object[]> NotApplicableCases => NotApplicable.Select(n => new object[] { n.Stack, n.Policy, n.Why });

    private static StackAudit Audit(StackPlan plan, ResourceGraph graph, IEnumerable<Waiver>? waivers = null) =>
        PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(graph, SizingBasis.From(plan), Today, waivers ?? plan.Settings.Waivers, plan.Settings.Environment), "test");

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Default_stack_passes_every_mandatory_policy(string stack)
    {
        var audit = Audit(Repo.Plan(stack), Repo.Plan(stack).Graph);
        Assert.Equal(0, audit.MandatoryFailures(PolicyPack.Default));
        Assert.DoesNotContain(audit.Results, r => r.Outcome == Outcome.Waived);
    }

    [Fact]
    public void Pilot_runs_the_vm_tier_and_staging_and_production_the_kubernetes_tier()
    {
        Assert.Equal(Vm, TierOf("pilot"));
        Assert.Equal(Kubernetes, TierOf("staging"));
        Assert.Equal(Kubernetes, TierOf("production"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Breaking_one_property_fails_the_matching_policy(string stack, string policy, string what)
    {
        var plan = Repo.Plan(stack);
        var m = All.Single(x => x.Policy == policy && x.What == what);
        var mutated = m.Apply(plan);

        var before = Audit(plan, plan.Graph).Results.Where(r => r.PolicyId == policy);
        var after = Audit(plan, mutated, m.Waivers?.Invoke(plan)).Results.Where(r => r.PolicyId == policy).ToList();

        Assert.DoesNotContain(before, r => r.Outcome == Outcome.Fail);
        Assert.True(after.Any(r => r.Outcome == Outcome.Fail), $"{stack}: '{what}' did not fail {policy}");
    }

    [Theory]
    [MemberData(nameof(NotApplicableCases))]
    public void A_policy_declared_not_applicable_to_a_stack_is_not_applicable_there(string stack, string policy, string why)
    {
        var results = Audit(Repo.Plan(stack), Repo.Plan(stack).Graph).Results.Where(r => r.PolicyId == policy).ToList();

        Assert.NotEmpty(results);
        Assert.True(results.All(r => r.Outcome == Outcome.NotApplicable), $"{stack}: {policy} was declared not applicable ({why}) but reports {string.Join(", ", results.Select(r => r.Outcome))}");
    }

    [Fact]
    public void Every_mandatory_policy_fails_under_a_mutation_of_every_default_stack_or_is_declared_not_applicable()
    {
        foreach (var stack in Stacks)
            foreach (var p in PolicyPack.Default.Where(p => p.IsMandatory))
            {
                var mutations = For(stack).Count(m => m.Policy == p.Id);
                Assert.True(mutations > 0 ^ Declared(stack, p.Id),
                    $"{stack}: {p.Id} needs either a mutation of the {TierOf(stack)} tier or a not-applicable declaration (and not both)");
            }
    }
}
