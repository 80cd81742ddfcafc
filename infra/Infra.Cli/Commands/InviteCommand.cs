using Infra.Core.Onboarding;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>invite --wave NAME</c>: e-mail invitations to the users of one wave of mattermost:rollout, in batches under
/// the server's limit, with a journal that makes an interrupted run resumable.
/// </summary>
public sealed class InviteCommand(MattermostConnection? connection = null) : ICommand
{
    private readonly MattermostConnection _connection = connection ?? new MattermostConnection();

    public CommandSpec Spec { get; } = new("invite",
        "invite --wave NAME [--stack NAME] [--url URL] [--journal FILE] [--per-hour N] [--project-dir DIR]",
        "Send the e-mail invitations of one roll-out wave (mattermost:rollout), at most --per-hour (default 20) an hour, resumable through a journal (default onboarding/<stack>/invites-<wave>.journal).",
        ["wave", "stack", "url", "journal", "per-hour", "project-dir"], []);

    public int Run(CliContext ctx) => MattermostConnection.Guard(ctx, () =>
    {
        var stack = ctx.Args.Option("stack") ?? PlanCommand.DefaultStack;
        var name = ctx.Args.Option("wave") ?? throw new UsageException("--wave is required: the name of a wave in mattermost:rollout");
        var perHour = int.TryParse(ctx.Args.Option("per-hour") ?? "20", out var n) && n > 0 ? n : throw new UsageException("--per-hour must be a whole number above 0");
        var stackFile = Path.Combine(ctx.ProjectDirectory, $"Pulumi.{stack}.yaml");
        var waves = RolloutWave.Read(stackFile);
        var wave = waves.FirstOrDefault(w => w.Name == name)
            ?? throw new InputException(stackFile, $"{RolloutWave.Key}: no wave named '{name}' (waves: {(waves.Count == 0 ? "none" : string.Join(", ", waves.Select(w => w.Name)))})");
        if (wave.Source is null) throw new InputException(stackFile, $"{RolloutWave.Key}: the wave '{name}' has a count but no source file of users to invite");
        if (wave.Teams.Count == 0) throw new InputException(stackFile, $"{RolloutWave.Key}: the wave '{name}' names no teams to invite into");
        var source = Path.GetFullPath(wave.Source, ctx.ProjectDirectory);
        var emails = DirectoryExport.Read(source).Select(u => u.Email).Where(e => e.Length > 0).ToList();
        var journalPath = ctx.Args.Option("journal") is { } j ? Path.GetFullPath(j, ctx.WorkingDirectory)
            : Path.Combine(ctx.ProjectDirectory, "onboarding", stack, $"invites-{name}.journal");
        Directory.CreateDirectory(Path.GetDirectoryName(journalPath)!);
        var journal = new InviteJournal(journalPath);
        var client = _connection.Connect(ctx);
        var already = journal.Count;
        var sent = new WaveInviter(client, _connection.Sleeper, journal, perHour).Run(wave.Teams, emails, p =>
        {
            var width = 20 * p.Sent / Math.Max(1, p.Total);
            ctx.Err.WriteLine($"[{new string('#', width).PadRight(20, '.')}] {p.Sent}/{p.Total} invited, estimated end {p.EstimatedEnd:yyyy-MM-dd HH:mm} UTC");
        });
        ctx.Out.WriteLine($"wave {name}: {sent} invitation(s) sent now, {already} sent before (journal {Path.GetRelativePath(ctx.WorkingDirectory, journalPath)})");
        return ExitCodes.Ok;
    });
}
