using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cli;

/// <summary>
/// --out never overwrites the project's configuration (Pulumi.yaml, Pulumi.&lt;stack&gt;.yaml), however it is reached,
/// and writes through a symlink to the file it points at, saying so.
/// </summary>
public class OutFileTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("Pulumi.yaml")]
    [InlineData("Pulumi.staging.yaml")]
    [InlineData("Pulumi.qa.yaml")]      // a new stack file would be picked up as a stack
    [InlineData("./Pulumi.yml")]
    public void Out_refuses_the_projects_configuration_files(string target)
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var before = Snapshot(p.Directory);
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "staging", "--format", "markdown", "--out", target);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(Path.GetFileName(target), err);
        Assert.Contains("the project's configuration", err);
        Assert.Contains("nothing was written", err);
        Assert.Equal(before, Snapshot(p.Directory));
    }

    [Fact]
    public void Out_refuses_a_configuration_file_reached_through_a_folder_symlink()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        using var other = new TempProject();
        var link = Path.Combine(other.Directory, "project");
        Directory.CreateSymbolicLink(link, p.Directory);
        var before = Snapshot(p.Directory);
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "staging", "--out", Path.Combine(link, "Pulumi.staging.yaml"));
        Assert.Equal(2, code);
        Assert.Contains("Pulumi.staging.yaml", err);
        Assert.Equal(before, Snapshot(p.Directory));
    }

    [Fact]
    public void Out_writes_through_a_symlink_to_the_file_it_points_at_and_says_so()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var real = Path.Combine(p.Directory, "reports", "plan.md");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, "old");
        var link = Path.Combine(p.Directory, "latest.md");
        File.CreateSymbolicLink(link, real);

        var (code, output, err) = Run(p.Directory, "plan", "--stack", "staging", "--format", "markdown", "--out", "latest.md");
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.StartsWith("# Mattermost `staging` stack", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget); // the link is still a link
        Assert.Contains("through the symlink latest.md", err);
        Assert.Contains(real, err);
        Assert.Empty(Directory.GetFiles(p.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Out_refuses_a_symlink_that_points_at_a_configuration_file()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var link = Path.Combine(p.Directory, "plan.md");
        File.CreateSymbolicLink(link, Path.Combine(p.Directory, "Pulumi.staging.yaml"));
        var before = Snapshot(p.Directory);
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "staging", "--format", "markdown", "--out", "plan.md");
        Assert.Equal(2, code);
        Assert.Contains("plan.md", err);
        Assert.Contains("Pulumi.staging.yaml", err);
        Assert.Equal(before, Snapshot(p.Directory));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Out_writes_a_dangling_symlinks_target_when_its_folder_exists()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var real = Path.Combine(p.Directory, "new.json");
        var link = Path.Combine(p.Directory, "plan.json");
        File.CreateSymbolicLink(link, real);
        var (code, _, _) = Run(p.Directory, "plan", "--stack", "staging", "--format", "json", "--out", "plan.json");
        Assert.Equal(0, code);
        Assert.StartsWith("{", File.ReadAllText(real));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Check_and_diff_refuse_the_configuration_files_too()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var before = Snapshot(p.Directory);
        Assert.Equal(2, Run(p.Directory, "check", "--stack", "staging", "--out", "Pulumi.yaml").Code);
        Assert.Equal(before, Snapshot(p.Directory));
    }

    [Fact]
    public void Out_still_writes_an_ordinary_file()
    {
        using var p = new TempProject(TempProject.MinimalStack);
        var (code, _, _) = Run(p.Directory, "plan", "--stack", "staging", "--format", "pulumi-yaml", "--out", "program.yaml");
        Assert.Equal(0, code);
        Assert.Contains("runtime: yaml", File.ReadAllText(Path.Combine(p.Directory, "program.yaml")));
    }

    private static string Snapshot(string dir) =>
        string.Join("\n", Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}={File.ReadAllText(f).GetHashCode()}"));
}
