namespace Infra.Core.Tests.Onboarding;

public class InviteTests
{
    private static string Project(int users, string extraWave = "")
    {
        var dir = Directory.CreateTempSubdirectory("invite").FullName;
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: t\nruntime: yaml\n");
        File.WriteAllText(Path.Combine(dir, "Pulumi.pilot.yaml"),
            "config:\n  mattermost:rollout:\n    - name: pilot\n      date: 2026-12-01\n      source: users.csv\n      teams: [pilot]\n" + extraWave);
        File.WriteAllLines(Path.Combine(dir, "users.csv"), ["email,first_name", .. Enumerable.Range(1, users).Select(i => $"user{i}@example.org,User {i}")]);
        return dir;
    }

    private static ContractServer ServerWithTeam()
    {
        var server = new ContractServer();
        server.Teams["pilot"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "teampilot000000000000000000", ["name"] = "pilot", ["display_name"] = "Pilot", ["type"] = "I" };
        return server;
    }

    [Fact]
    public void Batches_stay_under_the_hourly_limit_with_an_hour_between_them_and_an_estimated_end()
    {
        var dir = Project(45);
        var server = ServerWithTeam();
        var sleeper = new FakeSleeper();
        var r = ApplyTests.Run(server, sleeper, "good-token", "invite", "--wave", "pilot", "--stack", "pilot", "--project-dir", dir);
        Assert.Equal(0, r.Code);
        Assert.Equal(45, server.Invites.Count);
        Assert.Equal(3, server.InviteCalls);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(1)], sleeper.Sleeps);
        // The first progress line estimates the end two hours ahead (two more batches), on the injected clock.
        Assert.Contains("20/45 invited, estimated end 2026-12-01 11:00 UTC", r.Err);
        Assert.Contains("45/45 invited", r.Err);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public void A_crash_halfway_then_a_restart_invites_every_user_exactly_once()
    {
        var dir = Project(50);
        var server = ServerWithTeam();
        server.CrashOnInviteCall = 2; // the process dies during the second batch's request
        var crashed = ApplyTests.Run(server, new FakeSleeper(), "good-token", "invite", "--wave", "pilot", "--stack", "pilot", "--project-dir", dir);
        Assert.NotEqual(0, crashed.Code);
        Assert.Equal(20, server.Invites.Count);

        server.CrashOnInviteCall = null;
        var resumed = ApplyTests.Run(server, new FakeSleeper(), "good-token", "invite", "--wave", "pilot", "--stack", "pilot", "--project-dir", dir);
        Assert.Equal(0, resumed.Code);
        Assert.Contains("30 invitation(s) sent now, 20 sent before", resumed.Out);
        var invited = server.Invites.Select(i => i.Email).ToList();
        Assert.Equal(50, invited.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"user{i}@example.org").Order(), invited.Order());

        var third = ApplyTests.Run(server, new FakeSleeper(), "good-token", "invite", "--wave", "pilot", "--stack", "pilot", "--project-dir", dir);
        Assert.Contains("0 invitation(s) sent now, 50 sent before", third.Out);
        Assert.Equal(50, server.Invites.Count);
    }

    [Fact]
    public void A_rate_limited_batch_is_retried_after_Retry_After_and_sent_once()
    {
        var dir = Project(5);
        var server = ServerWithTeam();
        var sleeper = new FakeSleeper();
        var client = new Infra.Core.Onboarding.MattermostClient(new Uri("https://chat.example.org"), "good-token", server, sleeper);
        var journal = new Infra.Core.Onboarding.InviteJournal(Path.Combine(dir, "j"));
        var inviter = new Infra.Core.Onboarding.WaveInviter(client, sleeper, journal);
        server.FaultsFor = "InviteUsersToTeam";
        server.Faults.Enqueue((429, 90));
        server.Faults.Enqueue((503, null));
        inviter.Run(["pilot"], ["a@example.org", "b@example.org"], _ => { });
        Assert.Equal(2, server.Invites.Count);
        Assert.Equal(3, server.Log.Count(l => l.EndsWith("/invite/email", StringComparison.Ordinal)));
        Assert.Equal([TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(2)], sleeper.Sleeps);
    }

    [Fact]
    public void An_unknown_wave_names_the_file_and_the_waves()
    {
        var dir = Project(1);
        var r = ApplyTests.Run(ServerWithTeam(), new FakeSleeper(), "good-token", "invite", "--wave", "nope", "--stack", "pilot", "--project-dir", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("Pulumi.pilot.yaml: mattermost:rollout: no wave named 'nope' (waves: pilot)", r.Err);
    }
}
