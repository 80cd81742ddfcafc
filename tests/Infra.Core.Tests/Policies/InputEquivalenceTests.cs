using Infra.Core.Parsing;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>Checking a rendered Pulumi YAML program (or JSON plan) gives the same results as checking the graph it came from.</summary>
public class InputEquivalenceTests
{
    private static IEnumerable<(string, string, Outcome, string, string)> Key(StackAudit a) =>
        a.Results.Select(r => (r.PolicyId, r.Resource, r.Outcome, r.Message, string.Join(",", r.Controls)));

    /// <summary>The default stacks (pilot on the VM tier, staging and production on Kubernetes) and staging and production on the VM tier.</summary>
    public static IEnumerable<object[]> Variants => [["pilot"], ["staging"], ["production"], ["staging-vm"], ["production-vm"]];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Pulumi_yaml_program_gives_the_same_results_as_its_graph(string variant)
    {
        var stack = variant.Replace("-vm", "", StringComparison.Ordinal);
        var plan = variant.EndsWith("-vm", StringComparison.Ordinal) ? VmPlan(stack) : Repo.Plan(stack);
        var program = new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName);
        var parsed = InputReader.Read(program, "program.yaml", stack).Graph;

        foreach (var sizing in new[] { SizingBasis.From(plan), null })
        {
            var fromGraph = PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(plan.Graph, sizing, Today, plan.Settings.Waivers), "x");
            var fromProgram = PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(parsed, sizing, Today, plan.Settings.Waivers), "x");
            Assert.Equal(Key(fromGraph), Key(fromProgram));
        }
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Json_plan_carries_its_load_so_sizing_policies_run(string stack)
    {
        var plan = Repo.Plan(stack);
        var parsed = InputReader.Read(new JsonPlanRenderer().Render(plan), "plan.json");
        var ctx = new PolicyContext(parsed.Graph, SizingBasis.From(parsed.Load!, "plan.json"), Today, plan.Settings.Waivers, plan.Settings.Environment);

        var fromPlan = PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(plan, Today), "x");
        var fromJson = PolicyEvaluator.Evaluate(PolicyPack.Default, ctx, "x");
        Assert.Equal(Key(fromPlan), Key(fromJson));
        Assert.Contains(fromJson.Results, r => r.PolicyId == "MM-SIZE-001" && r.Outcome == Outcome.Pass);
    }

    [Fact]
    public void Environment_comes_from_the_resources_tags_when_a_program_is_checked_on_its_own()
    {
        var plan = Repo.Plan("production");
        var parsed = PulumiYamlParser.Parse(new PulumiYamlRenderer().Render(plan.Graph, "p"), "p.yaml", "anything");
        var ctx = new PolicyContext(parsed, null, Today);
        Assert.Equal(Infra.Core.Settings.EnvironmentKind.Production, ctx.Environment);
        Assert.True(ctx.HighAvailability);
    }
}
