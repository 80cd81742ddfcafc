using System.Text.Json;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Tests.Rendering;

public class RendererTests
{
    private static readonly Func<StackPlan, string>[] Renderers =
    [
        p => new PulumiYamlRenderer().Render(p.Graph, p.Settings.ProjectName),
        p => new JsonPlanRenderer().Render(p),
        p => new MarkdownPlanRenderer().Render(p),
        p => new TextPlanRenderer().Render(p),
    ];

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_same_input_gives_byte_identical_output(string stack)
    {
        // Two plans built independently from the files, not one plan rendered twice.
        var a = new Planner(Repo.Root, Repo.Today).Plan(stack);
        var b = new Planner(Repo.Root, Repo.Today).Plan(stack);
        Assert.NotSame(a.Graph, b.Graph);
        foreach (var render in Renderers)
            Assert.Equal(render(a), render(b));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_outputs_hold_no_machine_paths_or_times(string stack)
    {
        foreach (var render in Renderers)
        {
            var text = render(Repo.Plan(stack));
            Assert.DoesNotContain(Repo.Root, text);
            Assert.DoesNotMatch(@"20\d\d-\d\d-\d\dT\d\d:", text);
        }
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_pulumi_yaml_program_declares_every_resource_with_its_type_and_properties(string stack)
    {
        var plan = Repo.Plan(stack);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName)));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("yaml", ((YamlScalarNode)root["runtime"]).Value);
        var resources = (YamlMappingNode)root["resources"];
        var resourceNodes = PulumiYamlRenderer.ProgramOrder(plan.Graph).Where(n => !n.IsComponent).ToList(); // grouped under their components
        Assert.Equal(resourceNodes.Select(n => n.Name), resources.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
        foreach (var node in resourceNodes)
        {
            var r = (YamlMappingNode)resources[node.Name];
            Assert.Equal(node.Type, ((YamlScalarNode)r["type"]).Value);
            var props = (YamlMappingNode)r["properties"];
            Assert.Equal(node.Properties.Entries.Keys, props.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
            var options = (YamlMappingNode)r["options"];
            Assert.Equal(node.Options.Protect, options.Children.ContainsKey("protect"));
            Assert.Equal(node.Package == "aws" ? "7.48.0" : "4.34.2", ((YamlScalarNode)options["version"]).Value);
        }
        Assert.Equal(plan.Graph.Outputs.Select(o => o.Name), ((YamlMappingNode)root["outputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
    }

    [Fact]
    public void Scalars_that_look_like_other_types_stay_strings()
    {
        foreach (var text in new[] { "true", "no", "16.6", "0755", "1e3", "null", "~", "-1", "a: b", "#x", "x #y", "", " lead", "*", "{x}" })
            Assert.StartsWith("\"", YamlText.Scalar(text));
        Assert.Equal("aws:kms", YamlText.Scalar("aws:kms"));
        Assert.Equal("us-east-1a", YamlText.Scalar("us-east-1a"));
        Assert.Equal("/api/v4/system/ping", YamlText.Scalar("/api/v4/system/ping"));
    }

    [Fact]
    public void Literal_dollar_braces_are_escaped_and_references_are_not()
    {
        var b = new GraphBuilder("t");
        var c = b.Component("c", "mattermost:infra:Network", "t");
        c.Add("bucket", "aws:s3/bucket:Bucket", V.Map(("bucketPrefix", "x")), "t");
        c.Add("lt", "aws:ec2/launchTemplate:LaunchTemplate", V.Map(
            ("userData", V.Base64(V.Concat("echo ${HOME}\nexport B=", V.Ref("bucket", "bucket"), "\n"))),
            ("description", "costs $5")), "t");
        var yamlText = new PulumiYamlRenderer().Render(b.Build(), "p");
        Assert.Contains("echo $${HOME}", yamlText);
        Assert.Contains("export B=${bucket.bucket}", yamlText);
        Assert.Contains("costs $5", yamlText);
        Assert.DoesNotContain("costs $$5", yamlText);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(yamlText));
        var ud = (YamlScalarNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["resources"])["lt"])["properties"])["userData"]["fn::toBase64"];
        Assert.Equal("echo $${HOME}\nexport B=${bucket.bucket}\n", ud.Value);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_json_plan_is_valid_json_with_every_resource(string stack)
    {
        var plan = Repo.Plan(stack);
        using var doc = JsonDocument.Parse(new JsonPlanRenderer().Render(plan));
        var root = doc.RootElement;
        Assert.Equal(stack, root.GetProperty("stack").GetString());
        Assert.Equal(plan.Graph.Nodes.Length, root.GetProperty("resources").GetArrayLength());
        Assert.Equal(plan.Blueprint.Sizing.App.Nodes, root.GetProperty("sizing").GetProperty("app").GetProperty("nodes").GetInt32());
        var db = root.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "databaseCluster");
        Assert.Equal("${databaseKey.arn}", db.GetProperty("properties").GetProperty("kmsKeyId").GetString());
    }

    [Fact]
    public void The_text_plan_shows_the_sizing_rationale()
    {
        // Wide enough that no reason is wrapped inside its cell (80-column rendering: TextWidthTests).
        var text = new TextPlanRenderer(240).Render(Repo.Plan("production"));
        Assert.Contains("Sizing and why", text);
        Assert.Contains("nodes after losing a zone", text);
        Assert.Contains(Repo.Plan("production").Blueprint.Sizing.Kubernetes!.PodDescription, text);
        Assert.Contains(Repo.Plan("production").Blueprint.Sizing.Kubernetes!.NodeInstanceType, text);
        Assert.DoesNotContain("\u001b[", text); // no terminal colour codes in redirected output
    }
}
