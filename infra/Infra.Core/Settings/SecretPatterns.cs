using System.Text.RegularExpressions;

namespace Infra.Core.Settings;

/// <summary>
/// What a plain-text secret looks like: a key that names one, or a value in the shape of a well-known
/// credential. Data, with the source of each shape.
/// </summary>
public static partial class SecretPatterns
{
    /// <summary>One credential shape: what it is called and how it looks.</summary>
    public sealed record Shape(string Name, Regex Pattern, string Source);

    public static IReadOnlyList<Shape> ValueShapes { get; } =
    [
        new("a GitHub token", new(@"\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})", RegexOptions.CultureInvariant),
            "docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats"),
        new("a Slack token", new(@"\bxox[abposr]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant),
            "api.slack.com/authentication/token-types"),
        new("an AWS access key id", new(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant),
            "docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids"),
        new("a GitLab token", new(@"\bglpat-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant),
            "docs.gitlab.com/ee/security/tokens/#token-prefixes"),
        new("a private key", new(@"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----", RegexOptions.CultureInvariant),
            "RFC 7468 section 10 (PKCS #8 PRIVATE KEY) and the RSA/EC/OPENSSH/PGP variants"),
    ];

    /// <summary>The credential a value looks like, or null.</summary>
    public static string? LooksLike(string value) => ValueShapes.FirstOrDefault(s => s.Pattern.IsMatch(value))?.Name;

    /// <summary>
    /// The ARN of a Secrets Manager secret: a reference to a secret, never one itself
    /// (docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources).
    /// </summary>
    public static bool IsSecretsManagerArn(string value) => SecretsManagerArn().IsMatch(value);

    [GeneratedRegex(@"^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretsManagerArn();

    /// <summary>Whether a key names a secret: password, secret, token, licence/license, API, private or access key.</summary>
    public static bool IsSecretName(string key) => SecretName().IsMatch(key);

    [GeneratedRegex(@"(passw(or)?d|secret|token|licen[cs]e|api[-_]?key|private[-_]?key|access[-_]?key)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
