using Infra.Core.Graph;
using Infra.Core.Parsing;
using Infra.Core.Planning;
using Infra.Core.Rendering;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Parsing;

/// <summary>parse(render(graph)) gives back the graph's resources, properties and options, for every stack and both formats.</summary>
public class RoundTripTests
{
    /// <summary>Pulumi YAML has no components: a parent survives only when it is a real resource.</summary>
    internal static NodeOptions WithoutComponentParent(ResourceGraph g, NodeOptions o) =>
        o.Parent is { } p && g.Find(p) is { IsComponent: true } ? o with { Parent = null } : o;

    /// <summary>The default stacks, and each tier with the licence (a configuration value) set.</summary>
    public static IEnumerable<object[]> Variants => [["pilot"], ["staging"], ["production"], ["pilot+licence"], ["production+licence"]];

    private static StackPlan Variant(string name) => name.EndsWith("+licence", StringComparison.Ordinal)
        ? StackPlan.From(Repo.Settings(name[..name.IndexOf('+')]) with { LicenseKey = new SecretSetting("mattermost:licenseKey") })
        : Repo.Plan(name);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Pulumi_yaml_program_parses_back_to_the_same_resources(string variant)
    {
        var graph = Variant(variant).Graph;
        var stack = graph.Stack;
        var yaml = new PulumiYamlRenderer().Render(graph, "mattermost-infra");

        var parsed = PulumiYamlParser.Parse(yaml, "program.yaml", stack);

        var expected = PulumiYamlRenderer.ProgramOrder(graph).Where(n => !n.IsComponent).ToList(); // the program lists them under their components
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
    [MemberData(nameof(Variants))]
    public void Json_plan_parses_back_to_the_whole_graph_and_its_load(string variant)
    {
        var plan = Variant(variant);
        var stack = plan.Stack;
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

    [Fact]
    public void Kubernetes_tier_values_survive_both_formats()
    {
        // The kinds the Kubernetes tier added: a configuration secret, fn::join/split/select around references,
        // a provider node and resources that name it.
        var trust = V.Join("", "{\"sub\":\"", V.After("oidc-provider/", V.Ref("oidc", "arn")), ":sub\"}");
        var props = V.Map(
            ("licence", V.Secret(V.Config("mattermost:licenseKey"))),
            ("plainConfig", V.Config("aws:region")),
            ("inText", V.Concat("region ", V.Config("aws:region"), " of ", V.Ref("oidc", "arn"))),
            ("trust", trust),
            ("split", new FunctionValue(FunctionValue.Split, V.List(",", "a,b"))),
            ("manifest", V.Map(("objs", V.List(V.Map(("apiVersion", "v1"), ("kind", "ConfigMap"), ("data", V.Map(("k", "${not.a.ref}")))))))));
        var graph = new ResourceGraph("t", [
            new ResourceNode("oidc", "aws:iam/openIdConnectProvider:OpenIdConnectProvider", MapValue.Empty, NodeOptions.None, "x"),
            new ResourceNode("k8s", "pulumi:providers:kubernetes", V.Map(("kubeconfig", V.Json(V.Map(("server", V.Ref("oidc", "url")))))), NodeOptions.None, "p"),
            new ResourceNode("group", "kubernetes:yaml/v2:ConfigGroup", props, new NodeOptions { Provider = "k8s", DependsOn = ["oidc"] }, "y"),
        ], [], [new GraphOutput("licenceOut", V.Config("mattermost:licenseKey"), true, "d")]);

        var yaml = new PulumiYamlRenderer().Render(graph, "p");
        Assert.Contains("configuration:", yaml);
        var fromYaml = PulumiYamlParser.Parse(yaml, "p.yaml");
        Assert.Null(GraphDiff.First(props, fromYaml["group"].Properties));
        Assert.Equal(new NodeOptions { Provider = "k8s", DependsOn = ["oidc"] }, fromYaml["group"].Options);
        Assert.Equal(graph["k8s"].Properties, fromYaml["k8s"].Properties);
        Assert.Equal(V.Config("mattermost:licenseKey"), fromYaml.Outputs.Single().Value);

        var json = new System.IO.MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(json, JsonValueWriter.Options))
        {
            w.WriteStartObject();
            JsonPlanRenderer.WriteGraph(w, graph);
            w.WriteEndObject();
        }
        var fromJson = InputReader.Read(System.Text.Encoding.UTF8.GetString(json.ToArray()), "g.json");
        Assert.Null(GraphDiff.First(graph, fromJson.Graph));
    }

    [Fact]
    public void A_key_the_program_declares_under_configuration_is_a_configuration_value()
    {
        const string program = """
            name: foreign
            runtime: yaml
            configuration:
              instanceType:
                type: String
              foreign:dbPassword:
                type: String
                secret: true
            resources:
              vm:
                type: aws:ec2/instance:Instance
                properties:
                  instanceType: ${instanceType}
                  userData: "password ${dbPassword} for ${vm2.id}"
              vm2:
                type: aws:ec2/instance:Instance
            """;

        var g = PulumiYamlParser.Parse(program, "foreign.yaml");

        Assert.Equal(V.Config("instanceType"), g["vm"].Properties["instanceType"]);
        Assert.Equal(V.Concat("password ", V.Config("dbPassword"), " for ", V.Ref("vm2", "id")), g["vm"].Properties["userData"]);
    }

    [Fact]
    public void A_concatenation_of_one_reference_is_the_reference_as_pulumi_yaml_reads_it()
    {
        Assert.Equal(V.Ref("lt", "latestVersion"), V.Concat(V.Ref("lt", "latestVersion")));
        Assert.Equal(V.Config("mattermost:licenseKey"), V.Concat(V.Config("mattermost:licenseKey")));
        Assert.IsType<InterpolationValue>(V.Concat("v", V.Ref("lt", "latestVersion")));
    }
}
