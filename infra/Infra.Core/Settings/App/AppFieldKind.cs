namespace Infra.Core.Settings.App;

/// <summary>The type of one field of <c>mattermost:app</c>, which decides how its value is read and checked.</summary>
public enum AppFieldKind
{
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A whole number within the field's bounds.</summary>
    Integer,
    /// <summary>One line of text, within the field's length limit and text check.</summary>
    Text,
    /// <summary>One of the field's choices (exact case).</summary>
    Choice,
    /// <summary>A list of IPv4 CIDR blocks: the networks a service (directory, mail relay) is reached in.</summary>
    Cidrs,
    /// <summary>A list of DNS domains (email domains), written to Mattermost comma-separated.</summary>
    Domains,
    /// <summary>A list of names without spaces, written to Mattermost space-separated (how it splits list variables).</summary>
    Names,
    /// <summary>A secret: a Pulumi secret (<c>secure:</c>) or the ARN of a Secrets Manager secret. Never plain text.</summary>
    Secret,
    /// <summary>A file of the project (relative path): what environment variables cannot carry, applied through the API.</summary>
    File,
}
