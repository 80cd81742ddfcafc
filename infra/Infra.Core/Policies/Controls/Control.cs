namespace Infra.Core.Policies.Controls;

/// <summary>
/// One control an auditor checks, as listed in shared/reference/security-baseline.md. A control no policy
/// evaluates carries the reason (<see cref="NotEvaluated"/>), so the report accounts for it too.
/// </summary>
public sealed record Control(string Id, string Framework, string Title, string Url, string? NotEvaluated = null);
