using System.Text.Json;
using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Policies;

/// <summary>The check command end to end: selections, formats, exit codes 0/1/2, nothing written on bad input.</summary>
public class CheckCommandTests
{
    private static (int Code, string Out, string Err) Run(string workingDirectory, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, workingDirectory);
        return (code, o.ToString(), e.ToString());
    }

    private static JsonElement Results(string json, int stack = 0)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("stacks")[stack].GetProperty("results").Clone();
    }

    [Fact]
    public void Check_all_passes_on_the_default_stacks()
    {
        var (code, output, _) = Run(Repo.Root, "check", "--all");
        Assert.Equal(0, code);
        Assert.Contains("Policy check of pilot (Pulumi.pilot.yaml): PASS", output);
        Assert.Contains("Policy check of staging (Pulumi.staging.yaml): PASS", output);
        Assert.Contains("Policy check of production (Pulumi.production.yaml): PASS", output);
        Assert.EndsWith("All mandatory policies pass.\n", output);
    }

    [Fact]
    public void A_failing_mandatory_policy_exits_1_and_still_writes_the_report()
    {
        using var p = new TempProject(TempProject.With("mattermost:backupRetentionDays: 7"), "production");
        var report = Path.Combine(p.Directory, "audit.md");

        var (code, _, err) = Run(p.Directory, "check", "--stack", "production", "--format", "markdown", "--out", report);

        Assert.Equal(1, code);
        Assert.Contains("production: FAIL: 1 mandatory failure(s)", err);
        var md = File.ReadAllText(report);
        Assert.Contains("| MM-DATA-008 | mandatory | databaseCluster | fail | 7 days of backups; 30 needed (production, from the stack's settings) |", md);
    }

    [Theory]
    [InlineData("--input", "missing.yaml")]
    [InlineData("--input", "broken.yaml")]
    [InlineData("--all", "--input", "broken.yaml")]
    [InlineData("--format", "pdf")]
    [InlineData("--today", "2026-13-01")]
    [InlineData("--stack", "nosuchstack")]
    public void Bad_input_exits_2_with_a_message_and_writes_nothing(params string[] args)
    {
        using var p = new TempProject(TempProject.MinimalStack, "staging");
        File.WriteAllText(Path.Combine(p.Directory, "broken.yaml"), "resources:\n  a:\n    type: t:m:R\n    properties:\n      x: [1\n");
        var report = Path.Combine(p.Directory, "report.json");

        var (code, output, err) = Run(p.Directory, ["check", .. args, "--format", args.Contains("--format") ? "pdf" : "json", "--out", report]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(File.Exists(report));
        Assert.Empty(Directory.GetFiles(p.Directory, "*.tmp"));
        if (args.Contains("broken.yaml") && !args.Contains("--all")) Assert.Matches("broken.yaml: line [0-9]+: YAML syntax error", err);
    }

    [Fact]
    public void Input_program_with_a_stack_gives_the_same_results_as_the_stack()
    {
        using var dir = new TempDir();
        var program = Path.Combine(dir.Path, "program.yaml");
        Assert.Equal(0, Run(Repo.Root, "plan", "--stack", "production", "--format", "pulumi-yaml", "--out", program).Code);

        var fromStack = Run(Repo.Root, "check", "--stack", "production", "--format", "json");
        var fromProgram = Run(Repo.Root, "check", "--input", program, "--stack", "production", "--format", "json");

        Assert.Equal(0, fromProgram.Code);
        Assert.Equal(Results(fromStack.Out).GetRawText(), Results(fromProgram.Out).GetRawText());
        using var doc = JsonDocument.Parse(fromProgram.Out);
        Assert.Equal("program.yaml", doc.RootElement.GetProperty("stacks")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Input_json_plan_brings_its_own_load()
    {
        using var dir = new TempDir();
        var plan = Path.Combine(dir.Path, "plan.json");
        Run(Repo.Root, "plan", "--stack", "staging", "--format", "json", "--out", plan);

        var (code, output, _) = Run(Repo.Root, "check", "--input", plan, "--format", "json");

        Assert.Equal(0, code);
        Assert.Contains(Results(output).EnumerateArray(), r => r.GetProperty("policy").GetString() == "MM-SIZE-001" && r.GetProperty("outcome").GetString() == "pass");
    }

    [Fact]
    public void Input_program_alone_reports_load_based_sizing_as_not_applicable()
    {
        using var dir = new TempDir();
        var program = Path.Combine(dir.Path, "program.yaml");
        Run(Repo.Root, "plan", "--stack", "pilot", "--format", "pulumi-yaml", "--out", program);

        var (code, output, _) = Run(Repo.Root, "check", "--input", program, "--format", "json");

        Assert.Equal(0, code);
        var size = Results(output).EnumerateArray().Single(r => r.GetProperty("policy").GetString() == "MM-SIZE-001");
        Assert.Equal("not applicable", size.GetProperty("outcome").GetString());
        Assert.StartsWith("no projected load", size.GetProperty("message").GetString());
    }

    [Fact]
    public void Plan_all_write_commits_each_stack_s_audit_as_check_prints_it()
    {
        using var p = new TempProject(TempProject.MinimalStack, "staging");

        var written = Run(p.Directory, "plan", "--all", "--write");
        var audit = File.ReadAllText(Path.Combine(p.Directory, "stacks", "staging", "audit.md"));
        var printed = Run(p.Directory, "check", "--stack", "staging", "--format", "markdown");

        Assert.Equal(0, written.Code);
        Assert.StartsWith("# Policy audit\n\nGenerated by `check --stack staging --format markdown`.", audit);
        Assert.Equal(printed.Out, audit);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mm-check-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
