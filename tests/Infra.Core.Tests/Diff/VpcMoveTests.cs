using System.Text.Json;
using Infra.Core.Components;
using Infra.Core.Diff;
using Infra.Core.Graph;
using static Infra.Core.Tests.Diff.GraphPairs;

namespace Infra.Core.Tests.Diff;

/// <summary>
/// A resource cannot move to another VPC in place: when the VPC is replaced, whatever is placed in it (through
/// its subnets or security groups) is replaced too, even where the provider would only attempt an update.
/// </summary>
public class VpcMoveTests
{
    private static ResourceChange Single(GraphDiffResult r, string name) => Assert.Single(r.Changes, c => c.Name == name);

    private static ResourceNode SubnetGroup() =>
        Node("dbSubnets", AwsTypes.DbSubnetGroup, V.Map(("subnetIds", V.List(V.Ref("subnetA", "id")))));

    [Fact]
    public void A_subnet_group_whose_subnets_move_to_a_new_vpc_is_replaced_with_the_chain_back_to_the_vpc()
    {
        var r = GraphDiff.Compare(G(Vpc("10.0.0.0/16"), Subnet(), SubnetGroup()), G(Vpc("10.1.0.0/16"), Subnet(), SubnetGroup()));

        var group = Single(r, "dbSubnets");
        Assert.Equal(ChangeAction.Replace, group.Action);
        Assert.Contains(group.ReplaceReasons, why => why.Contains("another VPC") && why.Contains("subnetIds"));
        Assert.Equal("replaced because vpc is replaced (cidrBlock changed), through subnetA.vpcId -> dbSubnets.subnetIds", group.CauseText);
    }

    [Fact]
    public void A_subnet_replaced_inside_the_same_vpc_only_updates_the_subnet_group()
    {
        // A new zone for the subnet replaces it, but the subnet group can take a subnet of the same VPC in place.
        var r = GraphDiff.Compare(G(Vpc(), Subnet(zone: "us-east-1a"), SubnetGroup()), G(Vpc(), Subnet(zone: "us-east-1b"), SubnetGroup()));
        Assert.Equal(ChangeAction.Replace, Single(r, "subnetA").Action);
        Assert.Equal(ChangeAction.Update, Single(r, "dbSubnets").Action);
    }

    [Fact]
    public void Changing_the_vpc_cidr_of_production_replaces_the_database_eks_and_search_and_exits_3()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:vpcCidr", "10.40.0.0/16");

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 3, err);
        foreach (var name in new[] { "databaseSubnetGroup", DatabaseComponent.Cluster, DatabaseComponent.Writer, "databaseReader1", "databaseReader2", "eksCluster", "searchDomain" })
            Assert.Contains($"+- replace {name} (", output);
        Assert.Contains("databaseCluster (aws:rds/cluster:Cluster) would be replaced", output);
        Assert.Contains("eksCluster (aws:eks/cluster:Cluster) would be replaced", output);
        Assert.Contains("replaced because vpc is replaced (cidrBlock changed by mattermost:vpcCidr), through databaseSubnetA.vpcId -> databaseSubnetGroup.subnetIds -> databaseCluster.dbSubnetGroupName", output);
        Assert.Contains("replaced because vpc is replaced (cidrBlock changed by mattermost:vpcCidr), through privateSubnetA.vpcId -> eksCluster.vpcConfig.subnetIds", output);

        var (_, json, _) = stack.Diff(basePlan, "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var lost = doc.RootElement.GetProperty("dataLoss").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains(DatabaseComponent.Cluster, lost);
        Assert.Contains(DatabaseComponent.Writer, lost);
        Assert.Contains("eksCluster", lost);
        Assert.Contains("searchDomain", lost);
    }
}
