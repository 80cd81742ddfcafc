namespace Infra.Core.Onboarding;

/// <summary>A request the server refused or could not answer, after the retries. Status 0: no answer at all.</summary>
public sealed class MattermostApiException(int status, string method, string path, string message)
    : Exception($"{method} {path}: {status} {message}")
{
    public int Status { get; } = status;
}

/// <summary>The token is missing, unreadable or refused (401): the commands stop with one line, exit 2.</summary>
public sealed class MattermostAuthException(string message) : Exception(message);
