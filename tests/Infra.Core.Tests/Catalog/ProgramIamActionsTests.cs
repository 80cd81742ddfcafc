using Infra.Core.Catalog;
using Infra.Core.Graph;
using Infra.Core.Policies.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>
/// Every action of every IAM policy document in every graph the program can send names a real action: identity policies,
/// trust policies (sts:AssumeRole*), key, bucket and domain policies, the load balancer controller's policy and the IRSA
/// trust policies (JSON joined at deployment). Documents are found by walking the graph's values.
/// </summary>
public class ProgramIamActionsTests
{
    public static IEnumerable<object[]> Graphs => ProgramGraphs.Names;

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Every_action_of_every_policy_document_is_real(string graph)
    {
        var g = ProgramGraphs.Get(graph);
        var documents = GraphPolicyDocuments.In(g).ToList();

        // Every role's trust policy, every identity policy and every key or bucket policy that the graph declares is found.
        foreach (var n in g.Nodes)
        {
            foreach (var property in new[] { "assumeRolePolicy", "policy", "accessPolicies" })
                if (n.Properties[property] is not null && n.Type is not "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                    Assert.Contains(documents, d => d.Node.Name == n.Name && d.Path == property);
        }
        Assert.All(documents, d => Assert.NotEmpty(d.Actions));
        Assert.All(documents, d => Assert.Equal(0, d.NonLiteralActions));

        var problems = documents.SelectMany(d => d.Actions.Select(a => (d, problem: IamActions.Problem(a))))
            .Where(p => p.problem is not null).Select(p => $"{p.d.Node.Name} {p.d.Path}: {p.problem}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_trust_policies_and_the_controller_policy_are_among_the_documents()
    {
        var documents = GraphPolicyDocuments.In(ProgramGraphs.Get("production")).ToList();
        Assert.Contains(documents, d => d.Node.Name == "mattermostFilesRole" && d.Actions.Contains("sts:AssumeRoleWithWebIdentity"));
        Assert.Contains(documents, d => d.Node.Name == "loadBalancerControllerPolicy" && d.Actions.Count > 40);
        Assert.Contains(documents, d => d.Node.Name == "searchDomain" && d.Actions.Contains("es:ESHttp*"));
    }

    [Fact]
    public void A_misspelt_action_in_an_identity_policy_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("pilot"), "appRolePolicy", "secretsmanager:GetSecretValue", "secretsmanager:GetSecretValues");
        Assert.Contains(Problems(graph), p => p.Contains("did you mean secretsmanager:GetSecretValue?", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_action_in_a_trust_policy_joined_at_deployment_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("production"), "mattermostFilesRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentiy");
        Assert.Contains(Problems(graph), p => p.Contains("mattermostFilesRole", StringComparison.Ordinal) && p.Contains("sts:AssumeRoleWithWebIdentiy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_in_a_key_policy_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("pilot"), "appVolumeKey", "kms:ReEncrypt*", "kms:ReEncrypts*");
        Assert.Contains(Problems(graph), p => p.Contains("'kms:ReEncrypts*' matches no action of kms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_action_in_the_load_balancer_controller_policy_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("staging"), "loadBalancerControllerPolicy", "elasticloadbalancing:DescribeTrustStores", "elasticloadbalancing:DescribeTrustStore");
        Assert.Contains(Problems(graph), p => p.Contains("did you mean elasticloadbalancing:DescribeTrustStores?", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_given_as_json_text_is_read_too()
    {
        var node = new ResourceNode("legacy", "aws:iam/policy:Policy", V.Map(("policy",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:PasRole\"],\"Resource\":\"*\"}]}")), NodeOptions.None, "test");
        var graph = new ResourceGraph("test", [node], [], []);
        Assert.Contains(Problems(graph), p => p.Contains("'iam:PasRole' is not an action of iam (did you mean iam:PassRole?)", StringComparison.Ordinal));
    }

    private static List<string> Problems(ResourceGraph graph) =>
        [.. GraphPolicyDocuments.In(graph).SelectMany(d => d.Actions.Select(a => IamActions.Problem(a) is { } p ? $"{d.Node.Name} {d.Path}: {p}" : null)).OfType<string>()];
}
