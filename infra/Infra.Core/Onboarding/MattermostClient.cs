using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Infra.Core.Onboarding;

/// <summary>
/// A small client of Mattermost's REST API v4, shared by apply, import and invite. HTTPS only: a token sent over
/// plain HTTP can be read on the way, so http:// is refused except for a loopback address (a server on the same
/// machine, as in development). 429 and 5xx are retried with exponential backoff (1, 2, 4, 8, 16 s), honouring
/// Retry-After when the server sends it; 401 is a bad token and stops at once.
/// </summary>
public sealed class MattermostClient
{
    public const int MaxAttempts = 6;
    private readonly HttpClient _http;
    private readonly ISleeper _sleeper;

    public MattermostClient(Uri baseUrl, string token, HttpMessageHandler handler, ISleeper sleeper)
    {
        BaseUrl = CheckUrl(baseUrl);
        _http = new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _sleeper = sleeper;
    }

    public Uri BaseUrl { get; }

    /// <summary>Requests that were answered 429 or 5xx and retried (for the report and the tests).</summary>
    public int Retries { get; private set; }

    public static Uri CheckUrl(Uri url)
    {
        if (url.Scheme == Uri.UriSchemeHttps) return url;
        if (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) return url;
        throw new MattermostAuthException($"{url}: the server URL must be https:// (plain http is allowed only for a loopback address)");
    }

    public JsonNode GetMe() => Send(HttpMethod.Get, "/api/v4/users/me", null)!;

    public JsonNode? GetTeamByName(string name) => SendOrNull(HttpMethod.Get, $"/api/v4/teams/name/{Uri.EscapeDataString(name)}");

    public JsonNode CreateTeam(string name, string displayName, string type) =>
        Send(HttpMethod.Post, "/api/v4/teams", new JsonObject { ["name"] = name, ["display_name"] = displayName, ["type"] = type })!;

    public JsonNode? GetChannelByName(string teamId, string name) =>
        SendOrNull(HttpMethod.Get, $"/api/v4/teams/{Uri.EscapeDataString(teamId)}/channels/name/{Uri.EscapeDataString(name)}");

    public JsonNode CreateChannel(string teamId, string name, string displayName, string type) =>
        Send(HttpMethod.Post, "/api/v4/channels", new JsonObject { ["team_id"] = teamId, ["name"] = name, ["display_name"] = displayName, ["type"] = type })!;

    public JsonNode? GetRoleByName(string name) => SendOrNull(HttpMethod.Get, $"/api/v4/roles/name/{Uri.EscapeDataString(name)}");

    public JsonNode PatchRole(string roleId, IEnumerable<string> permissions) =>
        Send(HttpMethod.Put, $"/api/v4/roles/{Uri.EscapeDataString(roleId)}/patch",
            new JsonObject { ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)JsonValue.Create(p))]) })!;

    public void InviteByEmail(string teamId, IReadOnlyList<string> emails) =>
        Send(HttpMethod.Post, $"/api/v4/teams/{Uri.EscapeDataString(teamId)}/invite/email", new JsonArray([.. emails.Select(e => (JsonNode)JsonValue.Create(e))]));

    /// <summary>An import upload session (type "import", as mmctl's 'import upload' creates it), then the bytes.</summary>
    public string UploadImport(string fileName, byte[] content)
    {
        var session = Send(HttpMethod.Post, "/api/v4/uploads",
            new JsonObject { ["filename"] = fileName, ["file_size"] = content.LongLength, ["type"] = "import" })!;
        var id = session["id"]?.GetValue<string>() ?? throw new MattermostApiException(201, "POST", "/api/v4/uploads", "the upload session has no id");
        Send(HttpMethod.Post, $"/api/v4/uploads/{Uri.EscapeDataString(id)}", null, content);
        return id;
    }

    public JsonNode CreateJob(string type, JsonObject data) =>
        Send(HttpMethod.Post, "/api/v4/jobs", new JsonObject { ["type"] = type, ["data"] = data })!;

    public JsonNode GetJob(string id) => Send(HttpMethod.Get, $"/api/v4/jobs/{Uri.EscapeDataString(id)}", null)!;

    private JsonNode? SendOrNull(HttpMethod method, string path)
    {
        try
        {
            return Send(method, path, null);
        }
        catch (MattermostApiException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private JsonNode? Send(HttpMethod method, string path, JsonNode? body, byte[]? binary = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            else if (binary is not null) request.Content = new ByteArrayContent(binary);
            HttpResponseMessage response;
            try
            {
                response = _http.Send(request);
            }
            catch (HttpRequestException e)
            {
                if (attempt >= MaxAttempts) throw new MattermostApiException(0, method.Method, path, $"no answer: {e.Message}");
                Backoff(attempt, null);
                continue;
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode) return text.Length == 0 ? null : JsonNode.Parse(text);
                if (status == 401) throw new MattermostAuthException($"{BaseUrl} refused the token (401 {Message(text)}); check {MattermostToken.EnvVar}");
                if ((status == 429 || status >= 500) && attempt < MaxAttempts)
                {
                    Backoff(attempt, RetryAfter(response));
                    continue;
                }
                throw new MattermostApiException(status, method.Method, path, Message(text));
            }
        }
    }

    private void Backoff(int attempt, TimeSpan? retryAfter)
    {
        Retries++;
        var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
        _sleeper.Sleep(wait);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > _sleeper.Now ? date - _sleeper.Now : TimeSpan.Zero;
        return null;
    }

    private static string Message(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["message"]?.GetValue<string>() ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
