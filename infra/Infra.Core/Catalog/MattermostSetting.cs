using System.Collections.Immutable;

namespace Infra.Core.Catalog;

/// <summary>How Mattermost reads a setting's environment variable (server/config/environment.go, applyEnvKey).</summary>
public enum SettingKind
{
    /// <summary>strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.</summary>
    Bool,
    /// <summary>strconv.ParseInt(value, 10, 0).</summary>
    Int,
    /// <summary>Used verbatim.</summary>
    String,
    /// <summary>strings.Split(value, " "): items separated by single spaces.</summary>
    StringList,
    /// <summary>json.RawMessage: the bytes as they are, to be read as JSON later.</summary>
    RawJson,
    /// <summary>A map: json.Unmarshal of a JSON object.</summary>
    JsonMap,
    /// <summary>A group of settings: a variable ending here is ignored; its fields have variables of their own.</summary>
    Group,
    /// <summary>Cannot be set from the environment (a list of structs, e.g. SqlSettings.ReplicaLagSettings).</summary>
    NotSettable,
}

/// <summary>
/// One Mattermost server setting: its section and name (nested fields as <c>Parent.Field</c>), the <c>MM_*</c>
/// variable that overrides it, its Go type in config.go and its TypeScript type in <c>@mattermost/types</c>, and the
/// sources that list it (<c>config.go</c>, <c>types@11.6.0</c>, <c>types@11.8.0</c>, or <c>hand</c> with a note).
/// </summary>
public sealed record MattermostSetting(
    string Section,
    string Name,
    string EnvVar,
    string? GoType,
    string? TsType,
    ImmutableArray<string> Sources,
    bool Sensitive,
    string? Note)
{
    /// <summary><c>Section.Setting</c>, as config.json and the docs name it: <c>SqlSettings.DataSourceReplicas</c>.</summary>
    public string Key => $"{Section}.{Name}";

    public SettingKind Kind => GoType is not null ? FromGo(GoType) : FromTypeScript(TsType ?? "");

    /// <summary>
    /// Listed by both versions of the web app's types that bracket the pinned server version, so present in it. A setting
    /// listed by only one of them, or only by the older config.go, may be missing from the pinned version.
    /// </summary>
    public bool InPinnedVersion =>
        MattermostSettings.TypesVersions.All(v => Sources.Contains("types@" + v, StringComparer.Ordinal));

    private static SettingKind FromGo(string type) => type.TrimStart('*') switch
    {
        "bool" => SettingKind.Bool,
        "int" or "int64" => SettingKind.Int,
        "string" => SettingKind.String,
        "[]string" => SettingKind.StringList,
        "json.RawMessage" => SettingKind.RawJson,
        var t when t.StartsWith("map[", StringComparison.Ordinal) => SettingKind.JsonMap,
        var t when t.StartsWith("[]", StringComparison.Ordinal) => SettingKind.NotSettable,
        _ => SettingKind.Group,
    };

    // Only for settings config.go @ 004a635e does not have; the TypeScript type says what the Go type must be.
    private static SettingKind FromTypeScript(string type) => type switch
    {
        "boolean" => SettingKind.Bool,
        "number" => SettingKind.Int,
        "string" => SettingKind.String,
        "string[]" => SettingKind.StringList,
        var t when t.StartsWith('\'') => SettingKind.String, // a union of string literals
        var t when t.StartsWith("Record<", StringComparison.Ordinal) => SettingKind.JsonMap,
        var t when t.EndsWith("[]", StringComparison.Ordinal) => SettingKind.NotSettable,
        _ => SettingKind.Group, // an object literal or a named interface
    };
}

/// <summary>A variable Mattermost reads that is not a setting (MM_CONFIG, MM_LICENSE), with where the server reads it.</summary>
public sealed record MattermostSpecialVariable(string Name, string What, string Repo, string Path, string Commit);
