using System.IO.Compression;
using System.Text.Json.Nodes;
using Infra.Core.Onboarding;

namespace Infra.Cli.Commands;

/// <summary>
/// <c>import build</c>: a directory export (CSV or LDIF) to a validated Mattermost bulk-import zip, offline.
/// </summary>
public sealed class ImportCommand(MattermostConnection? connection = null) : ICommand
{
    public MattermostConnection Connection { get; } = connection ?? new MattermostConnection();

    public CommandSpec Spec { get; } = new("import build",
        "import build --from FILE.csv|FILE.ldif --out FILE.zip [--auth ldap|saml] [--team NAME]",
        "Build Mattermost's bulk-import file from a directory export (CSV with an 'email' column, or LDIF), checked against Mattermost's import rules; nothing is sent.",
        ["from", "out", "auth", "team"], []);

    public int Run(CliContext ctx) => MattermostConnection.Guard(ctx, () =>
    {
        var from = Path.GetFullPath(ctx.Args.Option("from") ?? throw new UsageException("--from is required: the directory export (CSV or LDIF)"), ctx.WorkingDirectory);
        var outArg = ctx.Args.Option("out") ?? throw new UsageException("--out is required: the zip file to write");
        if (!outArg.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out must name a .zip file; got '{outArg}'");
        var auth = ctx.Args.Option("auth") is null ? null : ctx.Args.Choice("auth", "ldap", "ldap", "saml");
        var team = ctx.Args.Option("team");
        var users = DirectoryExport.Read(from);
        var (lines, problems, count) = BulkImport.Build(users, auth, team is null ? [] : [team]);
        problems = [.. problems, .. BulkImport.Validate(lines)];
        if (problems.Count > 0)
        {
            ctx.Err.WriteLine($"error: {Path.GetRelativePath(ctx.WorkingDirectory, from)}: {problems.Count} problem(s); nothing was written:");
            foreach (var p in problems) ctx.Err.WriteLine($"  {p}");
            return ExitCodes.BadInput;
        }
        var outPath = Path.GetFullPath(outArg, ctx.WorkingDirectory);
        File.WriteAllBytes(outPath, BulkImport.Zip(lines));
        ctx.Out.WriteLine($"{outArg}: {count} users in {lines.Count - 1 - count} teams, checked against Mattermost's import rules");
        return ExitCodes.Ok;
    });
}

/// <summary>
/// <c>import run</c>: uploads a bulk-import zip, starts the import_process job and follows it to the end with a
/// progress bar; the lines the job rejects are reported by line number.
/// </summary>
public sealed class ImportRunCommand(MattermostConnection? connection = null) : ICommand
{
    private readonly MattermostConnection _connection = connection ?? new MattermostConnection();

    public CommandSpec Spec { get; } = new("import run",
        "import run --file FILE.zip [--url URL] [--poll-seconds N]",
        "Upload a bulk-import zip to the Mattermost server, run the import job and follow it to the end (token: MM_ADMIN_TOKEN or MM_ADMIN_TOKEN_FILE).",
        ["file", "url", "poll-seconds"], []);

    public int Run(CliContext ctx) => MattermostConnection.Guard(ctx, () =>
    {
        var file = Path.GetFullPath(ctx.Args.Option("file") ?? throw new UsageException("--file is required: the zip from 'import build'"), ctx.WorkingDirectory);
        if (!File.Exists(file)) throw new InputException(file, "no such file");
        var bytes = File.ReadAllBytes(file);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            if (zip.Entries.All(e => !e.FullName.EndsWith(".jsonl", StringComparison.Ordinal))) throw new InputException(file, "holds no .jsonl file");
        }
        catch (InvalidDataException) { throw new InputException(file, "is not a zip file"); }
        var poll = int.TryParse(ctx.Args.Option("poll-seconds") ?? "5", out var p) && p > 0 ? p : throw new UsageException("--poll-seconds must be a whole number above 0");
        var client = _connection.Connect(ctx);
        var uploadId = client.UploadImport(Path.GetFileName(file), bytes);
        // The import job takes the uploaded file's name on the server: <upload id>_<file name> (as mmctl's 'import process').
        var job = client.CreateJob("import_process", new JsonObject { ["import_file"] = $"{uploadId}_{Path.GetFileName(file)}" });
        var id = (string)job["id"]!;
        ctx.Err.WriteLine($"import job {id} started");
        while (true)
        {
            _connection.Sleeper.Sleep(TimeSpan.FromSeconds(poll));
            job = client.GetJob(id);
            var status = (string?)job["status"] ?? "";
            var progress = job["progress"]?.GetValue<int>() ?? 0;
            ctx.Err.WriteLine($"[{Bar(progress)}] {progress,3}% {status}");
            if (status is "success") { ctx.Out.WriteLine($"import job {id}: done"); return ExitCodes.Ok; }
            if (status is "error" or "canceled")
            {
                ctx.Out.WriteLine($"import job {id}: {status}");
                var error = (string?)job["data"]?["error"] ?? "(the server gave no detail)";
                foreach (var part in error.Split("; ")) ctx.Out.WriteLine($"  rejected: {part}");
                return MattermostConnection.ServerFailed;
            }
        }
    });

    private static string Bar(int percent) => new string('#', percent / 5).PadRight(20, '.');
}
