using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>
/// The Pulumi program runs in its own folder (infra/Infra.Deploy) for the repository's project and for every example
/// that points its main there; the project is the one the engine names, and without that name never a guess.
/// </summary>
public class ProjectLocatorTests
{
    private static string Program => Path.Combine(Repo.Root, "infra", "Infra.Deploy");

    [Fact]
    public void The_engines_root_directory_wins_over_the_program_folder()
    {
        var example = Path.Combine(Repo.Root, "examples", "eu-pilot");
        Assert.Equal(example, ProjectLocator.Locate(example, Program, "pilot"));
        Assert.Equal(Repo.Root, ProjectLocator.Locate(Repo.Root + Path.DirectorySeparatorChar, Program, "pilot"));
    }

    [Fact]
    public void A_root_directory_without_a_project_file_is_refused()
    {
        var e = Assert.Throws<ProjectLocationException>(() => ProjectLocator.Locate(Program, Program, "pilot"));
        Assert.Contains("has no Pulumi.yaml", e.Message);
    }

    [Fact]
    public void Without_the_root_directory_the_one_project_with_the_stack_is_used()
    {
        // Only the repository's project has a staging stack.
        Assert.Equal(Repo.Root, ProjectLocator.Locate(null, Program, "staging"));
    }

    [Theory]
    [InlineData("production", "internal-only", "large-enterprise")]
    [InlineData("pilot", "eu-pilot")]
    public void Without_the_root_directory_an_example_and_the_repository_sharing_a_stack_name_are_not_guessed_between(string stack, params string[] examples)
    {
        // The old fallback searched upward from the program folder and silently took the repository's project.
        var e = Assert.Throws<ProjectLocationException>(() => ProjectLocator.Locate(null, Program, stack));

        Assert.Contains($"cannot tell which project is deploying stack '{stack}'", e.Message);
        Assert.Contains(Repo.Root + ",", e.Message);
        Assert.All(examples, x => Assert.Contains(Path.Combine(Repo.Root, "examples", x), e.Message));
        Assert.Contains("PULUMI_ROOT_DIRECTORY", e.Message);
    }

    [Fact]
    public void An_example_with_a_stack_of_its_own_is_found_below_the_repository()
    {
        using var tree = new ProjectTree();
        tree.Project("", "main: app/", "staging");
        tree.Project("examples/qa", "main: ../../app/", "qa");
        tree.Project("examples/other", "main: ../../elsewhere/", "qa"); // runs another program
        Directory.CreateDirectory(Path.Combine(tree.Root, "app"));

        Assert.Equal(Path.Combine(tree.Root, "examples", "qa"), ProjectLocator.Locate(null, Path.Combine(tree.Root, "app"), "qa"));
        Assert.Equal(tree.Root, ProjectLocator.Locate(null, Path.Combine(tree.Root, "app"), "staging"));
    }

    [Fact]
    public void No_project_with_the_stack_is_an_error_naming_the_way_out()
    {
        using var tree = new ProjectTree();
        tree.Project("", "main: app/", "staging");
        Directory.CreateDirectory(Path.Combine(tree.Root, "app"));

        var e = Assert.Throws<ProjectLocationException>(() => ProjectLocator.Locate(null, Path.Combine(tree.Root, "app"), "qa"));
        Assert.Contains("Pulumi.qa.yaml", e.Message);
        Assert.Contains("PULUMI_ROOT_DIRECTORY", e.Message);
        var empty = Directory.CreateTempSubdirectory("mm-locator-empty-").FullName;
        try { Assert.Throws<ProjectLocationException>(() => ProjectLocator.Locate(null, empty, "qa")); }
        finally { Directory.Delete(empty); }
    }

    /// <summary>Pulumi projects in a throw-away folder.</summary>
    private sealed class ProjectTree : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("mm-locator-").FullName;

        public void Project(string folder, string mainLine, string stack)
        {
            var dir = Path.Combine(Root, folder);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), $"name: mattermost-infra\nruntime: dotnet\n{mainLine}\n");
            File.WriteAllText(Path.Combine(dir, $"Pulumi.{stack}.yaml"), "config: {}\n");
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        }
    }
}
