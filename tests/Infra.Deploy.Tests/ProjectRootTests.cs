using Infra.Core.Planning;
using Infra.Deploy.Tests.Support;
using Pulumi;
using Pulumi.Testing;

namespace Infra.Deploy.Tests;

/// <summary>
/// The language host runs the program in its own folder (the project's main), whichever project points there. The
/// program deploys the project the engine names (RootDirectory); without that name, the one project that runs it
/// and has the stack, never a guess between several.
/// </summary>
public class ProjectRootTests
{
    private const string PilotLike = """
        config:
          mattermost:environment: pilot
          mattermost:registeredUsers: 150
          mattermost:domainName: chat-qa.example.org
          mattermost:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123
          mattermost:tags:
            owner: platform
            costCentre: CC-1
        """;

    /// <summary>Options of a CLI that does not name the project's root directory.</summary>
    private static TestOptions WithoutRoot(string stack) => new() { StackName = stack, ProjectName = "mattermost-infra", IsPreview = false };

    private static async Task<T> InDirectory<T>(string directory, Func<Task<T>> run)
    {
        var before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory;
        try { return await run(); }
        finally { Environment.CurrentDirectory = before; }
    }

    [Fact]
    public async Task Without_a_root_directory_an_examples_own_stack_is_deployed_not_the_repositorys()
    {
        using var tree = new TempProject(null); // the "repository": Pulumi.yaml (main: this folder's app/)
        File.WriteAllText(Path.Combine(tree.Directory, "Pulumi.yaml"), "name: mattermost-infra\nruntime: dotnet\nmain: app/\n");
        var app = Directory.CreateDirectory(Path.Combine(tree.Directory, "app")).FullName;
        var example = Directory.CreateDirectory(Path.Combine(tree.Directory, "examples", "qa")).FullName;
        File.WriteAllText(Path.Combine(example, "Pulumi.yaml"), "name: mattermost-infra\nruntime: dotnet\nmain: ../../app/\nconfig:\n  aws:region:\n    value: us-east-1\n");
        File.WriteAllText(Path.Combine(example, "Pulumi.qa.yaml"), PilotLike);
        var graph = new Planner(example).Plan("qa").Graph;

        var d = await InDirectory(app, () => TestDeployment.RunAsync(graph, MattermostProgram.Run, WithoutRoot("qa")));

        Assert.Equal(graph.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), d.Mocks.Registered.Select(r => r.Name!).Order(StringComparer.Ordinal));
        Assert.Equal("https://chat-qa.example.org", await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
    }

    [Fact]
    public async Task Without_a_root_directory_the_repository_and_an_example_sharing_a_stack_name_are_refused()
    {
        var mocks = new GraphMocks(Repo.Plan("pilot").Graph);
        var program = Path.Combine(Repo.Root, "infra", "Infra.Deploy");

        var e = await InDirectory(program, () => Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, WithoutRoot("pilot"), MattermostProgram.Run)));

        Assert.Contains("cannot tell which project is deploying stack 'pilot'", e.Message);
        Assert.Contains(Path.Combine(Repo.Root, "examples", "eu-pilot"), e.Message);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task The_engines_root_directory_names_the_example_even_from_the_shared_program_folder()
    {
        var example = Path.Combine(Repo.Root, "examples", "eu-pilot");
        var graph = new Planner(example).Plan("pilot").Graph;

        var d = await InDirectory(Path.Combine(Repo.Root, "infra", "Infra.Deploy"),
            () => TestDeployment.RunAsync(graph, MattermostProgram.Run, TestDeployment.Options("pilot", example)));

        Assert.Equal(new Planner(example).Plan("pilot").Settings.SiteUrl, await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
        Assert.NotEqual(Repo.Plan("pilot").Settings.SiteUrl, new Planner(example).Plan("pilot").Settings.SiteUrl);
    }
}
