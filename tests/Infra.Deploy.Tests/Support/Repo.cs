using Infra.Core.Planning;

namespace Infra.Deploy.Tests.Support;

/// <summary>The repository's own Pulumi project: the stacks the program deploys.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Infra.sln"))) return d.FullName;
        throw new InvalidOperationException("Infra.sln not found above the test binaries");
    }

    /// <summary>What <c>plan --stack NAME</c> plans: the graph the program must register.</summary>
    public static StackPlan Plan(string stack) => new Planner(Root).Plan(stack);

    public static IEnumerable<object[]> Stacks => [["pilot"], ["staging"], ["production"]];
}
