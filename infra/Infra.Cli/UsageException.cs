namespace Infra.Cli;

/// <summary>A bad command line: reported with the usage line of the command, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A bad input file (not config): reported as "FILE: problem", exit code 2.</summary>
public sealed class InputException(string file, string message) : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
