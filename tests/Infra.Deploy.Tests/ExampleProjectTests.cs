using Infra.Core.Planning;
using Infra.Deploy.Tests.Support;
using Pulumi;

namespace Infra.Deploy.Tests;

/// <summary>The example projects point their Pulumi.yaml at this program; each deploys what plan plans for its folder.</summary>
public class ExampleProjectTests
{
    public static IEnumerable<object[]> Examples =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "examples"), "Pulumi.*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "Pulumi.yaml")
            .Select(f => new object[] { Path.GetFileName(Path.GetDirectoryName(f))!, Path.GetFileName(f)[7..^5] })
            .OrderBy(x => (string)x[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_program_registers_the_examples_planned_graph(string folder, string stack)
    {
        var directory = Path.Combine(Repo.Root, "examples", folder);

        var d = await TestDeployment.Project(directory, stack);

        Assert.Equal(
            d.Graph.Nodes.Select(n => $"{n.Type}::{n.Name}").Order(StringComparer.Ordinal),
            d.Mocks.Registered.Select(r => $"{r.Type}::{r.Name}").Order(StringComparer.Ordinal));
        foreach (var node in d.Graph.Nodes)
            Expected.Matches(Expected.Inputs(node.Properties), d.Mocks.Of(node.Name).Inputs, node.Name);
        // The example's own settings were deployed, not the repository's stack of the same name.
        Assert.Equal(new Planner(directory).Plan(stack).Settings.SiteUrl, await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
    }
}
