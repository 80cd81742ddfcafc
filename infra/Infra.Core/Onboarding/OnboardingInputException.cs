namespace Infra.Core.Onboarding;

/// <summary>A bad on-boarding input file: reported as "FILE: problem" with exit code 2.</summary>
public sealed class OnboardingInputException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}
