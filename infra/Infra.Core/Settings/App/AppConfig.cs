using System.Collections.Immutable;

namespace Infra.Core.Settings.App;

/// <summary>A typed value of one <c>mattermost:app</c> field, and where it came from (a file, or "default").</summary>
public abstract record AppValue(string Source);

public sealed record AppBool(bool Value, string Source) : AppValue(Source);

public sealed record AppInt(long Value, string Source) : AppValue(Source);

public sealed record AppText(string Value, string Source) : AppValue(Source);

public sealed record AppList(ImmutableArray<string> Items, string Source) : AppValue(Source);

/// <summary>A file of the project, by its path relative to the project directory.</summary>
public sealed record AppFile(string RelativePath, string Source) : AppValue(Source);

/// <summary>
/// A secret, never its value: a Pulumi secret at <paramref name="Path"/> below <c>mattermost:app</c> (the program reads it
/// at deployment and keeps it in Secrets Manager), or a Secrets Manager secret the organisation keeps (<paramref name="Arn"/>).
/// </summary>
public sealed record AppSecret(string Path, string? Arn, string Source) : AppValue(Source)
{
    public bool IsPulumiSecret => Arn is null;

    /// <summary>How reports name it: the Pulumi secret's key, or the ARN.</summary>
    public string Reference => Arn ?? $"Pulumi secret {AppFields.Key}.{Path}";
}

/// <summary>A setting of the escape hatch, <c>mattermost:app.settings</c>: a real setting by its <c>Section.Setting</c> name.</summary>
/// <param name="Value">The value as Mattermost reads it from the environment; null for a secret.</param>
public sealed record AppExtraSetting(string Setting, string? Value, AppSecret? Secret, string Source);

/// <summary>
/// The stack's <c>mattermost:app</c>, validated: field values by path (with the environment's defaults filled in) and
/// the escape hatch's settings. Empty when the stack sets nothing and its environment has no defaults.
/// </summary>
public sealed record AppConfig(ImmutableSortedDictionary<string, AppValue> Values, ImmutableArray<AppExtraSetting> Extra)
{
    public static AppConfig Empty { get; } = new(ImmutableSortedDictionary<string, AppValue>.Empty.WithComparers(StringComparer.Ordinal), []);

    public AppValue? this[string path] => Values.GetValueOrDefault(path);

    public bool? Bool(string path) => this[path] is AppBool b ? b.Value : null;

    public long? Int(string path) => this[path] is AppInt i ? i.Value : null;

    public string? Text(string path) => this[path] is AppText t ? t.Value : null;

    public ImmutableArray<string> List(string path) => this[path] is AppList l ? l.Items : [];

    public AppSecret? Secret(string path) => this[path] as AppSecret;

    public AppFile? File(string path) => this[path] as AppFile;

    /// <summary>Whether any field below this section is set (by the stack; defaults do not count).</summary>
    public bool Has(string section) => Values.Any(kv => kv.Key.StartsWith(section + ".", StringComparison.Ordinal) && kv.Value.Source != AppConfigReader.DefaultSource);

    public bool HasDirectory => Has("directory");

    public bool HasSaml => Has("sso.saml");

    public bool HasOpenId => Has("sso.openId");

    public bool HasEmail => Has("email");

    /// <summary>Every secret the configuration references: fields and escape-hatch settings (pending ones included).</summary>
    public IEnumerable<AppSecret> Secrets =>
        Values.Values.OfType<AppSecret>().Concat(Extra.Select(e => e.Secret).OfType<AppSecret>());

    /// <summary>What is declared but applied through Mattermost's API (issue 15): files, and secrets that only the API takes.</summary>
    public IEnumerable<(AppField Field, AppValue Value)> Pending =>
        AppFields.All.Where(f => f.Pending && Values.ContainsKey(f.Path)).Select(f => (f, Values[f.Path]));

    /// <summary>The directory's port: as set, else 636 for LDAPS and 389 for STARTTLS or none.</summary>
    public int DirectoryPort => (int?)Int("directory.port") ?? (Text("directory.connectionSecurity") == "TLS" ? 636 : 389);

    /// <summary>The relay's port: as set, else 465 for TLS, 587 for STARTTLS and 25 for none.</summary>
    public int SmtpPort => (int?)Int("email.smtpPort") ?? Text("email.connectionSecurity") switch { "TLS" => 465, "STARTTLS" => 587, _ => 25 };
}
