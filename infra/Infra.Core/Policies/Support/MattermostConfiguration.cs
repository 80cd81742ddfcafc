using Infra.Core.Catalog;
using Infra.Core.Graph;

namespace Infra.Core.Policies.Support;

/// <summary>
/// One Mattermost deployment as the graph configures it: the node that runs it (a VM tier's launch template, a
/// Mattermost resource's ConfigGroup: whatever sets <c>ServiceSettings.SiteURL</c>) and every setting the program hands
/// it, wherever it is set (the node itself, Secrets synced for it). A setting the program sets is locked: the System
/// Console cannot change it. One it does not set has Mattermost's default (<see cref="MattermostDefaults"/>) until
/// someone changes it there.
/// </summary>
public sealed class MattermostConfiguration(ResourceNode node, IReadOnlyDictionary<string, MattermostVariable> settings)
{
    public ResourceNode Node { get; } = node;

    /// <summary>Settings the program sets, by <c>Section.Setting</c>.</summary>
    public IReadOnlyDictionary<string, MattermostVariable> Settings { get; } = settings;

    public bool IsSet(string setting) => Settings.ContainsKey(setting);

    /// <summary>The value as set, Mattermost's default when not set, null when it is neither (or a secret).</summary>
    public string? Value(string setting) =>
        Settings.TryGetValue(setting, out var v) ? v.Value : MattermostDefaults.Values.GetValueOrDefault(setting);

    public bool Flag(string setting) => Value(setting) is { } v && v.Equals("true", StringComparison.OrdinalIgnoreCase) || Value(setting) is "1" or "t" or "T";

    public long? Number(string setting) => long.TryParse(Value(setting), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>"EnableOpenServer=false (set)" or "... (Mattermost's default, not locked)".</summary>
    public string Show(string setting) =>
        $"{setting}={(Value(setting) is { } v ? (v.Length == 0 ? "\"\"" : v) : "(unset)")}" + (IsSet(setting) ? "" : " (Mattermost's default, not locked)");

    /// <summary>Whether users can sign in with a password Mattermost checks: email or username, or AD/LDAP.</summary>
    public bool PasswordSignIn => EmailPasswordSignIn || Flag("LdapSettings.Enable");

    public bool EmailPasswordSignIn => Flag("EmailSettings.EnableSignInWithEmail") || Flag("EmailSettings.EnableSignInWithUsername");

    public static IReadOnlyList<MattermostConfiguration> In(ResourceGraph graph)
    {
        var all = MattermostVariables.In(graph).Where(v => MattermostSettings.ByEnvVar(v.Name) is not null).ToList();
        var apps = all.Where(v => MattermostSettings.ByEnvVar(v.Name)!.Key == "ServiceSettings.SiteURL").Select(v => v.Node).Distinct().ToList();
        // Settings set elsewhere (a Secret of keys the app's environment reads) belong to the app: in a stack there is one.
        var shared = all.Where(v => !apps.Contains(v.Node)).ToList();
        return [.. apps.Select(app =>
        {
            var settings = new Dictionary<string, MattermostVariable>(StringComparer.Ordinal);
            foreach (var v in shared.Concat(all.Where(v => v.Node == app)))
                settings[MattermostSettings.ByEnvVar(v.Name)!.Key] = v;
            return new MattermostConfiguration(app, settings);
        })];
    }
}
