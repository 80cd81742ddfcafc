using System.Globalization;
using System.Text.Json;
using Infra.Core.Measurements;
using Infra.Core.Policies;
using Infra.Core.Policies.Model;
using Infra.Core.Projection;
using Infra.Core.Settings;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>project</c>: from a pilot's exports to a production plan. <c>project --stack production --from DIR</c> reads every export
/// in DIR (recognised by content; no AWS credentials needed), calibrates the reference curve and measures the concurrency
/// ratio, and prints the stack's plan beside today's with the <c>pulumi config set</c> commands; <c>--write</c> makes the same
/// change to <c>Pulumi.&lt;stack&gt;.yaml</c>, keeping its other content and comments. <c>project queries --stack pilot
/// --outputs FILE</c> prints the <c>--metric-data-queries</c> JSON for the stack's deployed resources and the commands that
/// export everything into a folder. Exit 2 for bad or refused input (nothing written), 1 when the projected plan fails a
/// mandatory policy (nothing written).
/// </summary>
public sealed class ProjectCommand : ICommand
{
    public const string Queries = "queries";

    public CommandSpec Spec { get; } = new("project",
        "project --from DIR [--stack NAME] [--format text|markdown|json] [--out FILE] [--write] [--project-dir DIR]  |  " +
        "project queries --stack NAME --outputs FILE|- [--window YYYY-MM-DD..YYYY-MM-DD] [--out FILE] [--prometheus-url URL] [--project-dir DIR]",
        $"Size a stack (default {PlanCommand.DefaultStack}) on what a pilot measured: read the exports in DIR, print its plan beside today's and the " +
        "pulumi config set commands (--write applies them to Pulumi.<stack>.yaml). 'project queries' prints the CloudWatch queries for a stack's " +
        "deployed resources and the commands that export its capacity signals (see docs/pilot-to-production.md).",
        ["stack", "from", "format", "out", "project-dir", "outputs", "window", "prometheus-url"], ["write"], [Queries]);

    public int Run(CliContext ctx) => ctx.Args.Subcommand == Queries ? RunQueries(ctx) : RunProject(ctx);

    private static int RunProject(CliContext ctx)
    {
        foreach (var o in new[] { "outputs", "window", "prometheus-url" })
            if (ctx.Args.Option(o) is not null) throw new UsageException($"--{o} belongs to 'project queries'");
        var from = ctx.Args.Option("from") ?? throw new UsageException("--from is required: the folder of the pilot's exports (see project queries)");
        var format = ctx.Args.Choice("format", "text", ProjectionReport.Formats);
        var stack = ctx.Args.Option("stack") ?? PlanCommand.DefaultStack;
        var write = ctx.Args.Flag("write");
        var planner = ctx.Planner();

        var measurement = PilotCalibration.From(Path.GetFullPath(from, ctx.WorkingDirectory), from, s => planner.Loader.Load(s));
        var projection = ProductionProjection.Make(planner, stack, measurement, DateOnly.FromDateTime(DateTime.UtcNow));
        OutputTarget.Write(ProjectionReport.Render(projection, format), ctx.Args.Option("out"), ctx.Out);

        var failures = projection.Audit.Results.Count(r => r.Outcome == Outcome.Fail && PolicyPack.Find(r.PolicyId)?.IsMandatory == true);
        if (!write) return failures > 0 ? ExitCodes.PolicyFailed : ExitCodes.Ok;
        if (failures > 0)
        {
            ctx.Err.WriteLine($"error: the projected plan fails {failures} mandatory check(s) (listed above); {StackSettingsLoader.StackFileName(stack)} was not written");
            return ExitCodes.PolicyFailed;
        }
        if (projection.Changes.Count == 0)
        {
            ctx.Progress($"nothing to write: the exports change no setting of {StackSettingsLoader.StackFileName(stack)}");
            return ExitCodes.Ok;
        }
        var fileName = StackSettingsLoader.StackFileName(stack);
        var path = Path.Combine(ctx.ProjectDirectory, fileName);
        string text;
        try { text = ConfigFileText.Read(path, ConfigFileText.ConfigMaxBytes); }
        catch (UnreadableFileException e) { throw new InputException(fileName, e.Message); }
        string edited;
        try { edited = StackFileEditor.Apply(text, fileName, projection.Changes); }
        catch (StackFileEditException e) { throw new InputException(fileName, e.Message); }
        OutputTarget.WriteFile(path, edited);

        // What is on disk now must plan as projected: the same loader reads it back.
        var written = ctx.Planner().Plan(stack).Blueprint.Sizing;
        var expected = projection.Projected.Blueprint.Sizing;
        if (written.Load != expected.Load || written.App != expected.App || written.Database != expected.Database)
            throw new InvalidOperationException($"{fileName} as written does not plan as projected");
        ctx.Progress($"wrote {fileName}: {string.Join(", ", projection.Changes.Select(c => c.Key))} (comments and other settings kept); " +
                     $"review with: dotnet run --project infra/Infra.Cli -- plan --stack {stack}" +
                     (ctx.Args.Option("project-dir") is { } dir ? $" --project-dir {dir}" : ""));
        return ExitCodes.Ok;
    }

    private static int RunQueries(CliContext ctx)
    {
        foreach (var o in new[] { "from", "format" })
            if (ctx.Args.Option(o) is not null) throw new UsageException($"--{o} belongs to 'project', not 'project queries'");
        if (ctx.Args.Flag("write")) throw new UsageException("--write belongs to 'project', not 'project queries'");
        var stack = ctx.Args.Option("stack") ?? throw new UsageException("--stack is required: the stack whose signals to export (usually pilot)");
        var outputsArg = ctx.Args.Option("outputs") ?? throw new UsageException(
            $"--outputs is required: the names AWS gave the stack's resources are known only after deploy; save them with " +
            $"'pulumi stack output --stack {stack} --json > {stack}-outputs.json' and pass --outputs {stack}-outputs.json (or pipe them in with --outputs -)");
        var settings = ctx.Planner().Loader.Load(stack);

        string text;
        if (outputsArg == "-") text = Console.In.ReadToEnd();
        else
        {
            var full = Path.GetFullPath(outputsArg, ctx.WorkingDirectory);
            if (!File.Exists(full)) throw new InputException(outputsArg, $"no such file (pulumi stack output --stack {stack} --json > {outputsArg})");
            try { text = ConfigFileText.Read(full, ConfigFileText.DocumentMaxBytes); }
            catch (UnreadableFileException e) { throw new InputException(outputsArg, e.Message); }
        }
        var label = outputsArg == "-" ? "(standard input)" : outputsArg;
        var export = JsonExport.Parse(label, text);
        if (ExportRecogniser.Recognise(export) != ExportKind.StackOutputs)
            throw new InputException(label, $"is not the output of pulumi stack output --stack {stack} --json");
        var outputs = StackOutputs.Parse(export);
        if (outputs.Stack != stack)
            throw new InputException(label, $"$.capacitySignals.stack: these are the outputs of stack '{outputs.Stack}', not of stack '{stack}'");
        if (outputs.SiteUrl is { } site && site != settings.SiteUrl)
            throw new InputException(label, $"$.siteUrl: '{site}', but stack '{stack}' serves {settings.SiteUrl}: outputs of another deployment");

        var (first, last) = Window(ctx.Args.Option("window"));
        var json = JsonSerializer.Serialize(CapacityQueries.Build(outputs),
            new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        OutputTarget.Write(json, ctx.Args.Option("out"), ctx.Out);

        var queriesFile = ctx.Args.Option("out") ?? $"{stack}-queries.json";
        var folder = $"{stack}-measurements";
        ctx.Err.WriteLine($"# The queries name stack '{stack}''s resources as deployed ({label}, from pulumi stack output --stack {stack} --json).");
        if (ctx.Args.Option("out") is null) ctx.Err.WriteLine($"# Save them first: project queries --stack {stack} --outputs {outputsArg} --out {queriesFile}");
        ctx.Err.WriteLine($"# Export {first:yyyy-MM-dd}..{last:yyyy-MM-dd} (at least {CalibrationMaths.MinWindowDays} days; 5-minute data is kept {CapacityQueries.RetentionDays} days) into {folder}/:");
        foreach (var c in CapacityQueries.Commands(outputs, queriesFile, folder, first, last, ctx.Args.Option("prometheus-url") ?? "$PROMETHEUS_URL", settings.SiteUrl))
            ctx.Err.WriteLine(c);
        ctx.Err.WriteLine($"# Then: dotnet run --project infra/Infra.Cli -- project --stack {PlanCommand.DefaultStack} --from {folder}");
        return ExitCodes.Ok;
    }

    /// <summary>The days to export: --window, else the 14 whole days before today (UTC). 7 to 38 days (Prometheus answers 11,000 points a series: 38 days at 5 minutes).</summary>
    private static (DateOnly First, DateOnly Last) Window(string? option)
    {
        DateOnly first, last;
        if (option is null)
        {
            last = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            first = last.AddDays(-13);
        }
        else if (!CapacityCalibration.TryParseWindow(option, out first, out last))
            throw new UsageException($"--window must be {CapacityCalibration.WindowFormat} with the first day not after the last; got '{option}'");
        var days = last.DayNumber - first.DayNumber + 1;
        if (days < CalibrationMaths.MinWindowDays)
            throw new UsageException($"--window covers {days} day(s); project needs at least {CalibrationMaths.MinWindowDays} to see a week's peak");
        if (days > 38)
            throw new UsageException($"--window covers {days} days; Prometheus answers at most 11,000 points per series (38 days at {CapacityQueries.PeriodSeconds} s): export several windows into the folder");
        return (first, last);
    }
}
