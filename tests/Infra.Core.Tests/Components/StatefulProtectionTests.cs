using Infra.Core.Components;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

/// <summary>Deleting these loses data (issue 5: databases, buckets, KMS keys, secrets, the EKS cluster; and search indexes).</summary>
public class StatefulProtectionTests
{
    private static readonly string[] StatefulTypes =
    [
        AwsTypes.DbCluster, AwsTypes.DbClusterInstance, AwsTypes.Bucket, AwsTypes.KmsKey,
        "aws:secretsmanager/secret:Secret", AwsTypes.EksCluster, AwsTypes.OpenSearchDomain,
    ];

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Stateful_resources_are_protected_in_production_and_retained_where_the_stack_asks(string stack)
    {
        var plan = Repo.Plan(stack);
        var stateful = plan.Graph.Resources.Where(n => StatefulTypes.Contains(n.Type)).ToList();
        Assert.Contains(stateful, n => n.Type == AwsTypes.DbCluster);
        Assert.Contains(stateful, n => n.Type == AwsTypes.Bucket);
        Assert.Contains(stateful, n => n.Type == AwsTypes.KmsKey);

        Assert.All(stateful, n =>
        {
            Assert.True(n.Options.Protect == (stack == "production"), $"{n.Name}: protect is {n.Options.Protect} in {stack}");
            Assert.True(n.Options.RetainOnDelete == plan.Settings.RetainOnDelete, $"{n.Name}: retainOnDelete is {n.Options.RetainOnDelete}");
        });
    }

    [Fact]
    public void Only_production_retains_by_default()
    {
        Assert.True(Repo.Settings("production").RetainOnDelete);
        Assert.False(Repo.Settings("staging").RetainOnDelete);
        Assert.False(Repo.Settings("pilot").RetainOnDelete);
    }
}
