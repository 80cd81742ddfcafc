using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>
/// A stack's name becomes part of S3 bucket prefixes, KMS aliases, RDS snapshot identifiers, log group
/// names, tags and the VM tier's boot script, so it is held to the strictest of those rules.
/// </summary>
public class StackNameTests
{
    private static ConfigProblem ProblemFor(string stack)
    {
        using var p = new TempProject(TempProject.With("mattermost:environment: staging"), stack);
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack));
        return Assert.Single(e.Problems);
    }

    [Theory]
    [InlineData("QA", "Pulumi.QA.yaml", "lower case")]
    [InlineData("qa_1", "Pulumi.qa_1.yaml", "'_'")]
    [InlineData("qa.1", "Pulumi.qa.1.yaml", "'.'")]
    [InlineData("qa-", "Pulumi.qa-.yaml", "end with a letter or digit")]
    [InlineData("qa--1", "Pulumi.qa--1.yaml", "two hyphens")]
    [InlineData("1qa", "Pulumi.1qa.yaml", "start with a letter")]
    [InlineData("q a", "Pulumi.q a.yaml", "Pulumi stack names")]
    [InlineData("qa\nrm -rf", "Pulumi.qa\\nrm -rf.yaml", "Pulumi stack names")]
    [InlineData("qa$(id)", "Pulumi.qa$(id).yaml", "Pulumi stack names")]
    [InlineData("customer-acceptance-tests", "Pulumi.customer-acceptance-tests.yaml", "37 characters")]
    public void Names_outside_the_closed_set_are_refused_with_file_and_reason(string stack, string file, string reason)
    {
        var problem = ProblemFor(stack);
        Assert.Equal(file, problem.File);
        Assert.Equal("(stack name)", problem.Key);
        Assert.Contains(reason, problem.Message);
        Assert.DoesNotContain("\n", problem.ToString());
    }

    [Fact]
    public void A_path_as_stack_name_never_reaches_the_file_system()
    {
        using var p = new TempProject(TempProject.MinimalStack, "staging");
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load("../staging"));
        Assert.Equal("(stack name)", Assert.Single(e.Problems).Key);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("qa-2")]
    [InlineData("eu-west-load-test1")]
    public void Names_in_the_closed_set_plan(string stack)
    {
        using var p = new TempProject(TempProject.With("mattermost:environment: staging"), stack);
        var plan = new Planner(p.Directory).Plan(stack);
        Assert.Equal(stack, plan.Stack);
    }

    [Fact]
    public void Every_badly_named_stack_file_is_reported_by_load_all()
    {
        using var p = new TempProject(TempProject.MinimalStack, "staging");
        p.WriteStack("QA", TempProject.With("mattermost:environment: staging"));
        p.WriteStack("a b", TempProject.With("mattermost:environment: staging"));
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).LoadAll());
        Assert.Equal(["Pulumi.QA.yaml", "Pulumi.a b.yaml"], e.Problems.Select(x => x.File).Order(StringComparer.Ordinal));
    }
}
