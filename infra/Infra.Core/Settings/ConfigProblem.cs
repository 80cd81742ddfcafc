namespace Infra.Core.Settings;

/// <summary>One problem with one configuration value: where it is and what is allowed.</summary>
public sealed record ConfigProblem(string File, string Key, string Message)
{
    /// <summary>One line: names and keys from input files are shown with control characters escaped.</summary>
    public override string ToString() => $"{Printable.Text(File)}: {Printable.Text(Key)}: {Printable.Text(Message)}";
}

/// <summary>Thrown when a stack's configuration is not usable; carries every problem found, not just the first.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
