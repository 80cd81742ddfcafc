using Infra.Core.Blueprint;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Planning;

/// <summary>A stack's settings, the decisions made from them and the resulting desired-state graph.</summary>
public sealed record StackPlan(StackSettings Settings, EnvironmentBlueprint Blueprint, ResourceGraph Graph)
{
    public string Stack => Settings.Stack;

    /// <summary>What the stack plans that needs a Mattermost Enterprise licence, and whether it has one.</summary>
    public LicenceRequirement Licence => LicenceRequirement.For(Settings, Blueprint.Sizing);

    /// <summary>
    /// Problems that do not stop a plan but would stop or cripple a deployment (a missing licence: the Pulumi program
    /// refuses it; a component sized below its load); every rendering shows them first, and <c>plan</c> repeats them on
    /// standard error.
    /// </summary>
    public IReadOnlyList<string> Warnings => [.. (Licence.Missing ? [Licence.Problem(Stack)] : Array.Empty<string>()), .. Blueprint.Sizing.Warnings];

    public static StackPlan From(StackSettings settings)
    {
        var blueprint = EnvironmentBlueprint.From(settings);
        return new StackPlan(settings, blueprint, EnvironmentGraphBuilder.Build(blueprint));
    }
}

/// <summary>
/// Loads and plans stacks from a project directory, on <paramref name="today"/> (the CLI's --today, else the clock):
/// versions past their support window are refused as configuration problems (<see cref="VersionSupport"/>).
/// </summary>
public sealed class Planner(string projectDirectory, DateOnly? today = null)
{
    public StackSettingsLoader Loader { get; } = new(projectDirectory);

    public DateOnly Today { get; } = today ?? DateOnly.FromDateTime(DateTime.Now);

    public StackPlan Plan(string stack) => StackPlan.From(Supported([Loader.Load(stack)])[0]);

    public IReadOnlyList<StackPlan> PlanAll() => [.. Supported(Loader.LoadAll()).Select(StackPlan.From)];

    private IReadOnlyList<StackSettings> Supported(IReadOnlyList<StackSettings> stacks)
    {
        var problems = stacks.SelectMany(s => VersionSupport.Check(s, Today)).ToList();
        return problems.Count == 0 ? stacks : throw new ConfigException(problems);
    }
}
