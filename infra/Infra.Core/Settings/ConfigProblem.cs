namespace Infra.Core.Settings;

/// <summary>One problem with one configuration value: where it is and what is allowed.</summary>
public sealed record ConfigProblem(string File, string Key, string Message)
{
    public override string ToString() => $"{File}: {Key}: {Message}";
}

/// <summary>Thrown when a stack's configuration is not usable; carries every problem found, not just the first.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;
}
