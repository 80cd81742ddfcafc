using Infra.Core.Planning;
using Infra.Core.Settings;

namespace Infra.Core.Tests.Support;

/// <summary>The repository's own Pulumi project, whose stacks are the defaults every test starts from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The day the tests plan on (the date), so that version support windows judge the same versions whatever
    /// the clock says; the CLI's own clock is held to the windows by `plan --all --check` in CI.
    /// </summary>
    public static DateOnly Today { get; } = new(2026, 12, 7);

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Infra.sln"))) return d.FullName;
        throw new InvalidOperationException("Infra.sln not found above the test binaries");
    }

    private static readonly Lazy<IReadOnlyDictionary<string, StackPlan>> Plans = new(() =>
        new Planner(Root, Today).PlanAll().ToDictionary(p => p.Stack));

    public static StackPlan Plan(string stack) => Plans.Value[stack];

    public static StackSettings Settings(string stack) => Plan(stack).Settings;

    public static IEnumerable<object[]> Stacks => [["pilot"], ["staging"], ["production"]];
}
