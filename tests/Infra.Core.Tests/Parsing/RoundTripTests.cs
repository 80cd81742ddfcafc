using Infra.Core.Graph;
using Infra.Core.Parsing;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Parsing;

/// <summary>parse(render(graph)) gives back the graph's resources, properties and options, for every stack and both formats.</summary>
public class RoundTripTests
{
    /// <summary>Pulumi YAML has no components: a parent survives only when it is a real resource.</summary>
    internal static NodeOptions WithoutComponentParent(ResourceGraph g, NodeOptions o) =>
        o.Parent is { } p && g.Find(p) is { IsComponent: true } ? o with { Parent = null } : o;

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Pulumi_yaml_program_parses_back_to_the_same_resources(string stack)
    {
        var graph = Repo.Plan(stack).Graph;
        var yaml = new PulumiYamlRenderer().Render(graph, "mattermost-infra");

        var parsed = PulumiYamlParser.Parse(yaml, "program.yaml", stack);

        var expected = graph.Resources.ToList();
        Assert.Equal(expected.Select(n => n.Name), parsed.Nodes.Select(n => n.Name));
        foreach (var (want, got) in expected.Zip(parsed.Nodes))
        {
            Assert.Equal(want.Type, got.Type);
            Assert.True(want.Properties.Equals(got.Properties), $"{want.Name}: properties differ after the round trip");
            Assert.Equal(WithoutComponentParent(graph, want.Options), got.Options);
        }
        Assert.Equal(graph.Lookups.Select(l => (l.Name, l.Function, l.Arguments)), parsed.Lookups.Select(l => (l.Name, l.Function, l.Arguments)));
        Assert.Equal(graph.Outputs.Select(o => (o.Name, o.Value, o.Secret)), parsed.Outputs.Select(o => (o.Name, o.Value, o.Secret)));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Json_plan_parses_back_to_the_whole_graph_and_its_load(string stack)
    {
        var plan = Repo.Plan(stack);
        var json = new JsonPlanRenderer().Render(plan);

        var parsed = InputReader.Read(json, "plan.json");

        Assert.Equal(InputKind.JsonPlan, parsed.Kind);
        Assert.Equal(stack, parsed.Graph.Stack);
        Assert.Null(GraphDiff.First(plan.Graph, parsed.Graph));
        Assert.True(plan.Graph.Nodes.SequenceEqual(parsed.Graph.Nodes));
        Assert.True(plan.Graph.Outputs.SequenceEqual(parsed.Graph.Outputs));
        Assert.NotNull(parsed.Load);
        Assert.Equal(plan.Blueprint.Sizing.Load.PeakConcurrent, parsed.Load!.PeakConcurrent);
        Assert.Equal(plan.Blueprint.Sizing.Load.DesignLoad, parsed.Load.DesignLoad);
        Assert.Equal(plan.Settings.HighAvailability, parsed.Load.HighAvailability);
        Assert.Equal(plan.Blueprint.Sizing.Storage.HighGb, parsed.Load.StorageHighGb);
    }

    [Fact]
    public void Hand_made_values_survive_both_formats()
    {
        var props = V.Map(
            ("literalDollar", "cost is ${not a ref} and $${also literal}"),
            ("ref", V.Ref("other", "arn")),
            ("indexed", V.Ref("other", "masterUserSecrets[0].secretArn")),
            ("interp", V.Concat("arn:", V.Ref("other", "id"), "/*")),
            ("json", V.Json(V.Map(("Statement", V.List(V.Map(("Resource", "*"))))))),
            ("secret", V.Secret("s3cr3t")),
            ("b64", V.Base64(V.Concat("#!/bin/bash\necho ${HOME}\n", V.Ref("other", "id")))),
            ("numbers", V.List(1, 2.5m, 5368709120L, -3)),
            ("looksLikeNumber", "0755"),
            ("looksLikeBool", "true"),
            ("empty", ""),
            ("nothing", NullValue.Instance),
            ("emptyMap", MapValue.Empty),
            ("emptyList", V.List()),
            ("multiline", "line one\nline two\n"),
            ("quotes", "say \"hi\": # not a comment"));
        var graph = new ResourceGraph("t", [
            new ResourceNode("c", "mattermost:infra:Test", MapValue.Empty, NodeOptions.None, "component"),
            new ResourceNode("other", "aws:s3/bucket:Bucket", MapValue.Empty, NodeOptions.None with { Parent = "c" }, "x"),
            new ResourceNode("thing", "aws:s3/bucketPolicy:BucketPolicy", props,
                new NodeOptions { Parent = "c", DependsOn = ["other"], Protect = true, RetainOnDelete = true, IgnoreChanges = ["tags"], AdditionalSecretOutputs = ["arn"] }, "y"),
        ], [], [new GraphOutput("out", V.Ref("other", "id"), true, "d")]);

        var fromYaml = PulumiYamlParser.Parse(new PulumiYamlRenderer().Render(graph, "p"), "p.yaml");
        Assert.Equal(props, fromYaml["thing"].Properties);
        Assert.Equal(new NodeOptions { DependsOn = ["other"], Protect = true, RetainOnDelete = true, IgnoreChanges = ["tags"], AdditionalSecretOutputs = ["arn"] }, fromYaml["thing"].Options);
        Assert.True(fromYaml.Outputs.Single().Secret);

        var json = new System.IO.MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(json, JsonValueWriter.Options))
        {
            w.WriteStartObject();
            JsonPlanRenderer.WriteGraph(w, graph);
            w.WriteEndObject();
        }
        var fromJson = InputReader.Read(System.Text.Encoding.UTF8.GetString(json.ToArray()), "g.json");
        Assert.Null(GraphDiff.First(graph, fromJson.Graph));
        Assert.True(graph.Nodes.SequenceEqual(fromJson.Graph.Nodes));
        Assert.Null(fromJson.Load);
    }
}
