using Infra.Core.Planning;
using Infra.Core.Rendering;

namespace Infra.Cli.Commands;

/// <summary><c>plan</c>: what a stack will build, how big and why, in the chosen format.</summary>
public sealed class PlanCommand : ICommand
{
    public const string DefaultStack = "production";

    public static readonly string[] Formats = ["text", "markdown", "json", "pulumi-yaml"];

    public CommandSpec Spec { get; } = new("plan",
        "plan [--stack NAME] [--format text|markdown|json|pulumi-yaml] [--out FILE] [--project-dir DIR]",
        $"Show a stack's planned environment (default stack: {DefaultStack}).",
        ["stack", "format", "out", "project-dir"], []);

    public int Run(CliContext ctx)
    {
        var format = ctx.Args.Choice("format", "text", Formats);
        var stack = ctx.Args.Option("stack") ?? DefaultStack;
        var plan = ctx.Planner().Plan(stack);
        OutputTarget.Write(Render(plan, format), ctx.Args.Option("out"), ctx.Out);
        return ExitCodes.Ok;
    }

    public static string Render(StackPlan plan, string format) => format switch
    {
        "markdown" => new MarkdownPlanRenderer([p => Infra.Core.Analysis.ReachabilityMarkdown.Section(p.Graph)]).Render(plan),
        "json" => new JsonPlanRenderer().Render(plan),
        "pulumi-yaml" => new PulumiYamlRenderer().Render(plan.Graph, plan.Settings.ProjectName),
        _ => new TextPlanRenderer().Render(plan),
    };
}
