namespace Infra.Core.Settings.App;

/// <summary>
/// One field of <c>mattermost:app</c>: its dotted path below the key, its type and what is allowed, the Mattermost setting
/// (<c>Section.Setting</c>) it becomes where it maps to exactly one, its default per environment, and where the limit comes
/// from. Fields without a <see cref="Setting"/> are turned into settings by <see cref="AppVariables"/> (one field, several
/// settings) or are <see cref="Pending"/>: declared here and applied through Mattermost's API (issue 15), because an
/// environment variable cannot carry them.
/// </summary>
public sealed record AppField(
    string Path,
    AppFieldKind Kind,
    string Description,
    string? Setting = null,
    decimal Min = 0,
    decimal Max = 0,
    IReadOnlyList<string>? Choices = null,
    int? MaxBytes = null,
    int? MaxChars = null,
    Func<string, bool>? TextCheck = null,
    string? TextFormat = null,
    string? Pilot = null,
    string? Staging = null,
    string? Production = null,
    bool Pending = false,
    string? Source = null)
{
    /// <summary>Same default in every environment.</summary>
    public AppField WithDefault(string value) => this with { Pilot = value, Staging = value, Production = value };

    public string? DefaultFor(EnvironmentKind environment) => environment switch
    {
        EnvironmentKind.Pilot => Pilot,
        EnvironmentKind.Staging => Staging,
        _ => Production,
    };

    /// <summary>The full configuration key, as errors and <c>pulumi config set --path</c> name it.</summary>
    public string Key => AppFields.Key + "." + Path;

    /// <summary>What is allowed, in words.</summary>
    public string Allowed => Kind switch
    {
        AppFieldKind.Boolean => "true or false",
        AppFieldKind.Integer => $"a whole number from {Min} to {Max}",
        AppFieldKind.Choice => "one of " + string.Join(", ", Choices!),
        AppFieldKind.Cidrs => "a list of IPv4 CIDR blocks, e.g. [\"10.50.0.0/24\"]",
        AppFieldKind.Domains => "a list of DNS domains, e.g. [\"example.com\"]",
        AppFieldKind.Names => "a list of names without spaces",
        AppFieldKind.Secret => "a Pulumi secret (pulumi config set --secret --path ...) or the ARN of a Secrets Manager secret",
        AppFieldKind.File => "the path of a file in the project, relative to Pulumi.yaml",
        _ => TextFormat ?? (MaxBytes is { } b ? $"text of at most {b} bytes" : MaxChars is { } c ? $"text of at most {c} characters" : "text"),
    };
}
