namespace Infra.Cli;

/// <summary>
/// A parsed command line: one command word, then <c>--name value</c> options and <c>--flag</c> switches.
/// Each command declares what it accepts, so a misspelt option is an error, not silently ignored.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _flags;

    private CommandLine(string command, Dictionary<string, string> options, HashSet<string> flags, string? subcommand = null)
    {
        Command = command;
        _options = options;
        _flags = flags;
        Subcommand = subcommand;
    }

    public string Command { get; }

    /// <summary>The word after the command when the command has subcommands (<c>project queries</c>), else null.</summary>
    public string? Subcommand { get; }

    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, CommandSpec?> specFor)
    {
        if (args.Count == 0) return new CommandLine("help", [], []);
        var command = args[0];
        if (command is "help" or "-h" or "--help") return new CommandLine("help", [], []);
        var spec = specFor(command) ?? throw new UsageException($"unknown command '{command}'");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string? subcommand = null;
        for (var i = 1; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-h" or "--help") { flags.Add("help"); continue; }
            if (i == 1 && spec.Subcommands?.Contains(a, StringComparer.Ordinal) == true) { subcommand = a; continue; }
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length < 3)
                throw new UsageException($"unexpected argument '{a}'");
            var name = a[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq > 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (spec.Flags.Contains(name))
            {
                if (inline is not null) throw new UsageException($"--{name} takes no value");
                flags.Add(name);
            }
            else if (spec.Options.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                if (string.IsNullOrEmpty(value)) throw new UsageException($"--{name} needs a value");
                if (!options.TryAdd(name, value)) throw new UsageException($"--{name} is given twice");
            }
            else
            {
                var known = spec.Options.Concat(spec.Flags).Select(o => "--" + o);
                throw new UsageException($"unknown option '--{name}' for '{command}'; it accepts {string.Join(", ", known)}");
            }
        }
        return new CommandLine(command, options, flags, subcommand);
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The option's value, which must be one of <paramref name="allowed"/>.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Option(name) ?? fallback;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new UsageException($"--{name} must be one of {string.Join(", ", allowed)}; got '{value}'");
        return value;
    }
}

/// <summary>What a command accepts, and how to call it.</summary>
/// <param name="Subcommands">Words that may follow the command name (<c>project queries</c>); none by default.</param>
public sealed record CommandSpec(string Name, string Usage, string Summary, IReadOnlyList<string> Options, IReadOnlyList<string> Flags,
    IReadOnlyList<string>? Subcommands = null);
