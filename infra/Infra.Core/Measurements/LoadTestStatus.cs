using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>
/// The load-test coordinator's status as its API answers it, <c>GET http://&lt;agent0&gt;:4000/coordinator/&lt;id&gt;/status</c>:
/// <c>{"status": {"State": "stopped"|"running"|"done", "StartTime", "StopTime", "ActiveUsers", "NumErrors", "SupportedUsers",
/// ...}}</c>, with <c>id</c>, <c>message</c> and <c>error</c> only when not empty (shared/reference/load-test-framework.md §8:
/// mattermost-load-test-ng @784dbc17, api/client/coordinator/coordinator.go and coordinator/status.go). <c>SupportedUsers</c>
/// stays 0 until the feedback loop converges, and a coordinator stopped by hand reports "done" with 0. The plain-text
/// <c>ltctl loadtest status</c> is not read: it needs the framework's own Terraform deployment and has no machine-readable times.
/// </summary>
public sealed record LoadTestStatus(string State, DateTimeOffset Start, DateTimeOffset? Stop, int ActiveUsers, int NumErrors, int SupportedUsers, string? Id, string File)
{
    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object && first.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object;

    public static LoadTestStatus Parse(JsonExport x)
    {
        if (x.Documents.Count != 1) throw x.Wrong("document 2", "a second status in the same file; one load test run per status file");
        var doc = x.Documents[0];
        if (doc.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0)
            throw x.Wrong("$.error", $"the coordinator answered an error: {error.GetString()}");
        var s = x.Property(doc, "$", "status", JsonValueKind.Object);
        var state = x.String(s, "$.status", "State");
        if (state is not ("stopped" or "running" or "done"))
            throw x.Wrong("$.status.State", $"'{state}' is not a coordinator state (stopped, running, done)");
        var start = x.Time(x.Property(s, "$.status", "StartTime", JsonValueKind.String), "$.status.StartTime");
        DateTimeOffset? stop = null;
        if (s.TryGetProperty("StopTime", out var stopValue))
        {
            var t = x.Time(stopValue, "$.status.StopTime");
            if (t.Year > 1) stop = t; // Go's zero time (0001-01-01T00:00:00Z) while the test runs
        }
        var id = doc.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        return new LoadTestStatus(state, start, stop, x.Integer(s, "$.status", "ActiveUsers"), x.Integer(s, "$.status", "NumErrors"),
            x.Integer(s, "$.status", "SupportedUsers"), id, x.File);
    }
}
