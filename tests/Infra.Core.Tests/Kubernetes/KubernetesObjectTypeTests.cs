using System.Text.Json;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Rendering;
using Infra.Core.Tests.Components;
using Infra.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Tests.Kubernetes;

/// <summary>
/// pulumi-kubernetes builds the request to the Kubernetes API from the registered inputs alone: a Namespace
/// registered without apiVersion and kind fails on create. The graph therefore carries them on every
/// Kubernetes object node, and they must be what the provider schema's const values say.
/// </summary>
public class KubernetesObjectTypeTests
{
    /// <summary>tests/Infra.Core.Tests/Data/kubernetes-object-types.json: the schema's const values, copied with their source.</summary>
    private static readonly Lazy<(Dictionary<string, (string ApiVersion, string Kind)> Objects, HashSet<string> Others)> Schema = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Data", "kubernetes-object-types.json")));
        var objects = doc.RootElement.GetProperty("objects").EnumerateObject().ToDictionary(
            p => p.Name, p => (p.Value.GetProperty("apiVersion").GetString()!, p.Value.GetProperty("kind").GetString()!));
        var others = doc.RootElement.GetProperty("noApiVersionKind").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        return (objects, others);
    });

    public static IEnumerable<object[]> SchemaObjects => Schema.Value.Objects.Keys.Order(StringComparer.Ordinal).Select(t => new object[] { t });

    public static IEnumerable<object[]> AllPlans =>
        Repo.Stacks.Select(s => new object[] { "", (string)s[0] }).Concat(ExampleStackTests.Examples);

    private static StackPlan PlanOf(string example, string stack) =>
        example.Length == 0 ? Repo.Plan(stack) : new Planner(Path.Combine(Repo.Root, "examples", example)).Plan(stack);

    [Theory]
    [MemberData(nameof(SchemaObjects))]
    public void The_derivation_from_the_token_equals_the_schemas_const_values(string token)
    {
        var expected = Schema.Value.Objects[token];
        Assert.Equal(new KubernetesObjectType(expected.ApiVersion, expected.Kind), KubernetesObjectType.Of(token));
    }

    [Fact]
    public void Tokens_without_apiVersion_and_kind_inputs_derive_nothing()
    {
        Assert.NotEmpty(Schema.Value.Others);
        foreach (var token in Schema.Value.Others.Append("pulumi:providers:kubernetes").Append("aws:s3/bucket:Bucket").Append("mattermost:infra:MattermostCluster"))
            Assert.Null(KubernetesObjectType.Of(token));
    }

    [Theory]
    [MemberData(nameof(AllPlans))]
    public void Every_kubernetes_object_node_carries_the_schemas_apiVersion_and_kind(string example, string stack)
    {
        var graph = PlanOf(example, stack).Graph;

        foreach (var node in graph.Resources.Where(n => n.Type.StartsWith("kubernetes:", StringComparison.Ordinal)))
        {
            if (Schema.Value.Others.Contains(node.Type))
            {
                Assert.Null(node.Properties["apiVersion"]);
                Assert.Null(node.Properties["kind"]);
                continue;
            }
            Assert.True(Schema.Value.Objects.TryGetValue(node.Type, out var expected),
                $"{node.Name}: {node.Type} is not in tests/Infra.Core.Tests/Data/kubernetes-object-types.json; copy its schema consts there");
            Assert.Equal(new StringValue(expected.ApiVersion), node.Properties["apiVersion"]);
            Assert.Equal(new StringValue(expected.Kind), node.Properties["kind"]);
        }
    }

    [Fact]
    public void Every_kubernetes_object_type_the_stacks_declare_is_checked()
    {
        // The licence Secret only exists with a licence, so a licensed plan is included.
        var declared = Repo.Stacks.Select(s => Repo.Plan((string)s[0]).Graph).Append(KubernetesPlans.Licensed().Graph)
            .SelectMany(g => g.Resources).Select(n => n.Type).Where(t => t.StartsWith("kubernetes:", StringComparison.Ordinal)).ToHashSet();
        string[] objects = ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:Secret",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:policy/v1:PodDisruptionBudget"];
        Assert.All(objects, t => Assert.Contains(t, declared));
        var licence = KubernetesPlans.Licensed().Graph["mattermostLicense"].Properties;
        Assert.Equal(new StringValue("v1"), licence["apiVersion"]);
        Assert.Equal(new StringValue("Secret"), licence["kind"]);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void The_rendered_program_and_the_json_plan_carry_them(string stack)
    {
        var plan = Repo.Plan(stack);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName)));
        var resources = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["resources"];
        var ns = (YamlMappingNode)((YamlMappingNode)resources["mattermostNamespace"])["properties"];
        Assert.Equal("v1", ((YamlScalarNode)ns["apiVersion"]).Value);
        Assert.Equal("Namespace", ((YamlScalarNode)ns["kind"]).Value);

        using var doc = JsonDocument.Parse(new JsonPlanRenderer().Render(plan));
        var pdb = doc.RootElement.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "kubernetes:policy/v1:PodDisruptionBudget");
        Assert.Equal("policy/v1", pdb.GetProperty("properties").GetProperty("apiVersion").GetString());
        Assert.Equal("PodDisruptionBudget", pdb.GetProperty("properties").GetProperty("kind").GetString());
    }

    [Fact]
    public void A_node_declaring_another_kind_than_its_token_is_refused()
    {
        var g = new GraphBuilder("t");
        var c = g.Component("app", "mattermost:infra:MattermostCluster", "test");

        var e = Assert.Throws<GraphException>(() => c.Add("ns", "kubernetes:core/v1:Namespace", V.Map(("kind", "ServiceAccount")), "test"));

        Assert.Contains("ns", e.Message);
        Assert.Contains("kind", e.Message);
        Assert.Equal(new StringValue("Namespace"), c.Add("ns2", "kubernetes:core/v1:Namespace", V.Map(("kind", "Namespace")), "test").Properties["kind"]);
    }
}
