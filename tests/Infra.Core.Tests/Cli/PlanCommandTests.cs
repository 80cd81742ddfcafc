using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cli;

public class PlanCommandTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Plan_defaults_to_the_production_stack_as_text()
    {
        var (code, output, err) = Run(Repo.Root, "plan");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.StartsWith("Mattermost plan for stack 'production'", output);
    }

    [Theory]
    [InlineData("pulumi-yaml", "runtime: yaml")]
    [InlineData("json", "\"formatVersion\": 1")]
    [InlineData("markdown", "# Mattermost `pilot` stack")]
    public void Plan_renders_each_format(string format, string expected)
    {
        var (code, output, _) = Run(Repo.Root, "plan", "--stack", "pilot", "--format", format);
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public void Plan_finds_the_project_from_a_subdirectory()
    {
        var (code, output, _) = Run(Path.Combine(Repo.Root, "infra"), "plan", "--stack", "staging");
        Assert.Equal(0, code);
        Assert.Contains("stack 'staging'", output);
    }

    [Fact]
    public void A_broken_stack_file_exits_2_names_file_and_key_and_writes_nothing()
    {
        using var p = new TempProject(TempProject.With("mattermost:highAvailability: perhaps", "mattermost:availabilityZones: 9"));
        var target = Path.Combine(p.Directory, "out.yaml");
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "staging", "--format", "pulumi-yaml", "--out", target);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:highAvailability: expected true or false, got 'perhaps'", err);
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:availabilityZones:", err);
        Assert.Contains("nothing was written", err);
        Assert.DoesNotContain("   at ", err); // no stack trace
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(p.Directory, "*.tmp"));
    }

    [Fact]
    public void Out_writes_the_whole_file()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var target = Path.Combine(p.Directory, "plan.json");
        var (code, output, _) = Run(p.Directory, "plan", "--stack", "staging", "--format", "json", "--out", target);
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.EndsWith("}\n", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(p.Directory, "plan*"));
    }

    [Fact]
    public void Out_into_a_missing_directory_is_bad_input()
    {
        var (code, _, err) = Run(Repo.Root, "plan", "--out", "/nonexistent-dir/x.txt");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent-dir/x.txt: the directory /nonexistent-dir does not exist", err);
    }

    [Theory]
    [InlineData(new[] { "plan", "--format", "xml" }, "--format must be one of text, markdown, json, pulumi-yaml")]
    [InlineData(new[] { "plan", "--stak", "pilot" }, "unknown option '--stak'")]
    [InlineData(new[] { "plan", "--stack" }, "--stack needs a value")]
    [InlineData(new[] { "plan", "pilot" }, "unexpected argument 'pilot'")]
    [InlineData(new[] { "deploy" }, "unknown command 'deploy'")]
    [InlineData(new[] { "plan", "--stack", "qa" }, "Pulumi.qa.yaml: (file): not found")]
    public void Bad_arguments_exit_2_with_a_clear_message(string[] args, string message)
    {
        var (code, output, err) = Run(Repo.Root, args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, output, _) = Run(Repo.Root, "help");
        Assert.Equal(0, code);
        Assert.Contains("plan [--stack NAME]", output);
        Assert.Contains("bench", output);
    }
}
