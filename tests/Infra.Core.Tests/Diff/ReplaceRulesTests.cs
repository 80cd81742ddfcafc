using System.Reflection;
using Infra.Core.Components;
using Infra.Core.Diff;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

public class ReplaceRulesTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_resource_type_a_stack_declares_has_its_replace_rules_written_down(string stack)
    {
        var known = ReplaceRules.KnownTypes.ToHashSet();
        foreach (var type in Repo.Plan(stack).Graph.Resources.Select(n => n.Type).Distinct())
            Assert.True(known.Contains(type), $"{type} has no entry in ReplaceRules: add its replace-on-change inputs (or an empty entry saying it has none)");
    }

    [Fact]
    public void Every_aws_type_of_the_components_has_an_entry()
    {
        var tokens = typeof(AwsTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).Where(t => !t.Contains("/get", StringComparison.Ordinal));
        var known = ReplaceRules.KnownTypes.ToHashSet();
        Assert.All(tokens, t => Assert.Contains(t, known));
    }

    [Fact]
    public void Every_rule_names_a_property_path_and_its_source()
    {
        foreach (var type in ReplaceRules.KnownTypes)
            foreach (var rule in ReplaceRules.For(type))
            {
                Assert.Matches(@"^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$", rule.Path);
                Assert.Matches(@"(terraform-provider-aws|pulumi-kubernetes) \S+\.go", rule.Source);
            }
    }

    [Fact]
    public void Kubernetes_objects_without_their_own_rules_still_replace_on_a_new_name()
    {
        Assert.Contains(ReplaceRules.For("kubernetes:core/v1:Namespace"), r => r.Path == "metadata.name");
        Assert.Contains(ReplaceRules.For("kubernetes:apps/v1:Deployment"), r => r.Path == "spec.selector");
        Assert.Empty(ReplaceRules.For("aws:sqs/queue:Queue"));
    }

    [Fact]
    public void The_stateful_types_named_by_the_issue_are_stateful()
    {
        foreach (var t in new[] { AwsTypes.DbCluster, AwsTypes.DbClusterInstance, AwsTypes.Bucket, AwsTypes.KmsKey, "aws:secretsmanager/secret:Secret", AwsTypes.EksCluster, AwsTypes.OpenSearchDomain })
            Assert.True(StatefulTypes.IsStateful(t), t);
        Assert.False(StatefulTypes.IsStateful(AwsTypes.Vpc));
    }
}
