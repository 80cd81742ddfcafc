using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

/// <summary>
/// Aurora engine versions: a major upgrade is one-way with an outage and must be allowed by the cluster, a
/// minor one is an in-place restart, and a lower version cannot be reached in place at all.
/// </summary>
public class EngineUpgradeTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_cluster_allows_major_upgrades_and_names_the_instance_parameter_group_for_them(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var cluster = g[DatabaseComponent.Cluster].Properties;
        Assert.Equal(new BoolValue(true), cluster["allowMajorVersionUpgrade"]);
        // AWS wants the new family's instance parameter group named in the upgrade request when instances use a custom one.
        Assert.Equal(V.Ref("databaseInstanceParameters", "name"), cluster["dbInstanceParameterGroupName"]);
        var major = Repo.Settings(stack).PostgresMajorVersion;
        Assert.Equal(new StringValue($"aurora-postgresql{major}"), g["databaseClusterParameters"].Properties["family"]);
        Assert.Equal(new StringValue($"aurora-postgresql{major}"), g["databaseInstanceParameters"].Properties["family"]);
    }

    [Fact]
    public void A_major_upgrade_is_named_one_way_with_an_outage_and_the_parameter_groups_are_replaced_first()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:postgresVersion", "17.4");

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 0, err + output); // an upgrade in place loses no data: no approval needed
        Assert.Contains("~ update databaseCluster (aws:rds/cluster:Cluster)", output);
        Assert.Contains("major version upgrade of Aurora PostgreSQL 16.6 -> 17.4", output);
        Assert.Contains("one-way", output);
        Assert.Contains("outage", output);
        Assert.Contains("allowMajorVersionUpgrade is true", output);
        Assert.Contains("+- replace databaseClusterParameters (aws:rds/clusterParameterGroup:ClusterParameterGroup)", output);
        Assert.Contains("+- replace databaseInstanceParameters (aws:rds/parameterGroup:ParameterGroup)", output);
        Assert.Contains("family: \"aurora-postgresql16\" -> \"aurora-postgresql17\"", output);
        // The order that makes it work: new groups first, the upgrade switches to them, the old groups go last.
        Assert.Contains("the new parameter groups (databaseClusterParameters, databaseInstanceParameters) are created first", output);
    }

    [Fact]
    public void A_minor_upgrade_is_an_in_place_update_with_a_short_restart()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:postgresVersion", "16.8");

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 0, err);
        Assert.Contains("~ update databaseCluster", output);
        Assert.Contains("minor version upgrade of Aurora PostgreSQL 16.6 -> 16.8", output);
        Assert.Contains("short restart", output);
        Assert.DoesNotContain("major version upgrade", output);
        Assert.DoesNotContain("replace databaseClusterParameters", output);
    }

    [Theory]
    [InlineData("1.34", "1.35", "Update", "Kubernetes upgrade 1.34 -> 1.35 of the control plane: in place and one-way")]
    [InlineData("1.33", "1.35", "Update", "EKS refuses 1.33 -> 1.35: it upgrades one minor version at a time; deploy 1.34 first")]
    [InlineData("1.35", "1.34", "Replace", "EKS cannot downgrade Kubernetes (1.35 -> 1.34)")]
    public void Eks_versions_move_one_minor_version_up_at_a_time(string from, string to, string action, string message)
    {
        ResourceNode Eks(string version) => GraphPairs.Node("eks", AwsTypes.EksCluster, V.Map(("roleArn", "arn:role"), ("version", version)));
        var r = Infra.Core.Diff.GraphDiff.Compare(GraphPairs.G(Eks(from)), GraphPairs.G(Eks(to)));
        var c = Assert.Single(r.Changes, x => x.Name == "eks");
        Assert.Equal(action, c.Action.ToString());
        Assert.Contains(c.Notices.Concat(c.ReplaceReasons), w => w.Contains(message));
    }

    [Fact]
    public void A_downgrade_cannot_happen_in_place_and_is_flagged_as_a_replacement_of_the_cluster()
    {
        using var stack = new StackEdit("production");
        stack.Set("mattermost:postgresVersion", "17.4");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:postgresVersion", "16.6");

        var (code, output, _) = stack.Diff(basePlan);

        Assert.Equal(3, code);
        Assert.Contains("+- replace databaseCluster (aws:rds/cluster:Cluster)", output);
        Assert.Contains("Aurora PostgreSQL cannot be downgraded in place (17.4 -> 16.6)", output);
        Assert.Contains("databaseCluster (aws:rds/cluster:Cluster) would be replaced", output);
    }
}
