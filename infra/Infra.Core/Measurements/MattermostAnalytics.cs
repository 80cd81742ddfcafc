using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>
/// Mattermost's server analytics, <c>GET /api/v4/analytics/old?name=standard</c> (System Console, Site Statistics): a list
/// of <c>{"name", "value"}</c> rows. The rows read here are those of <c>getStandardAnalytics</c>
/// (mattermost/mattermost server/channels/app/analytics.go @622dc6f4): <c>unique_user_count</c> (the registered users,
/// without bots and deactivated accounts), <c>daily_active_users</c>, <c>monthly_active_users</c> and
/// <c>total_websocket_connections</c> (the whole cluster's, at the moment of the call). A team's analytics
/// (<c>team_id</c> given) report <c>inactive_user_count</c> -1 and count the team's users only: refused.
/// </summary>
public sealed record MattermostAnalytics(int RegisteredUsers, int DailyActiveUsers, int MonthlyActiveUsers, int WebSocketConnections, string File)
{
    private static readonly string[] Required = ["unique_user_count", "daily_active_users", "monthly_active_users", "total_websocket_connections"];

    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 && first[0].ValueKind == JsonValueKind.Object &&
        first[0].TryGetProperty("name", out _) && first[0].TryGetProperty("value", out _);

    public static MattermostAnalytics Parse(JsonExport x)
    {
        if (x.Documents.Count != 1) throw x.Wrong("document 2", "a second analytics answer in the same file; keep one (taken at the end of the window)");
        var rows = new Dictionary<string, (decimal Value, string Path)>(StringComparer.Ordinal);
        var i = 0;
        foreach (var row in x.Documents[0].EnumerateArray())
        {
            var p = $"$[{i++}]";
            var name = x.String(row, p, "name");
            var value = x.Number(row, p, "value");
            if (!rows.TryAdd(name, (value, p))) throw x.Wrong($"{p}.name", $"'{name}' twice: not one answer of the server");
        }
        foreach (var name in Required)
            if (!rows.ContainsKey(name))
                throw x.Wrong("$", $"has no '{name}' row: not the standard analytics (GET /api/v4/analytics/old?name=standard)");
        if (rows.TryGetValue("inactive_user_count", out var inactive) && inactive.Value < 0)
            throw x.Wrong($"{inactive.Path}.value", "-1: these are one team's analytics (team_id was given); export the whole server's, without team_id");
        int Count(string name)
        {
            var (v, p) = rows[name];
            return v >= 0 && v == decimal.Truncate(v) && v <= int.MaxValue ? (int)v : throw x.Wrong($"{p}.value", $"{v} is not a count");
        }
        return new MattermostAnalytics(Count("unique_user_count"), Count("daily_active_users"), Count("monthly_active_users"), Count("total_websocket_connections"), x.File);
    }
}
