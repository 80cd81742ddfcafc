using System.Diagnostics;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>
/// Files that cannot be read as text are bad input with the file named, never a hang, a crash or
/// silently replaced characters. Tests run as root, so unreadable means: a directory, a FIFO, bytes that
/// are not UTF-8.
/// </summary>
public class ConfigFileReadTests
{
    private static ConfigProblem SingleProblem(TempProject p, string stack = "staging")
    {
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack));
        return Assert.Single(e.Problems);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_replacement_characters()
    {
        using var p = new TempProject(null, "staging");
        var bytes = System.Text.Encoding.UTF8.GetBytes(TempProject.MinimalStack + "\n  mattermost:mattermostVersion: \"11.7.0");
        File.WriteAllBytes(Path.Combine(p.Directory, "Pulumi.staging.yaml"), [.. bytes, 0xFF, 0xFE, (byte)'"', (byte)'\n']);
        var problem = SingleProblem(p);
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Equal("(file)", problem.Key);
        Assert.Contains("not valid UTF-8", problem.Message);
    }

    [Fact]
    public void A_directory_where_the_stack_file_belongs_is_named_as_such()
    {
        using var p = new TempProject(null, "staging");
        Directory.CreateDirectory(Path.Combine(p.Directory, "Pulumi.staging.yaml"));
        var problem = SingleProblem(p);
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Contains("is a directory", problem.Message);
    }

    [Fact]
    public void A_directory_where_the_project_file_belongs_is_named_as_such()
    {
        using var p = new TempProject(TempProject.MinimalStack, "staging");
        File.Delete(Path.Combine(p.Directory, "Pulumi.yaml"));
        Directory.CreateDirectory(Path.Combine(p.Directory, "Pulumi.yaml"));
        var problem = SingleProblem(p);
        Assert.Equal("Pulumi.yaml", problem.File);
        Assert.Contains("is a directory", problem.Message);
    }

    [Fact]
    public async Task A_fifo_as_stack_file_is_refused_without_waiting_for_a_writer()
    {
        using var p = new TempProject(null, "staging");
        var fifo = Path.Combine(p.Directory, "Pulumi.staging.yaml");
        using (var mk = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!) mk.WaitForExit();
        Assert.True(File.Exists(fifo));
        var load = Task.Run(() => SingleProblem(p));
        // A guard, not a synchronisation: the load either finishes or is stuck on the FIFO.
        if (await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))) != load)
        {
            // Reading blocked on the FIFO: open its write end so that the reader (and this test) can finish.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail("reading a FIFO blocked until a writer appeared");
        }
        var problem = await load;
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Contains("not a regular file", problem.Message);
    }

    [Fact]
    public void An_oversized_file_is_refused_before_it_is_parsed()
    {
        using var p = new TempProject(TempProject.MinimalStack + "# " + new string('x', 2 * 1024 * 1024) + "\n", "staging");
        var problem = SingleProblem(p);
        Assert.Contains("larger than", problem.Message);
    }
}
