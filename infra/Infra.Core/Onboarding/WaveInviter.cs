namespace Infra.Core.Onboarding;

/// <summary>Progress of a wave: sent so far, the total, and when the last batch is expected to go.</summary>
public sealed record InviteProgress(int Sent, int Total, DateTimeOffset EstimatedEnd);

/// <summary>
/// Sends a wave's e-mail invitations in batches that stay under the server's limit on invitation e-mails
/// (Mattermost's invitation e-mail rate limiter allows 20 an hour by default; beyond it the server answers
/// app.email.rate_limit_exceeded.app_error and the addresses of that request are not invited):
/// at most <c>perHour</c> addresses in each hour, one batch per hour. What was sent is in the journal, so that a
/// restarted run sends every remaining address once.
/// </summary>
public sealed class WaveInviter(MattermostClient client, ISleeper sleeper, InviteJournal journal, int perHour = 20)
{
    public int Run(IReadOnlyList<string> teams, IReadOnlyList<string> emails, Action<InviteProgress> progress)
    {
        if (perHour < 1) throw new ArgumentOutOfRangeException(nameof(perHour));
        var teamIds = teams.ToDictionary(t => t, t => (string?)client.GetTeamByName(t)?["id"]
            ?? throw new MattermostApiException(404, "GET", $"/api/v4/teams/name/{t}", $"the server has no team '{t}' (run apply first)"));
        var pending = teams.SelectMany(t => emails.Distinct(StringComparer.OrdinalIgnoreCase).Where(e => !journal.Contains(t, e)).Select(e => (Team: t, Email: e))).ToList();
        var total = pending.Count;
        var sent = 0;
        var batches = pending.GroupBy(p => p.Team).SelectMany(g => g.Chunk(perHour).Select(c => (Team: g.Key, Emails: c.Select(x => x.Email).ToList()))).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            if (i > 0) sleeper.Sleep(TimeSpan.FromHours(1));
            var (team, batch) = batches[i];
            client.InviteByEmail(teamIds[team], batch);
            journal.Record(team, batch);
            sent += batch.Count;
            progress(new InviteProgress(sent, total, sleeper.Now + TimeSpan.FromHours(batches.Count - 1 - i)));
        }
        return sent;
    }
}
