using Infra.Cli;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>
/// The documentation's commands run as documented: every CLI line of a code block in README.md, docs/ and
/// examples/README.md, run against the CLI in a copy of the repository (it may write there), exits 0 or the code its
/// comment names. Commands that take --today and do not give it plan on the tests' fixed day, so that a version's
/// support window ending does not fail this test instead of the check that says so (plan --all --check in CI).
/// </summary>
public class DocCommandsTests
{
    public static IEnumerable<object[]> Commands => DocCommands.All.Select(c => new object[] { c.Page, c.Line, c.Text });

    [NeedsToolsTheory("git")]
    [MemberData(nameof(Commands))]
    public void Every_documented_command_runs_as_documented(string page, int line, string text)
    {
        var command = DocCommands.All.Single(c => c.Page == page && c.Line == line && c.Text == text);
        using var copy = new RepositoryCopy();
        foreach (var dir in command.Directories) Directory.CreateDirectory(Path.GetFullPath(dir, copy.Root));
        var args = command.Args.ToList();
        var spec = CliApp.Commands.FirstOrDefault(c => c.Spec.Name == args[0])?.Spec;
        if (spec?.Options.Contains("today") == true && !args.Contains("--today")) args.AddRange(["--today", Repo.Today.ToString("yyyy-MM-dd")]);

        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, copy.Root);

        Assert.True(code == command.ExpectedExit, $"{command}\nexit {code}, the documentation says {command.ExpectedExit}\n--- stderr\n{e}");
        Assert.DoesNotContain("internal error", e.ToString());
    }

    [Fact]
    public void The_commands_are_found_with_their_exit_codes_and_placeholders_filled()
    {
        Assert.Contains(DocCommands.All, c => c.Page == "README.md" && c.Text == DocCommands.Prefix + "plan");
        Assert.Contains(DocCommands.All, c => c.Page == "docs/commands.md" && c.Args.Contains("--today") && c.ExpectedExit == 2);
        foreach (var folder in DocCommands.ExampleFolders)
            Assert.Contains(DocCommands.All, c => c.Page == "examples/README.md" && c.Text == $"{DocCommands.Prefix}plan --project-dir examples/{folder}");
        Assert.Contains(DocCommands.All, c => c.Directories.Count > 0 && c.Args.Contains("pulumi-yaml"));
        Assert.Equal(["plan", "--out", "a b", "x"], DocCommands.Words("plan --out 'a b' \"x\"", "t", 1));
        Assert.Throws<InvalidOperationException>(() => DocCommands.Words("plan > x", "t", 1));
    }

    public static IEnumerable<object[]> Examples => DocCommands.ExampleFolders.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_plans_with_project_dir_alone(string folder)
    {
        var stack = Assert.Single(new Planner(Path.Combine(Repo.Root, "examples", folder)).Loader.AvailableStacks());
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["plan", "--project-dir", $"examples/{folder}", "--today", Repo.Today.ToString("yyyy-MM-dd")], o, e, Repo.Root);
        Assert.True(code == 0, e.ToString());
        Assert.StartsWith($"Mattermost plan for stack '{stack}'", o.ToString());
    }
}
