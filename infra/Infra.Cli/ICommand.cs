namespace Infra.Cli;

/// <summary>One CLI command. Returns the process exit code.</summary>
public interface ICommand
{
    CommandSpec Spec { get; }

    int Run(CliContext context);
}

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int PolicyFailed = 1;
    public const int BadInput = 2;
    public const int StatefulChange = 3;
    public const int InternalError = 70;
}
