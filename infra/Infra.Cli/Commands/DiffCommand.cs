using Infra.Core.Artifacts;
using Infra.Core.Cost;
using Infra.Core.Diff;
using Infra.Core.Planning;
using Infra.Core.Settings;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>diff</c>: the desired state of a stack against a previous plan, resource by resource and property by
/// property, with replacements and their reasons, the data-loss banner and the change in monthly cost.
/// The base is a plan.json file, or a git revision whose committed stacks/&lt;stack&gt;/plan.json is read
/// with <c>git show</c>. Exits with 3 when a stateful resource would be replaced or deleted.
/// </summary>
public sealed class DiffCommand : ICommand
{
    public static readonly string[] Formats = ["text", "markdown", "json"];

    public CommandSpec Spec { get; } = new("diff",
        "diff --base FILE|GIT-REF [--stack NAME] [--format text|markdown|json] [--out FILE] [--details-url URL] [--project-dir DIR]",
        $"Compare a stack's desired state with a previous plan (a plan.json file, or the stack's committed plan at a git ref); exit 3 when data would be lost (default stack: {PlanCommand.DefaultStack}).",
        ["stack", "base", "format", "out", "details-url", "project-dir"], []);

    public int Run(CliContext ctx)
    {
        var format = ctx.Args.Choice("format", "text", Formats);
        var stack = ctx.Args.Option("stack") ?? PlanCommand.DefaultStack;
        var baseArg = ctx.Args.Option("base") ?? throw new UsageException("--base is required: a plan.json file, or a git ref such as origin/main");
        var planner = ctx.Planner();
        var plan = planner.Plan(stack);

        var (json, label) = ReadBase(ctx, baseArg, stack);
        PlanSnapshot snapshot;
        try
        {
            snapshot = PlanJsonReader.Read(json);
        }
        catch (PlanFormatException e)
        {
            throw new InputException(label, e.Message);
        }

        // A plan of another stack or project describes other cloud resources: diffing against it would read as
        // replacing one environment with another. Older plans without a project name are checked by stack only.
        if (snapshot.Stack is { Length: > 0 } baseStack && baseStack != stack)
            throw new InputException(label, $"is a plan of stack '{baseStack}', not of stack '{stack}'; give the base of stack '{stack}' (stacks/{stack}/plan.json)");
        if (snapshot.Project is { Length: > 0 } baseProject && baseProject != plan.Settings.ProjectName)
            throw new InputException(label, $"is a plan of project '{baseProject}', not of project '{plan.Settings.ProjectName}' (the name in Pulumi.yaml)");

        var result = GraphDiff.Compare(snapshot.Graph, plan.Graph);
        var before = new CostEstimator(snapshot.Region ?? plan.Settings.Region, snapshot.FileStorageGb,
            PlanRenderings.StorageBasis(plan.Blueprint.Sizing.Storage.Months)).Estimate(snapshot.Graph);
        var report = new DiffReport(stack, label, snapshot.Stack, result, before, PlanRenderings.Cost(plan))
        {
            Settings = SettingsChanges.Compare(snapshot, plan, result, overrides => StackPlan.From(planner.Loader.Load(stack, overrides))),
            LockOuts = LockOutChanges.Compare(snapshot.Graph, plan.Graph),
        };

        var text = format switch
        {
            "markdown" => new DiffMarkdownRenderer(fullDiffPointer: FullDiffPointer(ctx, stack, baseArg)).Render(report),
            "json" => DiffJsonRenderer.Render(report),
            _ => DiffTextRenderer.Render(report),
        };
        OutputTarget.Write(text, ctx.Args.Option("out"), ctx.Out);
        return report.RequiresApproval ? ExitCodes.StatefulChange : ExitCodes.Ok;
    }

    /// <summary>An existing file is a plan file; anything else is a git revision of the project.</summary>
    private static (string Json, string Label) ReadBase(CliContext ctx, string baseArg, string stack)
    {
        var path = Path.GetFullPath(baseArg, ctx.WorkingDirectory);
        if (File.Exists(path))
        {
            try
            {
                return (ConfigFileText.Read(path, ConfigFileText.DocumentMaxBytes), baseArg);
            }
            catch (UnreadableFileException e)
            {
                throw new InputException(baseArg, e.Message);
            }
        }
        if (baseArg.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || Directory.Exists(path))
            throw new InputException(baseArg, "no such plan file (give a plan.json file, or a git ref such as origin/main)");
        var relative = StackArtifacts.PlanPath(stack);
        try
        {
            return (GitShow.Read(ctx.ProjectDirectory, baseArg, relative), $"{relative} at {baseArg}");
        }
        catch (GitException e)
        {
            throw new InputException(baseArg, $"not a plan file, and not readable as a git ref: {e.Message}");
        }
    }

    private static string FullDiffPointer(CliContext ctx, string stack, string baseArg) =>
        ctx.Args.Option("details-url") is { } url
            ? $"the full diff is at {url}"
            : $"run `dotnet run --project infra/Infra.Cli -- diff --stack {stack} --base {baseArg}` for the full diff";
}
