using Infra.Core.Blueprint;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Settings;

namespace Infra.Core.Planning;

/// <summary>A stack's settings, the decisions made from them and the resulting desired-state graph.</summary>
public sealed record StackPlan(StackSettings Settings, EnvironmentBlueprint Blueprint, ResourceGraph Graph)
{
    public string Stack => Settings.Stack;

    /// <summary>What the stack plans that needs a Mattermost Enterprise licence, and whether it has one.</summary>
    public LicenceRequirement Licence => LicenceRequirement.For(Settings, Blueprint.Sizing);

    /// <summary>
    /// Problems that do not stop a plan but would stop or cripple a deployment; every rendering shows them first.
    /// (The Pulumi program refuses to deploy a stack whose licence is missing.)
    /// </summary>
    public IReadOnlyList<string> Warnings => Licence.Missing ? [Licence.Problem(Stack)] : [];

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
