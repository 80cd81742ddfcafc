using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

public class TaggingTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_taggable_resource_carries_the_stack_tags_the_stack_name_and_the_manager(string stack)
    {
        var plan = Repo.Plan(stack);
        var expected = plan.Blueprint.Tags;
        Assert.Equal(stack, expected["pulumi-stack"]);
        Assert.Equal("pulumi/mattermost-infra", expected["managed-by"]);
        Assert.Equal(plan.Settings.Tags["owner"], expected["owner"]);

        var taggable = plan.Graph.Resources.Where(n => TaggableTypes.IsTaggable(n.Type)).ToList();
        if (plan.Settings.AppTier == Infra.Core.Settings.AppTierKind.Vm) // the auto scaling group takes its tags as a list
            Assert.Contains(taggable, n => TaggableTypes.ListTagged.Contains(n.Type));
        Assert.All(taggable, n =>
        {
            var tags = TagsOf(n);
            foreach (var (key, value) in expected)
                Assert.True(tags.TryGetValue(key, out var v) && v == value, $"{n.Name} ({n.Type}) lacks tag {key}={value}");
        });
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Resources_that_declare_tags_are_of_a_taggable_type(string stack)
    {
        // Keeps the list honest: a new tagged type must be added to it (and so is checked above).
        var graph = Repo.Plan(stack).Graph;
        Assert.All(graph.Resources.Where(n => n.Properties["tags"] is not null),
            n => Assert.True(TaggableTypes.IsTaggable(n.Type), $"{n.Type} has tags but is not in TaggableTypes"));
    }

    [Fact]
    public void Completing_adds_tags_only_where_a_taggable_resource_has_none()
    {
        var bp = Repo.Plan("pilot").Blueprint;
        var g = new GraphBuilder("pilot");
        var c = g.Component("net", ComponentTypes.Network, "test");
        c.Add("rule", AwsTypes.IngressRule, V.Map(("ipProtocol", "tcp")), "test");
        c.Add("own", AwsTypes.Vpc, V.Map(("tags", V.Map(("Name", "kept")))), "test");
        c.Add("route", AwsTypes.Route, V.Map(("destinationCidrBlock", "0.0.0.0/0")), "test");
        c.Add("asg", AwsTypes.AutoScalingGroup, MapValue.Empty, "test");

        var done = Tagging.Complete(g.Build(), bp);

        Assert.Equal("mattermost-pilot-rule", TagsOf(done["rule"])["Name"]);
        Assert.Equal("pilot", TagsOf(done["rule"])["pulumi-stack"]);
        Assert.Equal(V.Map(("Name", "kept")), done["own"].Properties["tags"]);
        Assert.Null(done["route"].Properties["tags"]);
        Assert.Equal("pulumi/mattermost-infra", TagsOf(done["asg"])["managed-by"]);
    }

    /// <summary>Tags as a dictionary, whether the type takes a map or a list of {key, value}.</summary>
    private static Dictionary<string, string> TagsOf(ResourceNode n) => n.Properties["tags"] switch
    {
        MapValue m => m.Entries.ToDictionary(kv => kv.Key, kv => ((StringValue)kv.Value).Text),
        ListValue l => l.Items.Cast<MapValue>().ToDictionary(i => ((StringValue)i["key"]!).Text, i => ((StringValue)i["value"]!).Text),
        _ => [],
    };
}
