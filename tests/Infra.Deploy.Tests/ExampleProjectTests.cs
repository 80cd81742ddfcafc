using Infra.Core.Planning;
using Infra.Deploy.Tests.Support;

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
        var graph = new Planner(directory).Plan(stack).Graph;

        var d = await TestDeployment.RunAsync(graph, MattermostProgram.Run, TestDeployment.Options(stack, directory));

        Assert.Equal(
            graph.Nodes.Select(n => $"{n.Type}::{n.Name}").Order(StringComparer.Ordinal),
            d.Mocks.Registered.Select(r => $"{r.Type}::{r.Name}").Order(StringComparer.Ordinal));
        foreach (var node in graph.Resources)
            Expected.Matches(Expected.Inputs(node.Properties), d.Mocks.Of(node.Name).Inputs, node.Name);
    }
}
