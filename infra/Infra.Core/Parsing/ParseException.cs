namespace Infra.Core.Parsing;

/// <summary>
/// An input program or plan that cannot be read: names the file, the line where known, and what is wrong,
/// so that the CLI can report it as bad input (exit code 2) without a stack trace.
/// </summary>
public sealed class ParseException(string file, string message, long? line = null)
    : Exception(line is { } l ? $"{file}:{l}: {message}" : $"{file}: {message}")
{
    public string File { get; } = file;

    public long? Line { get; } = line;

    public string Problem { get; } = message;
}
