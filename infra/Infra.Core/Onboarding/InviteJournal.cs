namespace Infra.Core.Onboarding;

/// <summary>
/// The record of invitations already sent, one line "team&lt;TAB&gt;email" per invitation, appended and flushed to disk
/// right after the server accepted the batch. A restarted run skips what the journal holds, so an interrupted wave
/// continues where it stopped. The one window left is a crash between the server's answer and the flush: that
/// batch (at most one) would be sent again; the journal is written before anything else happens to keep it short.
/// </summary>
public sealed class InviteJournal
{
    private readonly string _path;
    private readonly HashSet<(string Team, string Email)> _done = [];

    public InviteJournal(string path)
    {
        _path = path;
        if (!File.Exists(path)) return;
        foreach (var (line, i) in File.ReadAllLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0) continue; // a torn last line from a crash is an empty or partial one
            var parts = line.Split('\t');
            if (parts.Length != 2 || !parts[1].Contains('@')) continue; // partial line: that batch was not recorded
            _done.Add((parts[0], parts[1].ToLowerInvariant()));
        }
    }

    public bool Contains(string team, string email) => _done.Contains((team, email.ToLowerInvariant()));

    public int Count => _done.Count;

    public void Record(string team, IReadOnlyList<string> emails)
    {
        using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
        using (var w = new StreamWriter(stream))
        {
            foreach (var e in emails) w.Write($"{team}\t{e.ToLowerInvariant()}\n");
            w.Flush();
            stream.Flush(flushToDisk: true);
        }
        foreach (var e in emails) _done.Add((team, e.ToLowerInvariant()));
    }
}
