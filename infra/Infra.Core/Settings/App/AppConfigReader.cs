using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Infra.Core.Catalog;

namespace Infra.Core.Settings.App;

/// <summary>
/// Reads <c>mattermost:app</c> strictly, as the rest of the configuration: every key is a field of <see cref="AppFields"/>
/// (or the error suggests the nearest one), every value fits its field, secrets are references only (a Pulumi secret, or a
/// Secrets Manager ARN; plain text is reported by the loader's secret scan), the escape hatch names real settings of the
/// pinned Mattermost version, and what belongs together is complete (a directory needs its server, base DN, attributes,
/// networks and connection security). Problems are collected, each naming the key.
/// </summary>
internal sealed class AppConfigReader(EnvironmentKind environment, string? projectDirectory, Action<string, string, string> problem)
{
    public const string DefaultSource = "default";

    private readonly Dictionary<string, AppValue> _values = new(StringComparer.Ordinal);
    private readonly List<AppExtraSetting> _extra = [];
    private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);

    public AppConfig Read(RawValue? raw)
    {
        switch (raw)
        {
            case null:
                break;
            case RawMap map:
                Walk("", map);
                break;
            default:
                problem(raw.File, AppFields.Key, $"expected a map of sections ({string.Join(", ", AppFields.Children(""))}), got {raw.Shape}");
                break;
        }
        foreach (var field in AppFields.All)
            if (!_values.ContainsKey(field.Path) && field.DefaultFor(environment) is { } d)
                _values[field.Path] = Parse(field, new RawScalar(DefaultSource, d)) ?? throw new InvalidOperationException($"bad default for {field.Path}");
        var file = raw?.File ?? "";
        CrossChecks(file);
        return new AppConfig(_values.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. _extra]);
    }

    // ---- structure --------------------------------------------------------------------------------------------------

    private void Walk(string prefix, RawMap map)
    {
        var children = AppFields.Children(prefix);
        foreach (var (name, value) in map.Entries)
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (prefix.Length == 0 && name == AppFields.SettingsPath)
            {
                Settings(value);
                continue;
            }
            if (!children.Contains(name, StringComparer.Ordinal))
            {
                var near = CatalogData.Nearest(name, children);
                problem(value.File, Key(path), $"is not a field of {(prefix.Length == 0 ? AppFields.Key : Key(prefix))}; " +
                    (near is not null ? $"did you mean {near}? " : "") + $"the fields are {string.Join(", ", children)} (README, 'Mattermost's own configuration')");
                continue;
            }
            if (value is RawNull)
            {
                problem(value.File, Key(path), "is null (~); remove the line to leave it unset");
                continue;
            }
            if (AppFields.Find(path) is { } field)
            {
                if (Parse(field, value) is { } parsed) _values[path] = parsed;
                else _invalid.Add(path);
                continue;
            }
            if (value is RawMap inner) Walk(path, inner);
            else problem(value.File, Key(path), $"expected a map of {string.Join(", ", AppFields.Children(path))}, got {value.Shape}");
        }
    }

    private static string Key(string path) => $"{AppFields.Key}.{path}";

    // ---- values -----------------------------------------------------------------------------------------------------

    private AppValue? Parse(AppField f, RawValue raw)
    {
        var key = f.Key;
        if (f.Kind == AppFieldKind.Secret) return Secret(f.Path, raw, key);
        if (raw is RawSecure)
        {
            problem(raw.File, key, $"is not a secret; set it without --secret ({f.Allowed})");
            return null;
        }
        switch (f.Kind)
        {
            case AppFieldKind.Cidrs:
            case AppFieldKind.Domains:
            case AppFieldKind.Names:
                return ParseList(f, raw);
        }
        if (raw is not RawScalar { Text: var text })
        {
            problem(raw.File, key, $"expected {f.Allowed}, got {raw.Shape}");
            return null;
        }
        switch (f.Kind)
        {
            case AppFieldKind.Boolean:
                if (text is "true" or "false") return new AppBool(text == "true", raw.File);
                break;
            case AppFieldKind.Integer:
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= f.Min && n <= f.Max)
                    return new AppInt(n, raw.File);
                break;
            case AppFieldKind.Choice:
                if (f.Choices!.Contains(text, StringComparer.Ordinal)) return new AppText(text, raw.File);
                var near = f.Choices!.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                problem(raw.File, key, $"expected {f.Allowed}, got '{Printable.Text(text)}'{(near is null ? "" : $" (did you mean '{near}'?)")}");
                return null;
            case AppFieldKind.File:
                return File(f, text, raw);
            default:
                return Text(f, text, raw);
        }
        problem(raw.File, key, $"expected {f.Allowed}, got '{Printable.Text(text)}'");
        return null;
    }

    private AppValue? Text(AppField f, string text, RawValue raw)
    {
        if (OneLineProblem(text) is { } why) { problem(raw.File, f.Key, why); return null; }
        if (text.Length == 0) { problem(raw.File, f.Key, $"is empty; remove the line to leave it unset, or set {f.Allowed}"); return null; }
        if (f.MaxBytes is { } maxBytes && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > maxBytes)
        {
            problem(raw.File, f.Key, $"is {bytes} bytes long in UTF-8 ({text.Length} characters); Mattermost allows at most {maxBytes} bytes ({f.Source})");
            return null;
        }
        if (f.MaxChars is { } maxChars && text.Length > maxChars)
        {
            problem(raw.File, f.Key, $"is {text.Length} characters long; Mattermost allows at most {maxChars} ({f.Source})");
            return null;
        }
        if (f.TextCheck is { } check && !check(text))
        {
            problem(raw.File, f.Key, $"expected {f.Allowed}, got '{Printable.Text(text)}'" + (f.Source is null ? "" : $" ({f.Source})"));
            return null;
        }
        return new AppText(text, raw.File);
    }

    /// <summary>Values reach Mattermost as environment variables, one line each: a line break or control character cannot.</summary>
    private static string? OneLineProblem(string text) =>
        text.Any(c => char.IsControl(c) && c != '\t') || text.Contains('\t')
            ? "holds a line break or control character; Mattermost reads it from an environment variable, so write it on one line"
            : null;

    private AppValue? ParseList(AppField f, RawValue raw)
    {
        var items = raw switch
        {
            RawList l => l.Items,
            _ => default(ImmutableArray<RawValue>?),
        };
        if (items is null)
        {
            problem(raw.File, f.Key, $"expected {f.Allowed}, got {raw.Shape}");
            return null;
        }
        var result = new List<string>();
        var networks = new List<System.Net.IPNetwork>();
        for (var i = 0; i < items.Value.Length; i++)
        {
            var key = $"{f.Key}[{i}]";
            if (items.Value[i] is not RawScalar { Text: var text } || text.Length == 0)
            {
                problem(items.Value[i].File, key, $"expected {ItemText(f.Kind)}, got {items.Value[i].Shape}");
                continue;
            }
            switch (f.Kind)
            {
                case AppFieldKind.Cidrs:
                    if (!Cidr.TryParse(text, out var n) || n.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        problem(raw.File, key, $"expected an IPv4 CIDR block such as 10.50.0.0/24 (no host bits set), got '{Printable.Text(text)}'");
                        continue;
                    }
                    if (n.PrefixLength < 8)
                    {
                        problem(raw.File, key, $"{text} is wider than /8: list the service's own networks, not the internet");
                        continue;
                    }
                    if (networks.FindIndex(o => Cidr.Overlaps(o, n)) is var clash and >= 0)
                    {
                        problem(raw.File, key, $"{text} overlaps entry [{clash}] ({result[clash]}); list each network once");
                        continue;
                    }
                    networks.Add(n);
                    break;
                case AppFieldKind.Domains:
                    if (!DomainName(text))
                    {
                        problem(raw.File, key, $"expected a DNS domain such as example.com, got '{Printable.Text(text)}'");
                        continue;
                    }
                    break;
                default:
                    if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                    {
                        problem(raw.File, key, $"'{Printable.Text(text)}' holds a space; Mattermost splits the list on single spaces, so a name cannot contain one");
                        continue;
                    }
                    break;
            }
            result.Add(text);
        }
        if (f.Kind == AppFieldKind.Cidrs && result.Count == 0 && items.Value.Length == 0)
            problem(raw.File, f.Key, "lists no network; list the service's networks (the app may reach only those)");
        return new AppList([.. result], raw.File);
    }

    private static string ItemText(AppFieldKind kind) => kind switch
    {
        AppFieldKind.Cidrs => "an IPv4 CIDR block",
        AppFieldKind.Domains => "a DNS domain",
        _ => "a name",
    };

    private static bool DomainName(string v) =>
        v.Length <= 253 && v.Contains('.') && v.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-');

    /// <summary>A Pulumi secret, or the ARN of a Secrets Manager secret; plain text is the loader's secret scan's to report.</summary>
    private AppSecret? Secret(string path, RawValue raw, string key)
    {
        switch (raw)
        {
            case RawSecure:
                return new AppSecret(path, null, raw.File);
            case RawScalar { Text: var text } when SecretPatterns.IsSecretsManagerArn(text):
                return new AppSecret(path, text, raw.File);
            case RawScalar:
                // Plain text under a secret's name: reported once, by SettingsBinder.ScanForSecrets, which names the key.
                if (!SecretPatterns.IsSecretName(path.Split('.')[^1]))
                    problem(raw.File, key, "must not be stored in plain text; set it as a Pulumi secret (pulumi config set --secret --path " +
                        $"'{key}' <value>) or give the ARN of a Secrets Manager secret");
                return null;
            default:
                problem(raw.File, key, $"expected a Pulumi secret or the ARN of a Secrets Manager secret, got {raw.Shape}");
                return null;
        }
    }

    /// <summary>A file of the project: a relative path inside it that exists (checked when the project directory is known).</summary>
    private AppFile? File(AppField f, string text, RawValue raw)
    {
        if (Path.IsPathRooted(text) || text.Split('/', '\\').Contains("..") || OneLineProblem(text) is not null)
        {
            problem(raw.File, f.Key, $"expected {f.Allowed} (inside the project, without '..'), got '{Printable.Text(text)}'");
            return null;
        }
        if (projectDirectory is not null)
        {
            var full = Path.Combine(projectDirectory, text);
            if (!System.IO.File.Exists(full))
            {
                problem(raw.File, f.Key, $"names {text}, which is not a file in {projectDirectory}");
                return null;
            }
            if (f.Path == "branding.image" && new FileInfo(full).Length >= 2 * 1024 * 1024)
            {
                problem(raw.File, f.Key, $"{text} is {new FileInfo(full).Length:N0} bytes; Mattermost takes a brand image smaller than 2 MB ({f.Source})");
                return null;
            }
        }
        return new AppFile(text, raw.File);
    }

    // ---- the escape hatch -------------------------------------------------------------------------------------------

    private void Settings(RawValue raw)
    {
        var key = Key(AppFields.SettingsPath);
        if (raw is not RawMap map)
        {
            problem(raw.File, key, $"expected a map of Section.Setting: value (e.g. ServiceSettings.EnableLinkPreviews: true), got {raw.Shape}");
            return;
        }
        foreach (var (name, value) in map.Entries)
        {
            var at = $"{key}.{name}";
            if (MattermostSettings.ByKey(name) is not { } setting)
            {
                var near = CatalogData.Nearest(name, MattermostSettings.All.Where(s => s.Kind is not SettingKind.Group and not SettingKind.NotSettable).Select(s => s.Key));
                problem(value.File, at, $"{name} is not a setting of Mattermost {MattermostSettings.PinnedVersion}" +
                    (near is null ? "" : $"; did you mean {near}?") + " (names are Section.Setting as in config.json, exact case)");
                continue;
            }
            if (MattermostSettings.NameProblem(setting.EnvVar) is { } nameProblem)
            {
                problem(value.File, at, nameProblem);
                continue;
            }
            if (AppVariables.FieldFor(setting.Key) is { } owner)
            {
                problem(value.File, at, $"{setting.Key} is set by {owner}; set it there");
                continue;
            }
            if (AppVariables.SetByTheTool(setting.Key) is { } why)
            {
                problem(value.File, at, $"{setting.Key} is set by this tool ({why}); it cannot be overridden here");
                continue;
            }
            if (value is RawSecure || (value is RawScalar { Text: var t } && SecretPatterns.IsSecretsManagerArn(t) && setting.Kind == SettingKind.String))
            {
                if (Secret($"{AppFields.SettingsPath}.{name}", value, at) is { } secret)
                    _extra.Add(new AppExtraSetting(setting.Key, null, secret, value.File));
                continue;
            }
            if (setting.Sensitive)
            {
                if (!SecretPatterns.IsSecretName(setting.Name)) // a name like BindPassword is already reported by the secret scan
                    problem(value.File, at, $"{setting.Key} is a secret; set it as a Pulumi secret (pulumi config set --secret --path '{key}[\"{setting.Key}\"]' <value>) or give the ARN of a Secrets Manager secret");
                continue;
            }
            var text = value switch
            {
                RawScalar s => s.Text,
                RawList l when setting.Kind == SettingKind.StringList && l.Items.All(i => i is RawScalar { Text.Length: > 0 } s && !s.Text.Contains(' ')) =>
                    string.Join(' ', l.Items.Cast<RawScalar>().Select(s => s.Text)),
                _ => null,
            };
            if (text is null)
            {
                problem(value.File, at, $"expected {Expected(setting)}, got {value.Shape}");
                continue;
            }
            if (OneLineProblem(text) is { } lineProblem) { problem(value.File, at, lineProblem); continue; }
            var check = MattermostSettings.CheckValue(setting, text);
            if (!check.Parses)
            {
                problem(value.File, at, $"{check.Message} ({setting.Key} is {Expected(setting)})");
                continue;
            }
            _extra.Add(new AppExtraSetting(setting.Key, text, null, value.File));
        }
    }

    private static string Expected(MattermostSetting s) => s.Kind switch
    {
        SettingKind.Bool => "true or false",
        SettingKind.Int => "a whole number",
        SettingKind.StringList => "a list of items without spaces (Mattermost splits the variable on single spaces)",
        SettingKind.RawJson or SettingKind.JsonMap => "JSON text",
        _ => "text",
    };

    // ---- what belongs together --------------------------------------------------------------------------------------

    private void CrossChecks(string file)
    {
        void Require(string section, string why, params string[] paths)
        {
            foreach (var p in paths)
                if (!_values.ContainsKey(p) && !_invalid.Contains(p))
                    problem(FileOf(section, file), Key(p), $"is required when {Key(section)} is set: {why}");
        }
        AppConfig Now() => new(_values.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. _extra]);
        var app = Now();

        if (app.HasDirectory)
        {
            Require("directory", "Mattermost refuses AD/LDAP without them (LdapSettings.isValid), and the network is opened only to the directory's networks",
                "directory.server", "directory.baseDn", "directory.connectionSecurity", "directory.networks",
                "directory.attributes.id", "directory.attributes.loginId", "directory.attributes.username", "directory.attributes.email");
            if (_values.ContainsKey("directory.bindUsername") && !_values.ContainsKey("directory.bindPassword") && !_invalid.Contains("directory.bindPassword"))
                problem(FileOf("directory", file), Key("directory.bindPassword"), "is required with directory.bindUsername: the bind account's password, as a Pulumi secret or a Secrets Manager ARN");
        }
        if (app.HasSaml)
        {
            Require("sso.saml", "Mattermost refuses SAML without them (SamlSettings.isValid); the identity provider's certificate is uploaded through the API",
                "sso.saml.ssoUrl", "sso.saml.issuer", "sso.saml.attributes.email", "sso.saml.attributes.username", "sso.saml.certificates.identityProvider");
            if (app.Bool("sso.saml.encrypt") == true)
                Require("sso.saml", "encryption needs Mattermost's certificate and private key (SamlSettings.isValid)",
                    "sso.saml.certificates.serviceProvider", "sso.saml.certificates.serviceProviderKey");
            if (app.Bool("sso.saml.syncWithDirectory") == true && !app.HasDirectory)
                problem(FileOf("sso.saml", file), Key("sso.saml.syncWithDirectory"), $"synchronises with AD/LDAP, but {Key("directory")} is not set");
        }
        if (app.HasOpenId)
        {
            Require("sso.openId", "the provider, its discovery endpoint and the client registered there",
                "sso.openId.provider", "sso.openId.discoveryUrl", "sso.openId.clientId", "sso.openId.clientSecret");
            var provider = app.Text("sso.openId.provider");
            if (provider == "entra") Require("sso.openId", "Entra ID signs users in per tenant", "sso.openId.directoryId");
            else if (_values.ContainsKey("sso.openId.directoryId"))
                problem(FileOf("sso.openId", file), Key("sso.openId.directoryId"), $"applies to provider entra only (the provider is {provider})");
            if (provider is not ("okta" or "other" or null))
                foreach (var p in new[] { "sso.openId.buttonText", "sso.openId.buttonColor" }.Where(_values.ContainsKey))
                    problem(FileOf("sso.openId", file), Key(p), $"applies to providers okta and other only (the provider is {provider}; Mattermost names its button)");
        }
        if (app.HasEmail)
        {
            Require("email", "Mattermost needs the relay, how to reach it securely, and the network is opened only to the relay's networks",
                "email.smtpServer", "email.connectionSecurity", "email.networks");
            if (_values.ContainsKey("email.password") && !_values.ContainsKey("email.username") && !_invalid.Contains("email.username"))
                problem(FileOf("email", file), Key("email.username"), "is required with email.password: the relay account");
        }
        if (_values.ContainsKey("compliance.messageExport.dailyRunTime") && !_values.ContainsKey("compliance.messageExport.format"))
            problem(FileOf("compliance", file), Key("compliance.messageExport.format"), "is required with compliance.messageExport.dailyRunTime: the export's format turns it on");
        if (_values.ContainsKey("compliance.dataRetention.deletionJobStartTime") &&
            !_values.ContainsKey("compliance.dataRetention.messageDays") && !_values.ContainsKey("compliance.dataRetention.fileDays"))
            problem(FileOf("compliance", file), Key("compliance.dataRetention.messageDays"), "or fileDays is required with deletionJobStartTime: what the job deletes");
    }

    private string FileOf(string section, string fallback) =>
        _values.Where(kv => kv.Key.StartsWith(section + ".", StringComparison.Ordinal) && kv.Value.Source != DefaultSource)
            .Select(kv => kv.Value.Source).FirstOrDefault() ?? fallback;
}
