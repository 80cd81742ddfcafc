using Infra.Cli;
using Infra.Core.Tests.Support;
using Moq;

namespace Infra.Core.Tests.Cli;

/// <summary>
/// Every failure is an exit code and a message naming the file and key, never a stack trace, and
/// <c>plan --all --write</c> writes every file or none.
/// </summary>
public class FailureExitTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    private static void AssertNoTrace(string err)
    {
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
    }

    [Fact]
    public void Growth_that_overflows_the_projection_is_bad_input()
    {
        using var p = new TempProject(TempProject.With(
            "mattermost:registeredUsers: 5000000", "mattermost:annualGrowthPercent: 500", "mattermost:growthHorizonMonths: 60"));
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "staging");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:annualGrowthPercent:", err);
        Assert.Contains("5,000,000", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void A_load_no_node_type_holds_is_refused_with_the_largest_load_that_plans()
    {
        using var p = new TempProject(TempProject.With("mattermost:registeredUsers: 5000000", "mattermost:concurrencyRatio: 1"));
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "staging");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:registeredUsers:", err);
        Assert.Matches(@"The largest load this stack's shape plans with the same settings is mattermost:registeredUsers = [\d,]+", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void An_alias_bomb_is_bad_input()
    {
        var lines = new List<string> { "  acme:lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i <= 9; i++)
            lines.Add($"  acme:lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]");
        using var p = new TempProject(TempProject.MinimalStack + "\n" + string.Join("\n", lines) + "\n");
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "staging");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Pulumi.staging.yaml: (file): YAML aliases expand to more than", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void An_alias_bomb_as_checked_program_is_bad_input()
    {
        using var p = new TempProject(null);
        var lines = new List<string> { "name: x", "runtime: yaml", "variables:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i <= 9; i++)
            lines.Add($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]");
        lines.Add("resources: {}");
        var program = Path.Combine(p.Directory, "program.yaml");
        File.WriteAllText(program, string.Join("\n", lines) + "\n");
        var (code, _, err) = Run(p.Directory, "check", "--input", program);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("YAML aliases expand to more than", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void A_directory_as_checked_program_is_bad_input()
    {
        using var p = new TempProject(null);
        Directory.CreateDirectory(Path.Combine(p.Directory, "program.yaml"));
        var (code, _, err) = Run(p.Directory, "check", "--input", "program.yaml");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("program.yaml: is a directory", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void An_unreadable_stack_file_is_bad_input()
    {
        using var p = new TempProject(null, "staging");
        Directory.CreateDirectory(Path.Combine(p.Directory, "Pulumi.staging.yaml"));
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "staging");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Pulumi.staging.yaml: (file): is a directory", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void A_bad_stack_name_is_bad_input_with_the_file_named()
    {
        using var p = new TempProject(TempProject.With("mattermost:environment: staging"), "QA");
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "QA");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Pulumi.QA.yaml: (stack name):", err);
        AssertNoTrace(err);
    }

    [Fact]
    public void An_unexpected_failure_is_a_message_and_exit_70_not_a_trace()
    {
        var command = new Mock<ICommand>();
        command.Setup(c => c.Spec).Returns(new CommandSpec("boom", "boom", "fails", [], []));
        command.Setup(c => c.Run(It.IsAny<CliContext>())).Throws(new NullReferenceException("somewhere deep"));
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["boom"], o, e, Repo.Root, [command.Object]);
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Contains("internal error", e.ToString());
        Assert.Contains("somewhere deep", e.ToString());
        Assert.DoesNotContain("   at ", e.ToString());
    }

    /// <summary>Two stacks with their artifacts written, then a change that would rewrite the pilot's.</summary>
    private static TempProject WrittenTwoStacks()
    {
        var p = new TempProject(TempProject.MinimalStack, "staging");
        p.WriteStack("pilot", TempProject.With("mattermost:vpcCidr: 10.50.0.0/16"));
        var first = Run(p.Directory, "plan", "--all", "--write");
        Assert.True(first.Code == 0, first.Err);
        p.WriteStack("pilot", TempProject.With("mattermost:vpcCidr: 10.50.0.0/16", "mattermost:registeredUsers: 2000"));
        p.WriteStack("staging", TempProject.With("mattermost:registeredUsers: 3000"));
        return p;
    }

    private static Dictionary<string, byte[]> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => File.Exists(f) ? File.ReadAllBytes(f) : []);

    [Fact]
    public void Write_all_where_a_stack_folder_is_a_file_changes_nothing()
    {
        using var p = WrittenTwoStacks();
        var staging = Path.Combine(p.Directory, "stacks", "staging");
        Directory.Delete(staging, recursive: true);
        File.WriteAllText(staging, "a file where the staging folder belongs\n");
        var before = Snapshot(p.Directory);

        var (code, output, err) = Run(p.Directory, "plan", "--all", "--write");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("stacks/staging", err);
        Assert.Contains("is a file", err);
        Assert.Contains("nothing was written", err);
        AssertNoTrace(err);
        var after = Snapshot(p.Directory);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"{path} changed");
    }

    [Fact]
    public void Write_all_where_an_artifact_is_a_folder_changes_nothing()
    {
        using var p = WrittenTwoStacks();
        var summary = Path.Combine(p.Directory, "stacks", "staging", "summary.md");
        File.Delete(summary);
        Directory.CreateDirectory(summary);
        var before = Snapshot(p.Directory);

        var (code, _, err) = Run(p.Directory, "plan", "--all", "--write");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("stacks/staging/summary.md", err);
        Assert.Contains("is a directory", err);
        AssertNoTrace(err);
        var after = Snapshot(p.Directory);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[path]), $"{path} changed");
    }

    [Fact]
    public void Write_all_replaces_every_file_when_nothing_is_in_the_way()
    {
        using var p = WrittenTwoStacks();
        var pilotPlan = Path.Combine(p.Directory, "stacks", "pilot", "plan.json");
        var before = File.ReadAllText(pilotPlan);
        var (code, _, err) = Run(p.Directory, "plan", "--all", "--write");
        Assert.True(code == 0, err);
        Assert.NotEqual(before, File.ReadAllText(pilotPlan));
        Assert.Equal(0, Run(p.Directory, "plan", "--all", "--check").Code);
        Assert.Equal(["Pulumi.pilot.yaml", "Pulumi.staging.yaml", "Pulumi.yaml", "stacks"],
            Directory.EnumerateFileSystemEntries(p.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
