using System.Diagnostics;
using Infra.Cli;
using Infra.Core.Artifacts;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

public class DiffCommandTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    private static void Git(string dir, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false" }.Concat(args)) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }

    [Fact]
    public void The_current_plan_against_itself_has_no_changes()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        Assert.Equal(0, Run(p.Directory, "plan", "--stack", "staging", "--format", "json", "--out", Path.Combine(p.Directory, "base.json")).Code);
        var (code, output, _) = Run(p.Directory, "diff", "--stack", "staging", "--base", "base.json");
        Assert.Equal(0, code);
        Assert.Contains("No changes", output);
        Assert.Contains("($0.00", output); // "on the priced items" where some are unpriced
    }

    [Fact]
    public void A_git_ref_base_reads_the_committed_plan_of_the_stack_and_shows_the_cost_change()
    {
        using var p = new TempProject(TempProject.With("mattermost:appTier: vm"));
        Git(p.Directory, "init", "-q");
        Assert.Equal(0, Run(p.Directory, "plan", "--stack", "staging", "--write").Code);
        Git(p.Directory, "add", "-A");
        Git(p.Directory, "commit", "-q", "-m", "base");
        p.WriteStack("staging", TempProject.With("mattermost:appTier: vm", "mattermost:registeredUsers: 40000"));

        var (code, output, err) = Run(p.Directory, "diff", "--stack", "staging", "--base", "HEAD");

        Assert.True(code == 0, err);
        Assert.Contains("against stacks/staging/plan.json at HEAD", output);
        Assert.Contains("~ update appAutoScalingGroup", output);
        Assert.Matches(@"Monthly cost: (at least )?\$[\d,.]+ -> (at least )?\$[\d,.]+ per month \(\+\$", output);
    }

    [Theory]
    [InlineData("missing.json", "missing.json: no such plan file")]
    [InlineData("no-such-ref", "no-such-ref: not a plan file, and not readable as a git ref")]
    [InlineData("--upload-pack=x", "is not a git revision")]
    public void A_base_that_cannot_be_read_exits_2(string baseArg, string message)
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var (code, output, err) = Run(p.Directory, "diff", "--stack", "staging", "--base=" + baseArg);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void A_malformed_plan_file_exits_2_naming_the_file_and_writes_nothing()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        File.WriteAllText(Path.Combine(p.Directory, "bad.json"), "{\"resources\": [{\"name\": 1}]}");
        var target = Path.Combine(p.Directory, "diff.md");
        var (code, _, err) = Run(p.Directory, "diff", "--stack", "staging", "--base", "bad.json", "--out", target);
        Assert.Equal(2, code);
        Assert.Contains("bad.json: resources[0].name: must be a string", err);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Base_is_required()
    {
        var (code, _, err) = Run(Repo.Root, "diff", "--stack", "production");
        Assert.Equal(2, code);
        Assert.Contains("--base is required", err);
    }

    [Fact]
    public void A_base_plan_of_another_stack_is_refused_naming_both_stacks()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var file = Path.Combine(p.Directory, "staging.json");
        File.WriteAllText(file, PlanRenderings.Json(Repo.Plan("staging")));
        var target = Path.Combine(p.Directory, "diff.txt");
        var (code, output, err) = Run(Repo.Root, "diff", "--stack", "production", "--base", file, "--out", target);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("is a plan of stack 'staging', not of stack 'production'", err);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_base_plan_of_another_project_is_refused_naming_both_projects()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var file = Path.Combine(p.Directory, "other.json");
        File.WriteAllText(file, PlanRenderings.Json(Repo.Plan("production")).Replace("\"project\": \"mattermost-infra\"", "\"project\": \"chat-platform\"", StringComparison.Ordinal));
        var (code, _, err) = Run(Repo.Root, "diff", "--stack", "production", "--base", file);
        Assert.Equal(2, code);
        Assert.Contains("is a plan of project 'chat-platform', not of project 'mattermost-infra'", err);
    }
}
