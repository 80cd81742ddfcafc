using Infra.Cli;
using Infra.Cli.Commands;

namespace Infra.Core.Tests.Onboarding;

public class ApplyTests
{
    private static readonly string Repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    internal static (int Code, string Out, string Err) Run(ContractServer server, FakeSleeper sleeper, string token, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["MM_ADMIN_TOKEN"] = token, ["MM_URL"] = "https://chat.example.org" };
        var connection = new MattermostConnection(() => server, sleeper, n => env.GetValueOrDefault(n));
        ICommand[] commands = [new ApplyCommand(connection), new ImportCommand(connection), new ImportRunCommand(connection), new InviteCommand(connection)];
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = CliApp.Run(args, o, e, Repo, commands);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void The_default_shows_the_difference_and_changes_nothing_then_apply_twice_changes_nothing_the_second_time()
    {
        var server = new ContractServer();
        server.Roles["team_user"]["permissions"] = new System.Text.Json.Nodes.JsonArray("create_post", "invite_guest");
        var sleeper = new FakeSleeper();

        var dry = Run(server, sleeper, "good-token", "apply", "--stack", "pilot");
        Assert.Equal(0, dry.Code);
        Assert.Contains("~ role team_user: -invite_guest", dry.Out);
        Assert.Contains("~ team pilot: create", dry.Out);
        Assert.Contains("~ channel pilot/announcements: create", dry.Out);
        Assert.Empty(server.Teams);
        Assert.Contains("invite_guest", server.Roles["team_user"]["permissions"]!.ToJsonString());

        var first = Run(server, sleeper, "good-token", "apply", "--stack", "pilot", "--apply");
        Assert.Equal(0, first.Code);
        Assert.Contains("* team pilot: create", first.Out);
        Assert.Equal(2, server.Channels.Count);
        Assert.Equal("[\"create_post\"]", server.Roles["team_user"]["permissions"]!.ToJsonString());

        var requestsBefore = server.Log.Count;
        var second = Run(server, sleeper, "good-token", "apply", "--stack", "pilot", "--apply");
        Assert.Equal(0, second.Code);
        Assert.Contains("nothing to change", second.Out);
        Assert.DoesNotContain(server.Log.Skip(requestsBefore), l => !l.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Empty(server.Violations);
    }

    [Fact]
    public void A_bad_token_is_refused_with_one_line_and_exit_2()
    {
        var r = Run(new ContractServer(), new FakeSleeper(), "expired", "apply", "--stack", "pilot");
        Assert.Equal(2, r.Code);
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("refused the token", line);
    }

    [Fact]
    public void A_bad_desired_state_file_names_the_file_and_the_key()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "teams.yaml"), "teams:\n  - name: Bad Name\n");
        var r = Run(new ContractServer(), new FakeSleeper(), "good-token", "apply", "--dir", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("teams.yaml: teams[0].name: 'Bad Name' is not a Mattermost team name", r.Err);
    }
}
