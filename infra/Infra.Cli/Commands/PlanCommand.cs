using Infra.Core.Artifacts;
using Infra.Core.Planning;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>plan</c>: what a stack will build, how big, why and at what cost, in the chosen format; or, with
/// <c>--write</c>, the committed per-stack artifacts under stacks/, and with <c>--check</c> whether those are
/// still what the stacks generate.
/// </summary>
public sealed class PlanCommand : ICommand
{
    public const string DefaultStack = CliContext.DefaultStack;

    public static readonly string[] Formats = PlanRenderings.Formats;

    public CommandSpec Spec { get; } = new("plan",
        "plan [--stack NAME] [--all] [--format text|markdown|json|pulumi-yaml] [--out FILE] [--write | --check] [--today YYYY-MM-DD] [--project-dir DIR]",
        $"Show a stack's planned environment (default stack: {DefaultStack}, or a project's only stack); --write regenerates stacks/<stack>/, --check fails (exit 1) when they are stale.",
        ["stack", "format", "out", "today", "project-dir"], ["all", "write", "check"]);

    public int Run(CliContext ctx)
    {
        var all = ctx.Args.Flag("all");
        var write = ctx.Args.Flag("write");
        var check = ctx.Args.Flag("check");
        if (all && ctx.Args.Option("stack") is not null) throw new UsageException("give either --stack or --all, not both");
        if (write && check) throw new UsageException("give either --write or --check, not both");
        if ((write || check) && (ctx.Args.Option("format") is not null || ctx.Args.Option("out") is not null))
            throw new UsageException("--write and --check produce the files under stacks/; --format and --out do not apply");
        if (write || check) return Artifacts(ctx, all, write);
        if (all) throw new UsageException("--all goes with --write or --check");

        var format = ctx.Args.Choice("format", "text", Formats);
        var stack = ctx.Stack();
        var plan = ctx.Planner().Plan(stack);
        var output = ctx.Args.Option("out");
        // Text fits the terminal it is shown on (or COLUMNS); a file gets 80 columns unless COLUMNS says otherwise.
        var text = format == "text" ? PlanRenderings.Text(plan, output is null ? TextWidth.For(ctx.Out) : TextWidth.Resolve(Environment.GetEnvironmentVariable("COLUMNS"), false, () => 0))
            : Render(plan, format);
        OutputTarget.Write(text, output, ctx);
        // The rendering carries the warnings too; said again on standard error unless the text plan is already on screen.
        if (format != "text" || output is not null) Warn(ctx, plan);
        return ExitCodes.Ok;
    }

    public static string Render(StackPlan plan, string format) => PlanRenderings.Render(plan, format);

    /// <summary>Plans and renders everything first, so that a bad stack leaves every file untouched.</summary>
    private static int Artifacts(CliContext ctx, bool all, bool write)
    {
        var planner = ctx.Planner();
        var plans = all ? planner.PlanAll() : [planner.Plan(ctx.Stack())];
        var files = StackArtifacts.For(plans, ctx.Today);
        var root = ctx.ProjectDirectory;
        if (!write)
        {
            var stale = ArtifactCheck.Stale(root, files, complete: all);
            if (stale.Count == 0)
            {
                ctx.Out.WriteLine($"{StackArtifacts.Directory}/ is up to date ({plans.Count} stack{(plans.Count == 1 ? "" : "s")}, {files.Count} files).");
                return ExitCodes.Ok;
            }
            ctx.Err.WriteLine($"error: {stale.Count} committed file{(stale.Count == 1 ? " is" : "s are")} stale under {StackArtifacts.Directory}/:");
            foreach (var s in stale) ctx.Err.WriteLine($"  {s}");
            ctx.Err.WriteLine($"fix: {StackArtifacts.RegenerateCommand}   (then commit {StackArtifacts.Directory}/)");
            return ExitCodes.PolicyFailed;
        }

        // Every file is written, and every stray one removed, or nothing is (StagedWrite).
        var remove = all ? ArtifactCheck.Unexpected(root, files) : [];
        StagedWrite.Apply(root, [.. files.Select(f => (f.RelativePath, f.Content))], remove);
        foreach (var extra in remove) ctx.Progress($"removed {extra} (no stack generates it)");
        if (all)
            foreach (var dir in Directory.EnumerateDirectories(Path.Combine(root, StackArtifacts.Directory)).Order(StringComparer.Ordinal).ToList())
                if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
        ctx.Progress($"wrote {files.Count} files under {StackArtifacts.Directory}/ for {string.Join(", ", plans.Select(p => p.Stack))}");
        foreach (var plan in plans) Warn(ctx, plan);
        return ExitCodes.Ok;
    }

    private static void Warn(CliContext ctx, StackPlan plan)
    {
        foreach (var warning in plan.Warnings) ctx.Err.WriteLine($"warning: {warning}");
    }
}
