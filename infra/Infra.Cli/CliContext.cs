using Infra.Core.Planning;
using Infra.Core.Settings;

namespace Infra.Cli;

/// <summary>What every command gets: its arguments, the output streams and the project it works on.</summary>
public sealed class CliContext(CommandLine args, TextWriter stdout, TextWriter stderr, string workingDirectory)
{
    public CommandLine Args { get; } = args;
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>The project directory: --project-dir, else the nearest directory upwards holding Pulumi.yaml.</summary>
    public string ProjectDirectory
    {
        get
        {
            if (Args.Option("project-dir") is { } dir)
            {
                var full = Path.GetFullPath(dir, WorkingDirectory);
                if (!Directory.Exists(full)) throw new UsageException($"--project-dir {dir}: no such directory");
                return full;
            }
            for (var d = new DirectoryInfo(WorkingDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Pulumi.yaml"))) return d.FullName;
            return WorkingDirectory;
        }
    }

    /// <summary>
    /// The day plans are made on: --today YYYY-MM-DD where the command takes it, else the clock. Version support
    /// windows and waiver expiry are judged on it.
    /// </summary>
    public DateOnly Today
    {
        get
        {
            var option = Args.Option("today");
            if (option is null) return DateOnly.FromDateTime(DateTime.Now);
            return DateOnly.TryParseExact(option, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d
                : throw new UsageException($"--today must be a date YYYY-MM-DD; got '{option}'");
        }
    }

    public Planner Planner() => new(ProjectDirectory, Today);

    /// <summary>The stack plan and diff work on when no --stack is given.</summary>
    public const string DefaultStack = "production";

    /// <summary>
    /// --stack, else <see cref="DefaultStack"/>; a project without its stack file but with exactly one stack file (each
    /// of examples/) gets that one, said on standard error, rather than an error about a file nobody asked for.
    /// </summary>
    public string Stack()
    {
        if (Args.Option("stack") is { } given) return given;
        var loader = new StackSettingsLoader(ProjectDirectory);
        if (File.Exists(Path.Combine(loader.ProjectDirectory, StackSettingsLoader.StackFileName(DefaultStack)))) return DefaultStack;
        var stacks = loader.AvailableStacks();
        if (stacks.Count != 1) return DefaultStack; // the loader's error names the missing file and the stacks there are
        Progress($"stack '{stacks[0]}': the only stack of {loader.ProjectDirectory} (no {StackSettingsLoader.StackFileName(DefaultStack)}; --stack chooses)");
        return stacks[0];
    }

    /// <summary>Progress for long work goes to standard error, so that standard output stays the result.</summary>
    public void Progress(string message) => Err.WriteLine(message);
}
