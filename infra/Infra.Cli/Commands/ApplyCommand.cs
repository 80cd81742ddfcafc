using Infra.Core.Onboarding;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>apply</c>: roles, teams and channels from onboarding/&lt;stack&gt;/ against the running server. Without --apply
/// it only prints the difference (for reviewers); with --apply it changes what differs, so a second run prints nothing.
/// </summary>
public sealed class ApplyCommand(MattermostConnection? connection = null) : ICommand
{
    private readonly MattermostConnection _connection = connection ?? new MattermostConnection();

    public CommandSpec Spec { get; } = new("apply",
        "apply [--stack NAME] [--url URL] [--dir DIR] [--apply] [--project-dir DIR]",
        "Show (default) or make (--apply) the changes that bring the Mattermost server's roles, teams and channels to onboarding/<stack>/ (token: MM_ADMIN_TOKEN or MM_ADMIN_TOKEN_FILE).",
        ["stack", "url", "dir", "project-dir"], ["apply"]);

    public int Run(CliContext ctx) => MattermostConnection.Guard(ctx, () =>
    {
        var stack = ctx.Args.Option("stack") ?? PlanCommand.DefaultStack;
        var dir = ctx.Args.Option("dir") is { } d ? Path.GetFullPath(d, ctx.WorkingDirectory) : Path.Combine(ctx.ProjectDirectory, "onboarding", stack);
        var desired = DesiredState.Load(dir);
        var client = _connection.Connect(ctx);
        var apply = ctx.Args.Flag("apply");
        var changes = new Reconciler(client).Run(desired, apply);
        if (changes.Count == 0)
        {
            ctx.Out.WriteLine($"{client.BaseUrl}: in step with {Path.GetRelativePath(ctx.ProjectDirectory, dir)}; nothing to change");
            return ExitCodes.Ok;
        }
        ctx.Out.WriteLine(apply ? $"{client.BaseUrl}: changed {changes.Count}:" : $"{client.BaseUrl}: {changes.Count} difference(s); run with --apply to make them:");
        foreach (var c in changes) ctx.Out.WriteLine($"  {(apply ? "*" : "~")} {c.Kind} {c.Target}: {c.Description}");
        return ExitCodes.Ok;
    });
}
