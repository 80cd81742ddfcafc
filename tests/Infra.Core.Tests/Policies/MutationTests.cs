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
/// Each default stack passes every mandatory policy; breaking one property per policy makes exactly that
/// policy fail. Kubernetes and EKS policies have no resources to break in the VM-tier stacks (their
/// failing cases are the hand-made graphs of <see cref="PolicyPairTests"/>).
/// </summary>
public class MutationTests
{
    private sealed record Mutation(string Policy, string What, Func<StackPlan, ResourceGraph?> Apply, Func<StackPlan, IEnumerable<Waiver>>? Waivers = null);

    private static ResourceGraph Nodes(StackPlan p, int nodes) =>
        With(With(p.Graph, "appAutoScalingGroup", "desiredCapacity", nodes), "appAutoScalingGroup", "minSize", nodes);

    private static ResourceGraph AddRule(ResourceGraph g, string name, string group, string proto, int from, int to, (string, Value) peer) =>
        g.WithAdded(N(name, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            ("securityGroupId", Id(group)), ("ipProtocol", proto), ("fromPort", from), ("toPort", to), peer) with { Options = new NodeOptions { Parent = "network" } });

    private static ResourceGraph AddStatement(ResourceGraph g, MapValue statement)
    {
        var policy = (FunctionValue)g["appRolePolicy"].Properties["policy"]!;
        var doc = (MapValue)policy.Argument;
        var statements = ((ListValue)doc["Statement"]!).Items.Add(statement);
        return With(g, "appRolePolicy", "policy", V.Json(doc.With("Statement", new ListValue(statements))));
    }

    private static readonly Mutation[] All =
    [
        new("MM-SIZE-001", "shrink the app to one node (none for the single-node pilot)", p => Nodes(p, p.Settings.HighAvailability ? 1 : 0)),
        new("MM-SIZE-002", "max_connections below what the app nodes' pools open", p =>
            With(p.Graph, "databaseClusterParameters", "parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "1")), V.Map(("name", "max_connections"), ("value", "100"))))),
        new("MM-SIZE-003", "one search node", p => p.Graph.Contains("searchDomain") ? With(p.Graph, "searchDomain", "clusterConfig.instanceCount", 1) : null),
        new("MM-SIZE-004", "shrink production to one node", p => p.Settings.HighAvailability ? Nodes(p, 1) : null),
        new("MM-SIZE-005", "drop the S3 file store (files would stay on the 50 GiB app volume)", p =>
            p.Graph.Nodes.Where(n => n.Type.StartsWith("aws:s3/", StringComparison.Ordinal)).Aggregate(p.Graph, (g, n) => g.Without(n.Name))),
        new("MM-SIZE-006", "twenty app nodes", p => Nodes(p, 20)),
        new("MM-NET-001", "open SSH to the world on the app nodes", p => AddRule(p.Graph, "sshFromWorld", "appSecurityGroup", "tcp", 22, 22, ("cidrIpv4", "0.0.0.0/0"))),
        new("MM-NET-002", "make the writer publicly accessible", p => With(p.Graph, "databaseWriter", "publiclyAccessible", true)),
        new("MM-NET-003", "let the office network reach Mattermost directly", p => AddRule(p.Graph, "appFromOffice", "appSecurityGroup", "tcp", 8065, 8065, ("cidrIpv4", "192.0.2.0/24"))),
        new("MM-NET-004", "let the load balancer reach every app port", p => With(p.Graph, "appFromLb", "toPort", 65535)),
        new("MM-NET-005", "remove the flow log", p => p.Graph.Without("flowLog")),
        new("MM-NET-006", "leave a rule on the default security group", p =>
            With(p.Graph, "defaultSecurityGroup", "ingress", V.List(V.Map(("protocol", "-1"), ("fromPort", 0), ("toPort", 0), ("self", true))))),
        new("MM-NET-008", "accept invalid headers", p => With(p.Graph, "loadBalancer", "dropInvalidHeaderFields", false)),
        new("MM-NET-009", "public IPs in a public subnet", p => With(p.Graph, "publicSubnetA", "mapPublicIpOnLaunch", true)),
        new("MM-DATA-001", "turn off database encryption", p => With(p.Graph, "databaseCluster", "storageEncrypted", false)),
        new("MM-DATA-002", "stop rotating the files key", p => With(p.Graph, "filesKey", "enableKeyRotation", false)),
        new("MM-DATA-003", "TLS 1.0 on the HTTPS listener", p => With(p.Graph, "httpsListener", "sslPolicy", "ELBSecurityPolicy-2016-08")),
        new("MM-DATA-004", "remove the TLS-only bucket policy", p => p.Graph.Without("filesBucketPolicy")),
        new("MM-DATA-005", "rds.force_ssl off", p =>
            With(p.Graph, "databaseClusterParameters", "parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "0")), V.Map(("name", "max_connections"), ("value", "5000"))))),
        new("MM-DATA-006", "drop the public access block", p => p.Graph.Without("filesBucketPublicAccessBlock")),
        new("MM-DATA-007", "suspend versioning", p => With(p.Graph, "filesBucketVersioning", "versioningConfiguration.status", "Suspended")),
        new("MM-DATA-008", "remove the backups (one day)", p => With(p.Graph, "databaseCluster", "backupRetentionPeriod", 1)),
        new("MM-DATA-009", "no deletion protection in production", p => p.Settings.IsProduction ? With(p.Graph, "databaseCluster", "deletionProtection", false) : null),
        new("MM-DATA-010", "a master password in plain text", p => With(p.Graph, "databaseCluster", "masterPassword", "correct-horse-battery")),
        new("MM-CMP-001", "allow IMDSv1", p => With(p.Graph, "appLaunchTemplate", "metadataOptions.httpTokens", "optional")),
        new("MM-CMP-002", "give app nodes public IPs", p => With(p.Graph, "appLaunchTemplate", "networkInterfaces", V.List(V.Map(("associatePublicIpAddress", true))))),
        new("MM-IAM-001", "allow * on *", p => AddStatement(p.Graph, V.Map(("Effect", "Allow"), ("Action", "*"), ("Resource", "*")))),
        new("MM-IAM-002", "read every bucket", p => AddStatement(p.Graph, V.Map(("Effect", "Allow"), ("Action", V.Strings(["s3:GetObject"])), ("Resource", "arn:aws:s3:::*/*")))),
        new("MM-GOV-001", "an expired waiver", p => p.Graph, p => [new Waiver("MM-NET-012", ["databaseCluster"], "examples use 5432", Today.AddDays(-1))]),
    ];

    public static IEnumerable<object[]> Cases =>
        from stack in new[] { "pilot", "staging", "production" }
        from m in All
        select new object[] { stack, m.Policy };

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

    [Theory]
    [MemberData(nameof(Cases))]
    public void Breaking_one_property_fails_the_matching_policy(string stack, string policy)
    {
        var plan = Repo.Plan(stack);
        var m = All.Single(x => x.Policy == policy);
        var mutated = m.Apply(plan);
        if (mutated is null) return; // nothing of that kind in this stack (e.g. no search domain in pilot)

        var before = Audit(plan, plan.Graph).Results.Where(r => r.PolicyId == policy);
        var after = Audit(plan, mutated, m.Waivers?.Invoke(plan)).Results.Where(r => r.PolicyId == policy).ToList();

        Assert.DoesNotContain(before, r => r.Outcome == Outcome.Fail);
        Assert.True(after.Any(r => r.Outcome == Outcome.Fail), $"{stack}: '{m.What}' did not fail {policy}");
    }

    [Fact]
    public void Every_mandatory_policy_with_aws_resources_in_the_default_stacks_has_a_mutation()
    {
        var kubernetesOnly = new[] { "MM-NET-007", "MM-K8S-001", "MM-K8S-002", "MM-K8S-003", "MM-K8S-004", "MM-K8S-005" };
        var expected = PolicyPack.Default.Where(p => p.IsMandatory && !kubernetesOnly.Contains(p.Id)).Select(p => p.Id);
        Assert.Empty(expected.Except(All.Select(m => m.Policy)));
    }
}
