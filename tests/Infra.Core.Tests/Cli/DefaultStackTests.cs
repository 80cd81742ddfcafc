using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cli;

/// <summary>
/// Without --stack, plan and diff take production; a project without Pulumi.production.yaml that has exactly one stack
/// file (each example) takes that stack and says so, so that `plan --project-dir examples/eu-pilot` plans its pilot.
/// </summary>
public class DefaultStackTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--today", Repo.Today.ToString("yyyy-MM-dd")], o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Plan_of_an_example_with_one_stack_plans_that_stack_and_says_so()
    {
        var (code, output, err) = Run(Repo.Root, "plan", "--project-dir", "examples/eu-pilot");
        Assert.True(code == 0, err);
        Assert.StartsWith("Mattermost plan for stack 'pilot'", output);
        Assert.Contains("stack 'pilot': the only stack of ", err);
        Assert.Contains("no Pulumi.production.yaml", err);
    }

    [Fact]
    public void Diff_of_a_project_with_one_stack_compares_that_stack()
    {
        using var p = new TempProject(TempProject.MinimalStack, stack: "staging");
        var (planCode, json, planErr) = Run(p.Directory, "plan", "--format", "json");
        Assert.True(planCode == 0, planErr);
        File.WriteAllText(Path.Combine(p.Directory, "base.json"), json);
        var (code, output, err) = Run(p.Directory, "diff", "--base", "base.json");
        Assert.True(code == 0, err);
        Assert.Contains("'staging'", output);
    }

    [Fact]
    public void The_production_stack_stays_the_default_where_it_exists()
    {
        var (code, output, err) = Run(Repo.Root, "plan");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.StartsWith("Mattermost plan for stack 'production'", output);
    }

    [Fact]
    public void Several_stacks_and_no_production_stack_is_an_error_naming_them()
    {
        using var p = new TempProject(TempProject.MinimalStack, stack: "qa");
        p.WriteStack("demo", TempProject.MinimalStack);
        var (code, output, err) = Run(p.Directory, "plan");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Pulumi.production.yaml", err);
        Assert.Contains("known stacks: demo, qa", err);
    }
}
