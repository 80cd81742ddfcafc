using Infra.Core.Components;
using Infra.Core.Diff;
using Infra.Core.Graph;
using static Infra.Core.Tests.Diff.GraphPairs;

namespace Infra.Core.Tests.Diff;

public class GraphDiffTests
{
    private static ResourceChange Single(GraphDiffResult r, string name) => Assert.Single(r.Changes, c => c.Name == name);

    [Fact]
    public void Identical_graphs_have_no_changes()
    {
        var r = GraphDiff.Compare(G(Vpc(), Subnet()), G(Vpc(), Subnet()));
        Assert.True(r.IsEmpty);
        Assert.Equal(2, r.Unchanged); // resources; the component that groups them is counted apart
        Assert.Equal(1, r.UnchangedComponents);
        Assert.False(r.RequiresApproval);
    }

    [Fact]
    public void A_new_resource_is_added_and_a_missing_one_deleted()
    {
        var r = GraphDiff.Compare(G(Vpc(), Subnet("subnetA")), G(Vpc(), Subnet("subnetB")));
        Assert.Equal(ChangeAction.Add, Single(r, "subnetB").Action);
        Assert.Equal(ChangeAction.Delete, Single(r, "subnetA").Action);
        Assert.Equal(2, r.Changes.Length);
    }

    [Fact]
    public void A_property_outside_every_replace_rule_is_an_update_listed_by_path()
    {
        var r = GraphDiff.Compare(G(Vpc(owner: "a")), G(Vpc(owner: "b")));
        var c = Single(r, "vpc");
        Assert.Equal(ChangeAction.Update, c.Action);
        var p = Assert.Single(c.Properties);
        Assert.Equal("tags.owner", p.Path);
        Assert.Equal(new StringValue("a"), p.Before);
        Assert.Equal(new StringValue("b"), p.After);
        Assert.False(p.ForcesReplacement);
    }

    [Fact]
    public void A_replace_on_change_property_replaces_the_resource_and_says_why()
    {
        var r = GraphDiff.Compare(G(Vpc("10.0.0.0/16")), G(Vpc("10.1.0.0/16")));
        var c = Single(r, "vpc");
        Assert.Equal(ChangeAction.Replace, c.Action);
        Assert.True(Assert.Single(c.Properties).ForcesReplacement);
        Assert.Contains(c.ReplaceReasons, why => why.Contains("changing cidrBlock forces replacement") && why.Contains("vpc_.go"));
    }

    [Fact]
    public void A_replacement_cascades_to_resources_whose_replace_on_change_input_takes_its_outputs()
    {
        var alarm = Node("alarm", AwsTypes.MetricAlarm, V.Map(("dimensions", V.Map(("VpcId", V.Ref("vpc", "id"))))));
        var r = GraphDiff.Compare(G(Vpc("10.0.0.0/16"), Subnet(), alarm), G(Vpc("10.1.0.0/16"), Subnet(), alarm));
        var subnet = Single(r, "subnetA");
        Assert.Equal(ChangeAction.Replace, subnet.Action);
        Assert.Contains(subnet.ReplaceReasons, why => why.Contains("vpcId takes an output of vpc, which is replaced"));
        // The alarm only reads the VPC id in an updatable input: an update, not a replacement.
        var a = Single(r, "alarm");
        Assert.Equal(ChangeAction.Update, a.Action);
        Assert.Equal("new value: vpc is replaced", Assert.Single(a.Properties).Note);
    }

    [Fact]
    public void A_change_to_a_nested_rule_path_or_its_whole_block_replaces()
    {
        MapValue Domain(Value? encrypt) => V.Map(("domainName", "search"), ("encryptAtRest", encrypt));
        var keyA = V.Map(("enabled", true), ("kmsKeyId", "arn:key/a"));
        var keyB = V.Map(("enabled", true), ("kmsKeyId", "arn:key/b"));
        var nested = GraphDiff.Compare(G(Node("d", AwsTypes.OpenSearchDomain, Domain(keyA))), G(Node("d", AwsTypes.OpenSearchDomain, Domain(keyB))));
        Assert.Equal(ChangeAction.Replace, Single(nested, "d").Action);
        Assert.Equal("encryptAtRest.kmsKeyId", Assert.Single(Single(nested, "d").Properties, p => p.ForcesReplacement).Path);

        var removed = GraphDiff.Compare(G(Node("d", AwsTypes.OpenSearchDomain, Domain(keyA))), G(Node("d", AwsTypes.OpenSearchDomain, Domain(null))));
        Assert.Equal(ChangeAction.Replace, Single(removed, "d").Action);
    }

    [Fact]
    public void Switching_encryption_off_replaces_but_switching_it_on_updates()
    {
        ResourceNode D(bool on) => Node("d", AwsTypes.OpenSearchDomain, V.Map(("nodeToNodeEncryption", V.Map(("enabled", on)))));
        Assert.Equal(ChangeAction.Replace, Single(GraphDiff.Compare(G(D(true)), G(D(false))), "d").Action);
        Assert.Equal(ChangeAction.Update, Single(GraphDiff.Compare(G(D(false)), G(D(true))), "d").Action);
    }

    [Fact]
    public void Removing_eks_envelope_encryption_replaces_the_cluster_but_adding_it_does_not()
    {
        ResourceNode Eks(bool encrypted) => Node("eks", AwsTypes.EksCluster, V.Map(("roleArn", "arn:role"),
            ("encryptionConfig", encrypted ? V.Map(("resources", V.Strings(["secrets"]))) : null)));
        var removed = Single(GraphDiff.Compare(G(Eks(true)), G(Eks(false))), "eks");
        Assert.Equal(ChangeAction.Replace, removed.Action);
        Assert.True(removed.LosesData);
        Assert.Equal(ChangeAction.Update, Single(GraphDiff.Compare(G(Eks(false)), G(Eks(true))), "eks").Action);
    }

    [Fact]
    public void A_provider_side_decision_is_a_possible_replacement_and_still_needs_approval_on_stateful_types()
    {
        ResourceNode D(string version) => Node("d", AwsTypes.OpenSearchDomain, V.Map(("engineVersion", version)));
        var r = GraphDiff.Compare(G(D("OpenSearch_2.17")), G(D("OpenSearch_2.19")));
        var c = Single(r, "d");
        Assert.Equal(ChangeAction.MaybeReplace, c.Action);
        Assert.True(Assert.Single(c.Properties).MayForceReplacement);
        Assert.True(r.RequiresApproval);
    }

    [Fact]
    public void A_changed_type_replaces()
    {
        var r = GraphDiff.Compare(G(Node("b", "aws:s3/bucketV2:BucketV2", MapValue.Empty)), G(Node("b", AwsTypes.Bucket, MapValue.Empty)));
        var c = Single(r, "b");
        Assert.Equal(ChangeAction.Replace, c.Action);
        Assert.Contains("its type changes", c.ReplaceReasons[0]);
    }

    [Fact]
    public void Moving_to_another_component_replaces_because_the_urn_changes()
    {
        var before = G(Vpc());
        var other = new ResourceNode("other", ComponentTypes.Database, MapValue.Empty, NodeOptions.None, "c");
        var moved = Vpc() with { Options = NodeOptions.None with { Parent = "other" } };
        var after = new ResourceGraph("test", [before.Nodes[0], other, moved], [], []);
        var c = Single(GraphDiff.Compare(before, after), "vpc");
        Assert.Equal(ChangeAction.Replace, c.Action);
        Assert.Contains("URN", c.ReplaceReasons[0]);
    }

    [Fact]
    public void Resources_of_a_replaced_provider_are_replaced()
    {
        ResourceNode Provider(string kubeconfig) => Node("k8s", "pulumi:providers:kubernetes", V.Map(("kubeconfig", kubeconfig)));
        var ns = Node("ns", "kubernetes:core/v1:Namespace", V.Map(("metadata", V.Map(("name", "mattermost")))), new NodeOptions { Provider = "k8s" });
        var providerReplaced = Provider("b") with { Type = "pulumi:providers:kubernetes2" };
        var r = GraphDiff.Compare(G(Provider("a"), ns), G(providerReplaced, ns));
        Assert.Equal(ChangeAction.Replace, Single(r, "k8s").Action);
        Assert.Contains(Single(r, "ns").ReplaceReasons, why => why.Contains("provider k8s is replaced"));
    }

    [Fact]
    public void A_kubernetes_object_is_replaced_when_its_name_changes_and_updated_otherwise()
    {
        ResourceNode Ns(string name, string label) => Node("ns", "kubernetes:core/v1:Namespace",
            V.Map(("metadata", V.Map(("name", name), ("labels", V.Map(("team", label)))))));
        Assert.Equal(ChangeAction.Replace, Single(GraphDiff.Compare(G(Ns("a", "x")), G(Ns("b", "x"))), "ns").Action);
        Assert.Equal(ChangeAction.Update, Single(GraphDiff.Compare(G(Ns("a", "x")), G(Ns("a", "y"))), "ns").Action);
    }

    [Fact]
    public void Changes_under_ignore_changes_are_shown_but_do_not_count()
    {
        ResourceNode Asg(int desired) => Node("asg", AwsTypes.AutoScalingGroup, V.Map(("desiredCapacity", desired)), new NodeOptions { IgnoreChanges = ["desiredCapacity"] });
        var r = GraphDiff.Compare(G(Asg(2)), G(Asg(5)));
        Assert.True(r.IsEmpty);
        Assert.Equal(1, r.Unchanged);
    }

    [Fact]
    public void Resource_options_are_compared_too()
    {
        var r = GraphDiff.Compare(G(Vpc()), G(Vpc() with { Options = Vpc().Options with { Protect = true } }));
        var p = Assert.Single(Single(r, "vpc").Properties);
        Assert.Equal("options.protect", p.Path);
        Assert.Equal(ChangeAction.Update, Single(r, "vpc").Action);
    }

    [Fact]
    public void Lists_are_compared_item_by_item_with_their_index_in_the_path()
    {
        ResourceNode Group(params string[] sgs) => Node("db", AwsTypes.DbCluster, V.Map(("vpcSecurityGroupIds", V.Strings(sgs))));
        var r = GraphDiff.Compare(G(Group("sg-1", "sg-2")), G(Group("sg-1", "sg-3")));
        Assert.Equal("vpcSecurityGroupIds[1]", Assert.Single(Single(r, "db").Properties).Path);
        Assert.Equal(ChangeAction.Update, Single(r, "db").Action);
    }

    [Fact]
    public void Changes_inside_a_json_policy_document_are_listed_at_their_field()
    {
        ResourceNode Policy(string action) => Node("p", AwsTypes.RolePolicy, V.Map(("role", "r"), ("policy", V.Json(V.Map(("Action", action))))));
        var r = GraphDiff.Compare(G(Policy("s3:GetObject")), G(Policy("s3:*")));
        Assert.Equal("policy.Action", Assert.Single(Single(r, "p").Properties).Path);
    }

    [Fact]
    public void An_interpolation_of_one_reference_equals_that_reference()
    {
        ResourceNode N(Value v) => Node("o", AwsTypes.MetricAlarm, V.Map(("alarmDescription", v)));
        var r = GraphDiff.Compare(G(N(V.Ref("vpc", "id"))), G(N(new InterpolationValue([V.Ref("vpc", "id")]))));
        Assert.True(r.IsEmpty);
    }

    [Fact]
    public void Deleting_or_replacing_a_stateful_resource_requires_approval_but_updating_it_does_not()
    {
        ResourceNode Bucket(string prefix, string owner) => Node("files", AwsTypes.Bucket, V.Map(("bucketPrefix", prefix), ("tags", V.Map(("owner", owner)))));
        Assert.False(GraphDiff.Compare(G(Bucket("a-", "x")), G(Bucket("a-", "y"))).RequiresApproval);
        Assert.True(GraphDiff.Compare(G(Bucket("a-", "x")), G(Bucket("b-", "x"))).RequiresApproval);
        var deleted = GraphDiff.Compare(G(Bucket("a-", "x")), G());
        Assert.True(deleted.RequiresApproval);
        Assert.Contains("uploaded file", Assert.Single(deleted.DataLoss).Consequence);
        Assert.False(GraphDiff.Compare(G(), G(Bucket("a-", "x"))).RequiresApproval);
    }

    [Fact]
    public void Outputs_are_added_changed_and_removed()
    {
        var before = G([Vpc()], [new GraphOutput("a", "1", false, ""), new GraphOutput("b", "2", false, "")]);
        var after = G([Vpc()], [new GraphOutput("b", "3", false, ""), new GraphOutput("c", "4", false, "")]);
        var r = GraphDiff.Compare(before, after);
        Assert.Equal([("a", ChangeAction.Delete), ("b", ChangeAction.Update), ("c", ChangeAction.Add)], r.Outputs.Select(o => (o.Name, o.Action)));
    }

    [Fact]
    public void A_delete_and_add_of_the_same_resource_is_called_out_as_a_likely_rename()
    {
        var r = GraphDiff.Compare(G(Subnet("subnetA")), G(Subnet("subnetA2")));
        Assert.Contains(r.Notes, n => n.Contains("subnetA -> subnetA2 looks like a rename"));
    }

    [Fact]
    public void A_changed_line_of_a_script_is_shown_as_removed_and_added_lines()
    {
        ResourceNode Lt(string version) => Node("lt", AwsTypes.LaunchTemplate, V.Map(("userData", V.Base64(V.Concat("#!/bin/bash\nMM_VERSION=", version, "\nexec ", V.Ref("b", "id"), "\n")))));
        var p = Assert.Single(Single(GraphDiff.Compare(G(Lt("11.6.0")), G(Lt("11.7.0"))), "lt").Properties);
        Assert.Equal("userData", p.Path);
        Assert.Equal(["- MM_VERSION=11.6.0", "+ MM_VERSION=11.7.0"], p.LineChanges);
    }

    [Fact]
    public void A_map_that_appears_is_listed_key_by_key()
    {
        var untagged = Node("vpc", AwsTypes.Vpc, V.Map(("cidrBlock", "10.0.0.0/16")));
        var c = Single(GraphDiff.Compare(G(untagged), G(Vpc(owner: "a"))), "vpc");
        Assert.Equal(ChangeAction.Update, c.Action);
        var p = Assert.Single(c.Properties);
        Assert.Equal(("tags.owner", (Value?)null, (Value?)new StringValue("a")), (p.Path, p.Before, p.After));
    }
}
