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

    public StackPlan Plan(string stack) => PlanSettings(Loader.Load(stack));

    public IReadOnlyList<StackPlan> PlanAll() => [.. Loader.LoadAll().Select(PlanSettings)];

    /// <summary>
    /// Plans loaded settings; a load nothing can hold is a problem of the stack's configuration, reported
    /// with the largest design load the stack's shape does plan.
    /// </summary>
    public static StackPlan PlanSettings(StackSettings settings)
    {
        try
        {
            return StackPlan.From(settings);
        }
        catch (CapacityException e)
        {
            var largest = LargestDesignLoad(settings);
            throw new ConfigException([new ConfigProblem(StackSettingsLoader.StackFileName(settings.Stack), "config.mattermost:registeredUsers",
                $"{e.Message}; the largest design load this stack's shape plans is {largest:N0} concurrent users " +
                "(registered users at the horizon x concurrency ratio x (1 + headroom)): lower the load, or split the users over several stacks")]);
        }
    }

    /// <summary>The largest design load (concurrent users) whose sizing succeeds with the stack's other settings.</summary>
    public static int LargestDesignLoad(StackSettings settings)
    {
        bool Fits(int design)
        {
            try
            {
                SizingEngine.Size(settings with { Load = settings.Load with { RegisteredUsers = design, PeakConcurrentUsers = null, ConcurrencyRatio = 1m, AnnualGrowthPercent = 0m, HeadroomPercent = 0 } });
                return true;
            }
            catch (CapacityException) { return false; }
        }
        int lo = 0, hi = Math.Max(1, SizingEngine.Project(settings.Load).DesignLoad);
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (Fits(mid)) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
