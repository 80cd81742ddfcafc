using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

public class ExampleStackTests
{
    public static IEnumerable<object[]> Examples =>
        Directory.GetDirectories(Path.Combine(Repo.Root, "examples")).Order(StringComparer.Ordinal)
            .SelectMany(d => new Planner(d, Repo.Today).Loader.AvailableStacks().Select(s => new object[] { Path.GetFileName(d), s }));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_plans_to_a_valid_graph(string example, string stack)
    {
        var plan = new Planner(Path.Combine(Repo.Root, "examples", example), Repo.Today).Plan(stack);
        Assert.Empty(GraphValidator.Problems(plan.Graph));
        Assert.True(plan.Blueprint.Sizing.App.CapacityUsers >= plan.Blueprint.Sizing.Load.DesignLoad);
    }

    [Fact]
    public void The_examples_readme_lists_every_example()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "examples", "README.md"));
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, "examples")))
            Assert.Contains($"`{Path.GetFileName(dir)}/`", readme);
    }
}
