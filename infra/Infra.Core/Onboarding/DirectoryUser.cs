namespace Infra.Core.Onboarding;

/// <summary>One person from a directory export, with the line of the file it came from (for error messages).</summary>
public sealed record DirectoryUser(int Line, string Email, string? Username, string? FirstName, string? LastName, string? Position, IReadOnlyList<string> Teams, string? LdapId);
