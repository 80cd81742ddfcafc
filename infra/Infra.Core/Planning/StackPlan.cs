using Infra.Core.Blueprint;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Settings;

namespace Infra.Core.Planning;

/// <summary>A stack's settings, the decisions made from them and the resulting desired-state graph.</summary>
public sealed record StackPlan(StackSettings Settings, EnvironmentBlueprint Blueprint, ResourceGraph Graph)
{
    public string Stack => Settings.Stack;

    public static StackPlan From(StackSettings settings)
    {
        var blueprint = EnvironmentBlueprint.From(settings);
        return new StackPlan(settings, blueprint, EnvironmentGraphBuilder.Build(blueprint));
    }
}

/// <summary>Loads and plans stacks from a project directory.</summary>
public sealed class Planner(string projectDirectory)
{
    public StackSettingsLoader Loader { get; } = new(projectDirectory);

    public StackPlan Plan(string stack) => StackPlan.From(Loader.Load(stack));

    public IReadOnlyList<StackPlan> PlanAll() => [.. Loader.LoadAll().Select(StackPlan.From)];
}
