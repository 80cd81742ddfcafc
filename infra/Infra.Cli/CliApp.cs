using Infra.Cli.Commands;
using Infra.Core.Graph;
using Infra.Core.Settings;

namespace Infra.Cli;

/// <summary>
/// Dispatches a command line to its command and turns every expected failure into a clear message and
/// an exit code: 2 for bad input (config, arguments, files), never a stack trace.
/// </summary>
public static class CliApp
{
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new PlanCommand(),
        new CheckCommand(),
        new DiffCommand(),
        new BenchCommand(),
        new ProjectCommand(),
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string workingDirectory) =>
        Run(args, stdout, stderr, workingDirectory, Commands);

    /// <summary>Runs with the given commands (tests pass their own to reach the edges).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string workingDirectory, IReadOnlyList<ICommand> commands)
    {
        CommandLine? line = null;
        try
        {
            line = CommandLine.Parse(args, name => commands.FirstOrDefault(c => c.Spec.Name == name)?.Spec);
            if (line.Command == "help")
            {
                PrintHelp(stdout, commands);
                return ExitCodes.Ok;
            }
            var command = commands.First(c => c.Spec.Name == line.Command);
            if (line.Flag("help"))
            {
                stdout.WriteLine($"usage: {command.Spec.Usage}\n\n{command.Spec.Summary}");
                return ExitCodes.Ok;
            }
            return command.Run(new CliContext(line, stdout, stderr, workingDirectory));
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            var usage = line is not null ? commands.FirstOrDefault(c => c.Spec.Name == line.Command)?.Spec.Usage : null;
            stderr.WriteLine(usage is not null ? $"usage: {usage}" : "run 'help' to list the commands");
            return ExitCodes.BadInput;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine($"error: the stack configuration has {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}; nothing was written:");
            foreach (var p in e.Problems) stderr.WriteLine($"  {p}");
            return ExitCodes.BadInput;
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.Message}; nothing was written");
            return ExitCodes.BadInput;
        }
        catch (Infra.Core.Measurements.MeasurementException e)
        {
            stderr.WriteLine($"error: {Printable.Text(e.Message)}; no calibration, nothing was written");
            return ExitCodes.BadInput;
        }
        catch (Infra.Core.Measurements.CalibrationRefusedException e)
        {
            stderr.WriteLine($"error: {e.Folder}: nothing to calibrate from; nothing was written:");
            foreach (var r in e.Refusals) stderr.WriteLine($"  {Printable.Text(r)}");
            return ExitCodes.BadInput;
        }
        catch (GraphException e)
        {
            stderr.WriteLine($"error: the desired-state graph is inconsistent: {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The last edge: a failure nobody foresaw is still a message and an exit code, not a stack trace.
            stderr.WriteLine($"internal error ({e.GetType().Name}): {Printable.Text(e.Message)}");
            stderr.WriteLine("this is a bug in mattermost-infra, not in your input; nothing was written. Please report it with the command line.");
            return ExitCodes.InternalError;
        }
    }

    private static void PrintHelp(TextWriter w, IReadOnlyList<ICommand> commands)
    {
        w.WriteLine("mattermost-infra: plan, check and compare Mattermost environments on AWS.");
        w.WriteLine();
        w.WriteLine("usage: dotnet run --project infra/Infra.Cli -- <command> [options]");
        w.WriteLine();
        foreach (var c in commands) w.WriteLine($"  {c.Spec.Usage}\n      {c.Spec.Summary}");
        w.WriteLine();
        w.WriteLine("Exit codes: 0 ok, 1 a mandatory policy fails, 2 bad input, 3 a stateful resource would be replaced or deleted.");
    }
}
