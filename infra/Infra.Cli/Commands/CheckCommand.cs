using System.Globalization;
using Infra.Core.Parsing;
using Infra.Core.Planning;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Reporting;
using Infra.Core.Settings;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>check</c>: evaluates stacks (or any Pulumi YAML program, JSON plan or <c>pulumi preview --json</c>) against
/// the policy pack and writes the audit report. Exit code 0 when every mandatory policy passes, 1 when one
/// fails (the report is still written), 2 for bad input (nothing is written).
/// </summary>
public sealed class CheckCommand : ICommand
{
    public static readonly string[] Formats = ["text", "markdown", "json", "sarif"];

    public CommandSpec Spec { get; } = new("check",
        "check [--stack NAME | --all | --input FILE [--stack NAME]] [--format text|markdown|json|sarif] [--out FILE] [--today YYYY-MM-DD] [--project-dir DIR]",
        "Check stacks (default: all) or a Pulumi YAML program / JSON plan / 'pulumi preview --json' against the policy pack " +
        "(each stack's Markdown audit is committed as stacks/<stack>/audit.md by 'plan --all --write').",
        ["stack", "input", "format", "out", "today", "project-dir"], ["all"]);

    public int Run(CliContext ctx)
    {
        var a = ctx.Args;
        var format = a.Choice("format", "text", Formats);
        var today = Today(a.Option("today"));
        var input = a.Option("input");
        var stack = a.Option("stack");
        if (a.Flag("all") && (stack is not null || input is not null)) throw new UsageException("--all cannot be combined with --stack or --input");
        var audits = input is not null ? [CheckInput(ctx, input, stack, today)] : CheckStacks(ctx, stack, today);
        var selection = input is not null ? $"--input {Source(ctx, input)}" + (stack is null ? "" : $" --stack {stack}") : stack is not null ? $"--stack {stack}" : "--all";

        var all = new AuditReport(PolicyPack.Default, [.. audits], $"check {selection} --format {format}");
        OutputTarget.Write(Render(all, format), a.Option("out"), ctx.Out);
        if (a.Option("out") is { } outFile)
            foreach (var s in all.Stacks) ctx.Progress($"{s.Stack}: {all.Verdict(s)} (report in {outFile})");
        return all.Passed ? ExitCodes.Ok : ExitCodes.PolicyFailed;
    }

    public static string Render(AuditReport report, string format) => format switch
    {
        "markdown" => new MarkdownAuditRenderer().Render(report),
        "json" => new JsonAuditRenderer().Render(report),
        "sarif" => new SarifAuditRenderer(InformationUri()).Render(report),
        _ => new TextAuditRenderer().Render(report),
    };

    /// <summary>In GitHub Actions the repository is the tool's home page; elsewhere a fixed name, so local output stays the same everywhere.</summary>
    private static string InformationUri() =>
        Environment.GetEnvironmentVariable("GITHUB_SERVER_URL") is { Length: > 0 } server && Environment.GetEnvironmentVariable("GITHUB_REPOSITORY") is { Length: > 0 } repo
            ? $"{server}/{repo}"
            : SarifAuditRenderer.DefaultInformationUri;

    private static IReadOnlyList<StackAudit> CheckStacks(CliContext ctx, string? stack, DateOnly today)
    {
        var planner = ctx.Planner();
        var plans = stack is not null ? [planner.Plan(stack)] : planner.PlanAll().OrderBy(p => p.Settings.Environment).ThenBy(p => p.Stack, StringComparer.Ordinal).ToList();
        return [.. plans.Select(p => PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(p, today), $"Pulumi.{p.Stack}.yaml"))];
    }

    private static StackAudit CheckInput(CliContext ctx, string file, string? stack, DateOnly today)
    {
        var full = Path.GetFullPath(file, ctx.WorkingDirectory);
        if (!File.Exists(full) && !Directory.Exists(full)) throw new InputException(file, "no such file");
        ParsedInput parsed;
        try
        {
            parsed = InputReader.Read(ConfigFileText.Read(full, ConfigFileText.DocumentMaxBytes), file, stack);
        }
        catch (UnreadableFileException e)
        {
            throw new InputException(file, e.Message);
        }
        catch (ParseException e)
        {
            throw new InputException(file, e.Line is { } line ? $"line {line}: {e.Problem}" : e.Problem);
        }
        var source = Source(ctx, file);
        PolicyContext context;
        if (stack is not null)
        {
            // The stack supplies what a program cannot: its projected load, environment and waivers.
            var plan = ctx.Planner().Plan(stack);
            context = new PolicyContext(parsed.Graph, SizingBasis.From(plan), today, plan.Settings.Waivers, plan.Settings.Environment)
            {
                RetentionRequirementDays = PolicyContext.RetentionRequirement(plan.Settings),
            };
        }
        else if (parsed.Load is { } load)
        {
            Enum.TryParse<Core.Settings.EnvironmentKind>(load.Environment, ignoreCase: true, out var env);
            context = new PolicyContext(parsed.Graph, SizingBasis.From(load, source), today, null, load.Environment.Length > 0 ? env : null);
        }
        else context = new PolicyContext(parsed.Graph, null, today);
        return PolicyEvaluator.Evaluate(PolicyPack.Default, context, source);
    }

    /// <summary>The input as the report names it: relative to the project, with forward slashes, never a machine path.</summary>
    private static string Source(CliContext ctx, string file)
    {
        var full = Path.GetFullPath(file, ctx.WorkingDirectory);
        var relative = Path.GetRelativePath(ctx.ProjectDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFileName(full) : relative).Replace('\\', '/');
    }

    private static DateOnly Today(string? option)
    {
        if (option is null) return DateOnly.FromDateTime(DateTime.Now);
        return DateOnly.TryParseExact(option, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new UsageException($"--today must be a date YYYY-MM-DD; got '{option}'");
    }
}
