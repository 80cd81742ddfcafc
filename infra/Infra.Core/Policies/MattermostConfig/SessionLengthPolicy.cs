using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>MM-CFG-006: sessions end within Mattermost's defaults for a new installation: 30 days on the web, mobile and SSO.</summary>
public sealed class SessionLengthPolicy : MattermostConfigPolicyBase
{
    /// <summary>The longest session allowed: 720 hours, what Mattermost gives a new installation (config.go ServiceSettings.SetDefaults).</summary>
    public const int MaxHours = 720;

    public static readonly string[] Settings =
        ["ServiceSettings.SessionLengthWebInHours", "ServiceSettings.SessionLengthMobileInHours", "ServiceSettings.SessionLengthSSOInHours"];

    public override string Id => "MM-CFG-006";
    public override string Name => "Session lengths within bounds";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["MM.SESSIONS"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/environment-configuration-settings.html#session-lengths";

    public override string Guideline =>
        $"Keep ServiceSettings.SessionLengthWebInHours, SessionLengthMobileInHours and SessionLengthSSOInHours between 1 and {MaxHours} hours " +
        "(mattermost:app.signIn.sessionHours): 30 days is what Mattermost gives a new installation; an upgraded one may keep 180 days, and a stolen " +
        "session cookie or a lost phone stays signed in that long. Shorter is allowed.";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        var bad = Settings.Where(s => app.Number(s) is not (>= 1 and <= MaxHours)).ToList();
        yield return Check(bad.Count == 0, app,
            $"sessions end within {MaxHours} hours ({string.Join(", ", Settings.Select(app.Show))})",
            $"sessions outside 1-{MaxHours} hours: {string.Join(", ", bad.Select(app.Show))}; set mattermost:app.signIn.sessionHours");
    }
}
