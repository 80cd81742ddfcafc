using Infra.Core.Onboarding;

namespace Infra.Core.Tests.Onboarding;

public class MattermostClientTests
{
    private static MattermostClient Client(ContractServer server, FakeSleeper sleeper, string token = "good-token") =>
        new(new Uri("https://chat.example.org"), token, server, sleeper);

    [Fact]
    public void A_429_is_retried_after_the_servers_Retry_After_and_5xx_with_exponential_backoff()
    {
        var server = new ContractServer();
        server.Faults.Enqueue((429, 7));
        server.Faults.Enqueue((503, null));
        server.Faults.Enqueue((502, null));
        var sleeper = new FakeSleeper();
        var me = Client(server, sleeper).GetMe();
        Assert.Equal("admin", (string)me["username"]!);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], sleeper.Sleeps);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public void Gives_up_after_the_last_attempt_with_the_status()
    {
        var server = new ContractServer();
        for (var i = 0; i < MattermostClient.MaxAttempts; i++) server.Faults.Enqueue((500, null));
        var e = Assert.Throws<MattermostApiException>(() => Client(server, new FakeSleeper()).GetMe());
        Assert.Equal(500, e.Status);
        Assert.Equal(MattermostClient.MaxAttempts, server.Requests);
    }

    [Fact]
    public void A_bad_token_is_refused_at_once_without_retries()
    {
        var server = new ContractServer();
        var sleeper = new FakeSleeper();
        var e = Assert.Throws<MattermostAuthException>(() => Client(server, sleeper, "wrong").GetMe());
        Assert.Contains("refused the token", e.Message);
        Assert.Equal(1, server.Requests);
        Assert.Empty(sleeper.Sleeps);
    }

    [Fact]
    public void A_403_is_an_error_not_retried()
    {
        var server = new ContractServer { AdminToken = false };
        var e = Assert.Throws<MattermostApiException>(() => Client(server, new FakeSleeper()).CreateTeam("eng", "Engineering", "I"));
        Assert.Equal(403, e.Status);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("http://chat.example.org", false)]
    [InlineData("http://127.0.0.1:8065", true)]
    [InlineData("https://chat.example.org", true)]
    public void Plain_http_is_refused_except_on_loopback(string url, bool allowed)
    {
        if (allowed) Assert.Equal(new Uri(url), MattermostClient.CheckUrl(new Uri(url)));
        else Assert.Throws<MattermostAuthException>(() => MattermostClient.CheckUrl(new Uri(url)));
    }

    [Fact]
    public void The_token_comes_from_the_environment_or_a_file_never_elsewhere()
    {
        Assert.Equal("abc", MattermostToken.Read(n => n == "MM_ADMIN_TOKEN" ? " abc\n" : null));
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "fromfile\n");
        Assert.Equal("fromfile", MattermostToken.Read(n => n == "MM_ADMIN_TOKEN_FILE" ? file : null));
        File.Delete(file);
        Assert.Throws<MattermostAuthException>(() => MattermostToken.Read(_ => null));
    }

    [Fact]
    public void The_contract_server_flags_a_request_outside_the_contract()
    {
        // The contract server is what every other test relies on: it must notice a wrong body.
        var server = new ContractServer();
        using var http = new HttpClient(server);
        var r = http.Send(new HttpRequestMessage(HttpMethod.Post, "https://x/api/v4/teams") { Content = new StringContent("{\"name\":\"a\"}") });
        Assert.Equal(400, (int)r.StatusCode);
        Assert.Contains(server.Violations, v => v.Contains("display_name"));
        http.Send(new HttpRequestMessage(HttpMethod.Patch, "https://x/api/v4/roles/abc/patch"));
        Assert.Contains(server.Violations, v => v.Contains("not an operation"));
    }
}
