namespace Infra.Core.Settings;

/// <summary>
/// One configuration key a stack may set: its type, what is allowed, its default in each environment
/// and what it does. The reader, the validation messages and the README table all come from this data.
/// </summary>
public sealed record ConfigKeySpec(
    string Key,
    ConfigKeyKind Kind,
    string Description,
    string? Pilot = null,
    string? Staging = null,
    string? Production = null,
    decimal Min = 0,
    decimal Max = 0,
    IReadOnlyList<string>? Choices = null,
    bool Required = false,
    string? TextFormat = null,
    Func<string, bool>? TextCheck = null,
    AppTierKind? Tier = null)
{
    /// <summary>Same default in every environment.</summary>
    public ConfigKeySpec WithDefault(string value) => this with { Pilot = value, Staging = value, Production = value };

    public string? DefaultFor(EnvironmentKind environment) => environment switch
    {
        EnvironmentKind.Pilot => Pilot,
        EnvironmentKind.Staging => Staging,
        _ => Production,
    };

    /// <summary>What is allowed, in words, for messages and documentation.</summary>
    public string Allowed => Kind switch
    {
        ConfigKeyKind.Integer => $"a whole number from {Min} to {Max}",
        ConfigKeyKind.Decimal => $"a number from {Min} to {Max}",
        ConfigKeyKind.Boolean => "true or false",
        ConfigKeyKind.Choice => "one of " + string.Join(", ", Choices!),
        ConfigKeyKind.Cidr => "an IPv4 CIDR block in a private range (10/8, 172.16/12, 192.168/16), prefix /16 to /20",
        ConfigKeyKind.CidrList => TextFormat ?? "a list of IPv4 or IPv6 CIDR blocks, e.g. [\"203.0.113.0/24\"]",
        ConfigKeyKind.StringMap => "a map of tag names to values",
        ConfigKeyKind.Secret => "a Pulumi secret (pulumi config set --secret ...)",
        ConfigKeyKind.Waivers => "a list of {policy, resources, reason, expires} entries",
        ConfigKeyKind.App => "a map of sections: " + string.Join(", ", App.AppFields.Children("")),
        _ => TextFormat ?? "text",
    };
}
