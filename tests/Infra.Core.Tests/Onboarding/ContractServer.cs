using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infra.Core.Tests.Onboarding;

/// <summary>
/// An in-process Mattermost for the tests: every request is checked against the operations kept in
/// Data/mattermost-api-v4-subset.json (method, path, query parameters, body shape); a request outside the contract
/// fails the test. It keeps state (roles, teams, channels, uploads, jobs, invitations) and answers with the
/// documented shapes, including 401, 403, 404, and injected 429 (with Retry-After) and 5xx.
/// </summary>
public sealed class ContractServer : HttpMessageHandler
{
    private static readonly JsonObject Contract = (JsonObject)JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Onboarding", "Data", "mattermost-api-v4-subset.json")))!;

    private int _ids;
    public string Token { get; set; } = "good-token";
    public bool AdminToken { get; set; } = true;
    public List<string> Violations { get; } = [];
    public List<string> Log { get; } = [];
    public Dictionary<string, JsonObject> Roles { get; } = [];
    public Dictionary<string, JsonObject> Teams { get; } = [];
    public Dictionary<string, JsonObject> Channels { get; } = [];
    public Dictionary<string, JsonObject> Jobs { get; } = [];
    public Dictionary<string, long> Uploads { get; } = [];
    public List<(string TeamId, string Email)> Invites { get; } = [];
    /// <summary>Answers to give before the real one: (status, Retry-After seconds or null).</summary>
    public Queue<(int Status, int? RetryAfter)> Faults { get; } = new();
    /// <summary>When set, the faults go only to this operation (by its id in the contract).</summary>
    public string? FaultsFor { get; set; }
    /// <summary>Throw (a crash of the client's process, seen from inside) on the n-th invite call, counting from 1.</summary>
    public int? CrashOnInviteCall { get; set; }
    public int InviteCalls { get; private set; }
    /// <summary>How the import job ends: lines the job rejects (line number, message).</summary>
    public List<(int Line, string Message)> ImportRejects { get; } = [];
    /// <summary>The server's e-mail invitation limit per call (Mattermost refuses more than this in one request).</summary>
    public int MaxInvitesPerCall { get; set; } = 20;

    public ContractServer()
    {
        foreach (var name in new[] { "system_user", "team_user", "channel_user", "team_admin" })
            Roles[name] = new JsonObject { ["id"] = NewId(), ["name"] = name, ["display_name"] = name, ["permissions"] = new JsonArray("create_post", "view_team") };
    }

    public int Requests { get; private set; }

    private string NewId() => $"id{++_ids:D24}";

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Handle(request);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Handle(request));

    private HttpResponseMessage Handle(HttpRequestMessage request)
    {
        Requests++;
        var uri = request.RequestUri!;
        var method = request.Method.Method;
        var path = uri.AbsolutePath;
        Log.Add($"{method} {path}");
        if (uri.Scheme != "https") Violations.Add($"{method} {uri}: not https");
        var (op, pathParams) = Match(method, path);
        if (op is null)
        {
            Violations.Add($"{method} {path}: not an operation of the contract");
            return Error(404, "api.context.404.app_error");
        }
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        foreach (var key in query.AllKeys)
            if (key is not null && !op["query"]!.AsArray().Any(q => q!.GetValue<string>() == key))
                Violations.Add($"{method} {path}: query parameter '{key}' is not documented");
        var bodyBytes = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        JsonNode? body = null;
        var spec = op["body"];
        if (spec is null && bodyBytes.Length > 0) Violations.Add($"{method} {path}: a body where none is documented");
        if (spec is not null && spec["type"]!.GetValue<string>() != "binary")
        {
            try { body = JsonNode.Parse(bodyBytes); }
            catch (System.Text.Json.JsonException) { Violations.Add($"{method} {path}: body is not JSON"); return Error(400, "bad json"); }
            var problem = CheckBody(spec, body);
            if (problem is not null) { Violations.Add($"{method} {path}: {problem}"); return Error(400, problem); }
        }

        if (request.Headers.Authorization is not { Scheme: "Bearer" } auth || auth.Parameter != Token)
            return Error(401, "api.context.session_expired.app_error");
        var id = (string)op["id"]!;
        if (Faults.Count > 0 && (FaultsFor is null || FaultsFor == id))
        {
            var (status, retryAfter) = Faults.Dequeue();
            var fault = Error(status, status == 429 ? "too many requests" : "internal error");
            if (retryAfter is { } s) fault.Headers.Add("Retry-After", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return fault;
        }
        if (!AdminToken && id is not ("GetMe" or "GetTeamByName" or "GetChannelByName" or "GetRoleByName"))
            return Error(403, "api.context.permissions.app_error");
        var response = Answer(id, pathParams, body, bodyBytes);
        var code = (int)response.StatusCode;
        if (!op["responses"]!.AsArray().Any(r => r!.GetValue<int>() == code))
            Violations.Add($"{method} {path}: answered {code}, which the contract does not list");
        return response;
    }

    private HttpResponseMessage Answer(string id, Dictionary<string, string> p, JsonNode? body, byte[] bytes)
    {
        switch (id)
        {
            case "GetMe":
                return Json(200, new JsonObject { ["id"] = "admin0000000000000000000000", ["username"] = "admin", ["roles"] = "system_user system_admin" });
            case "GetUserByEmail":
                return Error(404, "store.sql_user.missing_account.const");
            case "GetTeamByName":
                return Teams.TryGetValue(p["name"], out var team) ? Json(200, team.DeepClone()) : Error(404, "app.team.get_by_name.missing.app_error");
            case "CreateTeam":
            {
                var name = (string)body!["name"]!;
                if (Teams.ContainsKey(name)) return Error(400, "store.sql_team.save_team.existing.app_error");
                var t = new JsonObject { ["id"] = NewId(), ["name"] = name, ["display_name"] = body["display_name"]!.GetValue<string>(), ["type"] = body["type"]!.GetValue<string>() };
                Teams[name] = t;
                return Json(201, t.DeepClone());
            }
            case "GetChannelByName":
                return Channels.TryGetValue($"{p["team_id"]}/{p["channel_name"]}", out var ch) ? Json(200, ch.DeepClone()) : Error(404, "app.channel.get_by_name.missing.app_error");
            case "CreateChannel":
            {
                var teamId = (string)body!["team_id"]!;
                if (!Teams.Values.Any(t => (string)t["id"]! == teamId)) return Error(400, "invalid team_id");
                var key = $"{teamId}/{(string)body["name"]!}";
                if (Channels.ContainsKey(key)) return Error(400, "store.sql_channel.save_channel.exists.app_error");
                var c = new JsonObject { ["id"] = NewId(), ["team_id"] = teamId, ["name"] = (string)body["name"]!, ["display_name"] = (string)body["display_name"]!, ["type"] = (string)body["type"]! };
                Channels[key] = c;
                return Json(201, c.DeepClone());
            }
            case "GetRoleByName":
                return Roles.TryGetValue(p["role_name"], out var role) ? Json(200, role.DeepClone()) : Error(404, "app.role.get_by_name.app_error");
            case "PatchRole":
            {
                var r = Roles.Values.FirstOrDefault(x => (string)x["id"]! == p["role_id"]);
                if (r is null) return Error(404, "app.role.get.app_error");
                if (body!["permissions"] is JsonArray perms) r["permissions"] = perms.DeepClone();
                return Json(200, r.DeepClone());
            }
            case "InviteUsersToTeam":
            {
                InviteCalls++;
                if (CrashOnInviteCall == InviteCalls) throw new SimulatedCrashException();
                var emails = body!.AsArray().Select(e => (string)e!).ToList();
                if (emails.Count > MaxInvitesPerCall) return Error(413, "app.email.rate_limit_exceeded.app_error");
                if (!Teams.Values.Any(t => (string)t["id"]! == p["team_id"])) return Error(400, "invalid team_id");
                foreach (var e in emails) Invites.Add((p["team_id"], e));
                return Json(200, new JsonObject { ["status"] = "OK" });
            }
            case "CreateUpload":
            {
                var uid = NewId();
                Uploads[uid] = body!["file_size"]!.GetValue<long>();
                return Json(201, new JsonObject { ["id"] = uid, ["type"] = body["type"]?.GetValue<string>() ?? "attachment", ["filename"] = (string)body["filename"]!, ["file_size"] = Uploads[uid], ["file_offset"] = 0 });
            }
            case "UploadData":
                if (!Uploads.TryGetValue(p["upload_id"], out var size)) return Error(404, "app.upload.get.app_error");
                if (bytes.LongLength != size) return Error(400, "size mismatch");
                return Json(201, new JsonObject { ["id"] = NewId(), ["name"] = "import.zip", ["size"] = size });
            case "CreateJob":
            {
                var j = new JsonObject { ["id"] = NewId(), ["type"] = (string)body!["type"]!, ["status"] = "pending", ["progress"] = 0, ["data"] = body["data"]?.DeepClone() ?? new JsonObject(), ["polls"] = 0 };
                Jobs[(string)j["id"]!] = j;
                return Json(201, Public(j));
            }
            case "GetJob":
            {
                if (!Jobs.TryGetValue(p["job_id"], out var j)) return Error(404, "app.job.get.app_error");
                var polls = (int)j["polls"]! + 1;
                j["polls"] = polls;
                j["progress"] = Math.Min(100, polls * 40);
                j["status"] = polls >= 3 ? (ImportRejects.Count > 0 ? "error" : "success") : "in_progress";
                if (polls >= 3 && ImportRejects.Count > 0)
                    ((JsonObject)j["data"]!)["error"] = string.Join("; ", ImportRejects.Select(r => $"line {r.Line}: {r.Message}"));
                return Json(200, Public(j));
            }
        }
        return Error(501, "not implemented in the contract server");
    }

    private static JsonObject Public(JsonObject job)
    {
        var copy = (JsonObject)job.DeepClone();
        copy.Remove("polls");
        return copy;
    }

    private static string? CheckBody(JsonNode spec, JsonNode? body)
    {
        var type = spec["type"]!.GetValue<string>();
        if (type == "array")
        {
            if (body is not JsonArray a) return "body must be an array";
            return a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) ? null : "array items must be strings";
        }
        if (body is not JsonObject o) return "body must be an object";
        foreach (var r in spec["required"]!.AsArray())
            if (!o.ContainsKey((string)r!)) return $"required field '{r}' is missing";
        var props = spec["properties"]!.AsObject();
        foreach (var (key, value) in o)
        {
            if (!props.TryGetPropertyValue(key, out var t)) return $"field '{key}' is not documented";
            var ok = (string)t! switch
            {
                "string" => value is JsonValue v && v.TryGetValue<string>(out _),
                "integer" => value is JsonValue n && n.TryGetValue<long>(out _),
                "object" => value is JsonObject,
                "string[]" => value is JsonArray arr && arr.All(x => x is JsonValue s && s.TryGetValue<string>(out _)),
                _ => false,
            };
            if (!ok) return $"field '{key}' must be {t}";
        }
        return null;
    }

    private static (JsonObject?, Dictionary<string, string>) Match(string method, string path)
    {
        foreach (var op in Contract["operations"]!.AsArray().Cast<JsonObject>())
        {
            if ((string)op["method"]! != method) continue;
            var pattern = "^" + Regex.Replace(Regex.Escape((string)op["path"]!), @"\\\{(\w+)}", "(?<$1>[^/]+)") + "$";
            var m = Regex.Match(path, pattern);
            if (!m.Success) continue;
            var ps = m.Groups.Keys.Where(k => !int.TryParse(k, out _)).ToDictionary(k => k, k => Uri.UnescapeDataString(m.Groups[k].Value));
            return (op, ps);
        }
        return (null, []);
    }

    private static HttpResponseMessage Json(int status, JsonNode body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Error(int status, string id) =>
        Json(status, new JsonObject { ["id"] = id, ["message"] = id, ["status_code"] = status });
}

/// <summary>The client's process dying in the middle of a request (the request never reached the server).</summary>
public sealed class SimulatedCrashException : Exception;

/// <summary>A clock that advances only when slept on.</summary>
public sealed class FakeSleeper : Infra.Core.Onboarding.ISleeper
{
    public DateTimeOffset Now { get; private set; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public List<TimeSpan> Sleeps { get; } = [];

    public void Sleep(TimeSpan duration)
    {
        Sleeps.Add(duration);
        Now += duration;
    }
}
