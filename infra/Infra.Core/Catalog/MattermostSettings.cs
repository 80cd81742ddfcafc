using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Infra.Core.Catalog;

/// <summary>
/// Every setting of the pinned Mattermost server version with its <c>MM_*</c> variable, and the few other variables the
/// server reads. Data: <c>Catalog/Data/mattermost-settings.json</c>, built by <c>Catalog/Data/refresh.py</c> from
/// config.go (mattermost/mattermost server/public/model/config.go at the commit in the file) and the web app's
/// AdminConfig types of @mattermost/types 11.6.0 and 11.8.0, which bracket the pinned 11.7.0. Mattermost ignores a
/// misspelt variable and a value that does not parse without a word, so the program's variables are checked here.
/// </summary>
public static class MattermostSettings
{
    /// <summary>The server version the data is for; the default of <c>mattermost:mattermostVersion</c>.</summary>
    public static string PinnedVersion { get; }

    /// <summary>The @mattermost/types versions whose AdminConfig was read, older first.</summary>
    public static ImmutableArray<string> TypesVersions { get; }

    /// <summary>The config.go commit the Go types come from.</summary>
    public static string ConfigGoCommit { get; }

    public static ImmutableArray<MattermostSetting> All { get; }

    public static ImmutableArray<MattermostSpecialVariable> SpecialVariables { get; }

    private static readonly FrozenDictionary<string, MattermostSetting> ByEnv;
    private static readonly FrozenDictionary<string, MattermostSetting> ByKeyIndex;

    /// <summary>Settings whose items are database connection strings: one URL per item.</summary>
    public static readonly FrozenSet<string> ConnectionLists =
        new[] { "SqlSettings.DataSourceReplicas", "SqlSettings.DataSourceSearchReplicas" }.ToFrozenSet(StringComparer.Ordinal);

    static MattermostSettings()
    {
        using var doc = CatalogData.Open("mattermost-settings.json");
        var root = doc.RootElement;
        var source = root.GetProperty("source");
        PinnedVersion = source.GetProperty("pinnedServerVersion").GetString()!;
        TypesVersions = [.. source.GetProperty("types").GetProperty("versions").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        ConfigGoCommit = source.GetProperty("configGo").GetProperty("commit").GetString()!;
        All = [.. root.GetProperty("settings").EnumerateArray().Select(s => new MattermostSetting(
            s.GetProperty("section").GetString()!,
            s.GetProperty("name").GetString()!,
            s.GetProperty("env").GetString()!,
            Optional(s, "go"),
            Optional(s, "ts"),
            [.. s.GetProperty("in").EnumerateArray().Select(i => i.GetString()!)],
            s.TryGetProperty("sensitive", out var sensitive) && sensitive.GetBoolean(),
            Optional(s, "note")))];
        SpecialVariables = [.. root.GetProperty("specialVariables").EnumerateArray().Select(v =>
        {
            var src = v.GetProperty("source");
            return new MattermostSpecialVariable(v.GetProperty("name").GetString()!, v.GetProperty("what").GetString()!,
                src.GetProperty("repo").GetString()!, src.GetProperty("path").GetString()!, src.GetProperty("commit").GetString()!);
        })];
        ByEnv = All.ToFrozenDictionary(s => s.EnvVar, StringComparer.Ordinal);
        ByKeyIndex = All.ToFrozenDictionary(s => s.Key, StringComparer.Ordinal);
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>The setting a variable overrides. Mattermost upper-cases names before matching, so case does not matter.</summary>
    public static MattermostSetting? ByEnvVar(string name) => ByEnv.GetValueOrDefault(name.ToUpperInvariant());

    /// <summary>The setting named <c>Section.Setting</c> as in config.json (exact case), e.g. <c>ClusterSettings.GossipPort</c>.</summary>
    public static MattermostSetting? ByKey(string key) => ByKeyIndex.GetValueOrDefault(key);

    public static MattermostSpecialVariable? Special(string name) =>
        SpecialVariables.FirstOrDefault(v => v.Name == name.ToUpperInvariant());

    /// <summary>
    /// Why Mattermost would not apply a variable of this name, or null when it names a setting of the pinned version (or
    /// one of the special variables).
    /// </summary>
    public static string? NameProblem(string name)
    {
        if (Special(name) is not null) return null;
        if (ByEnvVar(name) is not { } s)
        {
            var nearest = CatalogData.Nearest(name, All.Select(x => x.EnvVar).Concat(SpecialVariables.Select(v => v.Name)));
            return $"{name} is not a Mattermost {PinnedVersion} setting" + (nearest is null ? "" : $" (did you mean {nearest}?)") +
                   "; Mattermost ignores it without a message";
        }
        if (s.Kind == SettingKind.Group) return $"{name} names the group {s.Key}, not a setting: Mattermost ignores it";
        if (s.Kind == SettingKind.NotSettable) return $"{name} ({s.Key}, {s.GoType ?? s.TsType}) cannot be set from the environment";
        if (!s.InPinnedVersion)
            return $"{name} ({s.Key}) is listed only by {string.Join(", ", s.Sources)}, not by both @mattermost/types " +
                   $"{string.Join(" and ", TypesVersions)}: it may not exist in Mattermost {PinnedVersion}; verify it in that version's config.go first";
        return null;
    }

    /// <summary>
    /// Whether a value parses the way Mattermost parses it for this setting (server/config/environment.go, applyEnvKey).
    /// <paramref name="value"/> is the value's text; parts only known at deployment (a resource output, a template
    /// placeholder) are <see cref="Opaque"/> tokens, which hold no space, so list items stay apart. A boolean, number or
    /// JSON value that holds such a part cannot be judged before deployment (<see cref="ValueCheck.Known"/> is false).
    /// </summary>
    public static ValueCheck CheckValue(MattermostSetting setting, string value)
    {
        var opaque = value.Contains(OpaqueStart, StringComparison.Ordinal);
        switch (setting.Kind)
        {
            case SettingKind.String:
                return ValueCheck.Ok;
            case SettingKind.Bool:
                if (opaque) return ValueCheck.Unknown("a boolean known only at deployment");
                return value is "1" or "t" or "T" or "TRUE" or "true" or "True" or "0" or "f" or "F" or "FALSE" or "false" or "False"
                    ? ValueCheck.Ok
                    : ValueCheck.Bad($"'{value}' is not a boolean to strconv.ParseBool (true or false)");
            case SettingKind.Int:
                if (opaque) return ValueCheck.Unknown("a number known only at deployment");
                return IsGoInt(value) ? ValueCheck.Ok : ValueCheck.Bad($"'{value}' is not a whole number to strconv.ParseInt(value, 10, 0)");
            case SettingKind.StringList:
            {
                var items = value.Split(' ');
                if (items.Any(i => i.Length == 0))
                    return ValueCheck.Bad($"'{value}' has an empty item: items are split on single spaces (strings.Split(value, \" \")), " +
                                          "so a leading, trailing or double space, or an empty value, gives an empty item");
                if (ConnectionLists.Contains(setting.Key))
                {
                    var bad = items.FirstOrDefault(i => CountOf(i, "://") != 1);
                    if (bad is not null)
                        return ValueCheck.Bad($"item '{bad}' is not one connection URL: Mattermost splits {setting.EnvVar} on spaces, " +
                                              "so several URLs must be separated by a space (not a comma)");
                }
                return ValueCheck.Ok;
            }
            case SettingKind.RawJson:
            case SettingKind.JsonMap:
                if (opaque) return ValueCheck.Unknown("JSON known only at deployment");
                try
                {
                    using var json = JsonDocument.Parse(value);
                    return setting.Kind == SettingKind.JsonMap && json.RootElement.ValueKind != JsonValueKind.Object
                        ? ValueCheck.Bad($"'{value}' is not a JSON object")
                        : ValueCheck.Ok;
                }
                catch (JsonException)
                {
                    return ValueCheck.Bad($"'{value}' is not JSON");
                }
            default:
                return ValueCheck.Bad($"{setting.EnvVar} cannot be set from the environment");
        }
    }

    public const string OpaqueStart = "\u27e8";
    public const string OpaqueEnd = "\u27e9";

    /// <summary>A token standing for a part of a value known only at deployment or boot: ⟨what⟩ (no spaces).</summary>
    public static string Opaque(string what) => OpaqueStart + what.Replace(' ', '_') + OpaqueEnd;

    private static bool IsGoInt(string value)
    {
        var digits = value.StartsWith('+') || value.StartsWith('-') ? value[1..] : value;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) &&
               long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}

/// <summary>The result of <see cref="MattermostSettings.CheckValue"/>: parses, does not parse (why), or cannot be known before deployment.</summary>
public sealed record ValueCheck(bool Parses, bool Known, string? Message)
{
    public static readonly ValueCheck Ok = new(true, true, null);

    public static ValueCheck Bad(string message) => new(false, true, message);

    public static ValueCheck Unknown(string why) => new(true, false, why);
}
