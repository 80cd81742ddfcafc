using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Components.Database;
using Infra.Core.Components.Scripts;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;
using Xunit.Abstractions;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// The boot script runs for real: bash executes the rendered user data as root in an isolated root (a mount namespace
/// and chroot, <see cref="IsolatedRoot"/>), with the real AWS CLI reading the stack's secrets from a local moto server,
/// and only the package manager, systemctl, sysctl and the release download replaced by stubs that record their calls.
/// The test then reads what the script left: files, modes, owners, environment files, unit files (checked by
/// systemd-analyze verify), follows the credentials refresher through rotations and a reboot, and connects to a real
/// PostgreSQL with the connection strings the node wrote.
/// </summary>
/// <remarks>
/// The release the stub serves is a small stand-in, so the test puts its SHA-256 where the script has the one pinned
/// for the version (the pinned values themselves: MattermostReleasesTests); the PostgreSQL test puts its own CA where
/// the script has the region's RDS CAs. Each substitution must hit exactly one place.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class BootScriptExecutionTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>
{
    /// <summary>Everything a URI's user information must escape, a space and letters beyond ASCII.</summary>
    private const string Password = "p@ss/w:rd%41?&+#= zwölf Ünïcødé";

    private const string RotatedPassword = "n3w:p@ss/%2F?x&y+z#frag ärger ß";

    private const string SecondRotationPassword = "dr1tte R0tation: %3A@/?&+# ÆØÅ ünd ß";

    private const string Licence = "bWF0dGVybW9zdC1saWNlbmNlLXNhbXBsZQ+/=";

    private const string Licensed = "staging on the VM tier, licensed";

    private const string CaFile = "/etc/mattermost/rds-ca.pem";

    private const string MasterArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!cluster-test-AbCdEf";

    public static IEnumerable<object[]> Stacks => [["pilot"], [Licensed]];

    /// <summary>A node booted from a stack's user data, with what it takes to check it.</summary>
    private sealed record Node(IsolatedRoot Root, StackPlan Plan, SampleOutputs Outputs, string SecretArn, string? LicenceArn, Tool.Result Boot);

    /// <summary>How a test wants its node: the app secret's host and port, the CA the script writes, the release served.</summary>
    private sealed record Setup(string? Host = null, int Port = DatabaseCredentials.Port, string? CaPem = null, byte[]? Served = null);

    /// <summary>The app secret's JSON as the bootstrap writes it and the rotation keeps it (docs/database-credentials.md).</summary>
    private static string AppSecret(string user, string password, string host, int port) => JsonSerializer.Serialize(new
    {
        engine = "postgres", host, port, dbname = DatabaseCredentials.DatabaseName, username = user, password, masterarn = MasterArn,
    });

    /// <summary>Renders a stack's user data for a node of this test and runs it; the caller checks the result.</summary>
    private Node RunBoot(string name, Setup setup)
    {
        var plan = BootScripts.All[name];
        var script = BootScripts.Script(plan.Graph);
        var graph = plan.Graph;
        // The node reads Mattermost's own database user's secret (Components/Database), never the RDS-managed master secret.
        Assert.DoesNotContain(script.References(), r => r.Path == "masterUserSecrets[0].secretArn");
        var secretRef = script.References().Single(r => r.Resource == CredentialBootstrap.AppSecret && r.Path == "arn");
        var licenceRef = script.References().SingleOrDefault(r => r.Resource == VmAppTierComponent.LicenseSecret);
        var writerRef = script.References().Single(r => graph[r.Resource].Type == AwsTypes.DbCluster && r.Path == "endpoint");
        var given = new Dictionary<RefValue, string>();
        if (setup.Host is not null)
        {
            // The writer and every reader at the test's server (its certificate names localhost).
            given[writerRef] = setup.Host;
            foreach (var reader in script.References().Where(r => graph[r.Resource].Type == AwsTypes.DbClusterInstance)) given[reader] = setup.Host;
        }
        var host = setup.Host ?? new SampleOutputs(graph, plan.Settings.Region).Of(writerRef);
        var test = $"{plan.Stack}-{Guid.NewGuid():N}"[..20];
        // Mattermost's own database user's secret; moto, like Secrets Manager, appends six characters for the ARN.
        var secretArn = moto.CreateSecret($"{test}-app-db", AppSecret(DatabaseCredentials.AppUser, Password, host, setup.Port));
        var licenceArn = licenceRef is null ? null : moto.CreateSecret($"{test}-licence", Licence);
        given[secretRef] = secretArn;
        if (licenceRef is not null) given[licenceRef] = licenceArn!;
        var outputs = new SampleOutputs(graph, plan.Settings.Region, given);

        var text = ReplaceOnce(outputs.Text(script), MattermostReleases.Find(plan.Settings.MattermostVersion)!.Sha256, Sha256(Release));
        if (setup.CaPem is not null) text = ReplaceOnce(text, Block(RdsCertificates.BundleFor(plan.Settings.Region)), Block(setup.CaPem));
        var root = new IsolatedRoot();
        try
        {
            var version = plan.Settings.MattermostVersion;
            root.Serve(MattermostReleases.Url(version), setup.Served ?? Release);
            root.Write("/var/lib/cloud/instance/scripts/part-001", text, "700");
            var clock = Stopwatch.StartNew();
            var boot = root.Run(moto.Environment, "/var/lib/cloud/instance/scripts/part-001");
            output.WriteLine($"{name}: boot script ran in {clock.Elapsed.TotalSeconds:0.0} s");
            return new Node(root, plan, outputs, secretArn, licenceArn, boot);
        }
        catch
        {
            root.Dispose(); // the caller owns the root only once the script has run
            throw;
        }
    }

    private Node BootNode(string name, Setup? setup = null)
    {
        var node = RunBoot(name, setup ?? new Setup());
        if (node.Boot.Code != 0)
        {
            node.Root.Dispose();
            Assert.Fail($"boot script of {name}: {node.Boot}");
        }
        return node;
    }

    [NeedsToolsTheory("bash", "unshare", "chroot", "python3", "aws", "moto_server", "jq", "systemd-analyze", Root = true)]
    [MemberData(nameof(Stacks))]
    public void The_boot_script_sets_up_a_node_that_systemd_would_start(string name)
    {
        var node = BootNode(name);
        using var root = node.Root;
        var version = node.Plan.Settings.MattermostVersion;

        // The release goes to a fresh directory beside /opt/mattermost (mktemp), verified there before it is unpacked.
        AssertDownload(root.Calls[0], version);
        Assert.Equal(
        [
            "dnf install -y jq amazon-cloudwatch-agent",
            "sysctl --system",
            "systemctl daemon-reload",
            "systemctl enable mattermost-credentials.service mattermost-credentials.timer mattermost.service amazon-cloudwatch-agent",
            "systemctl start mattermost-credentials.service",
            "systemctl --no-block try-restart mattermost.service", // the refresher's first write; nothing runs yet
            "systemctl start mattermost.service mattermost-credentials.timer amazon-cloudwatch-agent",
        ], root.Calls.Skip(1));
        // Starting Mattermost runs the refresh first (Wants= and After=), as systemd would; nothing is restarted.
        AssertStartedInOrder(root.Effects,
            ["run mattermost-credentials.service", "run mattermost-credentials.service", "start mattermost.service",
             "start mattermost-credentials.timer", "start amazon-cloudwatch-agent.service"]);

        // Enabled as `systemctl enable` links them: after a reboot systemd starts them again.
        Assert.Equal(["amazon-cloudwatch-agent.service", "mattermost-credentials.service", "mattermost.service"], WantedBy(root, "multi-user.target"));
        Assert.Equal(["mattermost-credentials.timer"], WantedBy(root, "timers.target"));

        // The installed files are the committed ones, with the modes and owners they need; the download is gone.
        Assert.Equal(ScriptFiles.Text("mattermost-credentials.sh"), root.Read("/usr/local/bin/mattermost-credentials"));
        Assert.Equal(DatabaseAssets.PostgresDsnScript, root.Read("/usr/local/lib/mattermost/postgres-dsn.sh"));
        Assert.Equal(RdsCertificates.BundleFor(node.Plan.Settings.Region), root.Read(CaFile));
        foreach (var unit in new[] { "mattermost.service", "mattermost-credentials.service", "mattermost-credentials.timer" })
            Assert.Equal(ScriptFiles.Text(unit), root.Read($"/etc/systemd/system/{unit}"));
        Assert.Equal("mattermost:x:999:999::/opt/mattermost:/bin/bash", root.Read("/etc/passwd").Split('\n').Single(l => l.StartsWith("mattermost:", StringComparison.Ordinal)));
        var stat = root.Run(new Dictionary<string, string>(), "stat", "-c", "%n %U:%G %a",
            "/usr/local/bin/mattermost-credentials", "/usr/local/lib/mattermost/postgres-dsn.sh", CaFile, "/etc/mattermost/db.env",
            "/etc/mattermost/static.env", "/etc/mattermost/credentials.env", "/opt/mattermost", "/opt/mattermost/bin/mattermost", "/opt/mattermost/data");
        Assert.True(stat.Code == 0, stat.ToString());
        Assert.Equal(
        [
            "/usr/local/bin/mattermost-credentials root:root 700",
            "/usr/local/lib/mattermost/postgres-dsn.sh root:root 644",
            $"{CaFile} root:root 644",
            "/etc/mattermost/db.env root:root 600",
            "/etc/mattermost/static.env root:root 644",
            "/etc/mattermost/credentials.env root:root 644",
            "/opt/mattermost mattermost:mattermost 755",
            "/opt/mattermost/bin/mattermost mattermost:mattermost 755",
            "/opt/mattermost/data mattermost:mattermost 755",
        ], stat.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["aws", "mattermost"], Directory.GetFileSystemEntries(root.Full("/opt")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // systemd accepts the units as written, with the programs they start in place.
        var verify = root.Run(new Dictionary<string, string>(), "systemd-analyze", "verify",
            "/etc/systemd/system/mattermost.service", "/etc/systemd/system/mattermost-credentials.service", "/etc/systemd/system/mattermost-credentials.timer");
        Assert.True(verify.Code == 0 && verify.Output.Length == 0 && verify.Error.Length == 0, $"systemd-analyze verify: {verify}");

        // Static settings and the refresher's arguments name this stack's resources.
        var graph = node.Plan.Graph;
        var script = BootScripts.Script(graph);
        var staticEnv = EnvironmentFile(root.Read("/etc/mattermost/static.env"));
        Assert.Equal(node.Plan.Settings.SiteUrl, staticEnv["MM_SERVICESETTINGS_SITEURL"]);
        Assert.Equal(node.Outputs.Of(script.References().Single(r => graph[r.Resource].Type == AwsTypes.Bucket)), staticEnv["MM_FILESETTINGS_AMAZONS3BUCKET"]);
        Assert.Equal(node.Plan.Settings.HighAvailability ? "true" : "false", staticEnv["MM_CLUSTERSETTINGS_ENABLE"]);
        var search = script.References().SingleOrDefault(r => graph[r.Resource].Type == AwsTypes.OpenSearchDomain);
        Assert.Equal(search is null ? null : "https://" + node.Outputs.Of(search), staticEnv.GetValueOrDefault("MM_ELASTICSEARCHSETTINGS_CONNECTIONURL"));
        var credentialsEnv = EnvironmentFile(root.Read("/etc/mattermost/credentials.env"));
        Assert.Equal(node.SecretArn, credentialsEnv["CRED_SECRET_ARN"]);
        Assert.Equal(CaFile, credentialsEnv["CRED_CA_FILE"]);
        Assert.Equal(node.LicenceArn, credentialsEnv.GetValueOrDefault("CRED_LICENSE_ARN"));
        var logs = JsonDocument.Parse(root.Read("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json")).RootElement;
        Assert.Equal(node.Outputs.Of(script.References().Single(r => graph[r.Resource].Type == AwsTypes.LogGroup)),
            logs.GetProperty("logs").GetProperty("logs_collected").GetProperty("files").GetProperty("collect_list")[0].GetProperty("log_group_name").GetString());

        // The connection strings carry the secret's credentials, escaped so that they parse back to exactly them, and
        // verify the server against the CA bundle the script wrote.
        var db = EnvironmentFile(root.Read("/etc/mattermost/db.env"));
        var writer = node.Outputs.Of(script.References().Single(r => graph[r.Resource].Type == AwsTypes.DbCluster && r.Path == "endpoint"));
        var readers = script.References().Where(r => graph[r.Resource].Type == AwsTypes.DbClusterInstance).Select(node.Outputs.Of).ToList();
        Assert.Equal(node.Plan.Blueprint.Sizing.Database.Readers, readers.Count);
        AssertConnection(db["MM_SQLSETTINGS_DATASOURCE"], writer, DatabaseCredentials.Port, DatabaseCredentials.AppUser, Password);
        Assert.Equal(db["MM_SQLSETTINGS_DATASOURCE"], db["MM_CONFIG"]);
        // Mattermost splits a list variable on single spaces; without readers the line is absent (an empty value
        // would be one empty replica).
        var replicas = readers.Count == 0 ? [] : db["MM_SQLSETTINGS_DATASOURCEREPLICAS"].Split(' ');
        Assert.Equal(readers.Count == 0, !db.ContainsKey("MM_SQLSETTINGS_DATASOURCEREPLICAS"));
        Assert.Equal(readers.Count, replicas.Length);
        for (var i = 0; i < readers.Count; i++) AssertConnection(replicas[i], readers[i], DatabaseCredentials.Port, DatabaseCredentials.AppUser, Password);
        Assert.Equal(node.LicenceArn is null ? null : Licence, db.GetValueOrDefault("MM_LICENSE"));
        Assert.False(root.Exists("/etc/mattermost/db.env.new"));
    }

    [NeedsToolsFact("bash", "unshare", "chroot", "python3", "aws", "moto_server", "jq", Root = true)]
    public void The_refresher_follows_a_rotation_restarts_only_on_a_change_and_keeps_the_file_when_a_read_fails()
    {
        var node = BootNode(Licensed);
        using var root = node.Root;
        var credentials = EnvironmentFile(root.Read("/etc/mattermost/credentials.env"));
        var writer = credentials["CRED_WRITER"];

        // Rotation: the file is rewritten with the other user and its new password, and Mattermost restarted to use it.
        moto.PutSecretValue(node.SecretArn, AppSecret(DatabaseCredentials.CloneUser, RotatedPassword, writer, DatabaseCredentials.Port));
        var rotated = Refresh(root);
        Assert.True(rotated.Result.Code == 0, rotated.Result.ToString());
        Assert.Equal(["systemctl start mattermost-credentials.service", "systemctl --no-block try-restart mattermost.service"], rotated.Calls);
        Assert.Equal(["run mattermost-credentials.service", "restart mattermost.service"], rotated.Effects);
        var db = EnvironmentFile(root.Read("/etc/mattermost/db.env"));
        AssertConnection(db["MM_SQLSETTINGS_DATASOURCE"], writer, DatabaseCredentials.Port, DatabaseCredentials.CloneUser, RotatedPassword);
        Assert.Equal(Licence, db["MM_LICENSE"]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.Full("/etc/mattermost/db.env")));
        var written = File.GetLastWriteTimeUtc(root.Full("/etc/mattermost/db.env"));
        var text = root.Read("/etc/mattermost/db.env");

        // No change: nothing is restarted and the file is left as it was.
        var unchanged = Refresh(root);
        Assert.True(unchanged.Result.Code == 0, unchanged.Result.ToString());
        Assert.Equal(["systemctl start mattermost-credentials.service"], unchanged.Calls);
        Assert.Equal(["run mattermost-credentials.service"], unchanged.Effects);
        Assert.Equal(text, root.Read("/etc/mattermost/db.env"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(root.Full("/etc/mattermost/db.env")));
        Assert.False(root.Exists("/etc/mattermost/db.env.new"));

        // A secret without its connection fields fails the service and changes nothing.
        moto.PutSecretValue(node.SecretArn, JsonSerializer.Serialize(new { username = DatabaseCredentials.AppUser, password = Password }));
        var incomplete = Refresh(root);
        Assert.NotEqual(0, incomplete.Result.Code);
        Assert.Contains("the database secret lacks username, password, port or dbname", incomplete.Result.Error);
        Assert.Equal(["systemctl start mattermost-credentials.service"], incomplete.Calls);
        Assert.Equal(text, root.Read("/etc/mattermost/db.env"));

        // A secret that cannot be read fails the service and changes nothing: no file without the licence, no restart.
        moto.PutSecretValue(node.SecretArn, AppSecret(DatabaseCredentials.AppUser, Password, writer, DatabaseCredentials.Port));
        moto.DeleteSecret(node.LicenceArn!);
        var failed = Refresh(root);
        Assert.NotEqual(0, failed.Result.Code);
        Assert.Equal(["systemctl start mattermost-credentials.service"], failed.Calls);
        Assert.Equal(text, root.Read("/etc/mattermost/db.env"));
    }

    [NeedsToolsFact("bash", "unshare", "chroot", "python3", "aws", "moto_server", "jq", "openssl", "runuser", Root = true, Postgres = true)]
    public void A_node_connects_to_a_real_PostgreSQL_and_follows_rotations_across_a_reboot()
    {
        var clock = Stopwatch.StartNew();
        using var pg = new PostgresServer();
        Assert.StartsWith("/usr/", pg.Psql, StringComparison.Ordinal); // the root sees the host's /usr only
        pg.Bootstrap(DatabaseCredentials.AppUser, Password);
        output.WriteLine($"PostgreSQL started and bootstrapped in {clock.Elapsed.TotalSeconds:0.0} s");

        // The staging stack on the VM tier: a writer and readers, all at the test's server, whose CA the script writes.
        var node = BootNode(Licensed, new Setup(Host: "localhost", Port: pg.Port, CaPem: pg.CaPem));
        using var root = node.Root;
        Assert.Equal(pg.CaPem, root.Read(CaFile));
        var firstBoot = ConnectionStrings(root);
        Assert.True(firstBoot.Count >= 2, "the staging stack has readers");
        foreach (var dsn in firstBoot) AssertConnects(root, dsn, DatabaseCredentials.AppUser);

        // Shutdown. While the node is off, the secret rotates (alternating users: the clone user, a new password).
        pg.SetPassword(DatabaseCredentials.CloneUser, RotatedPassword);
        moto.PutSecretValue(node.SecretArn, AppSecret(DatabaseCredentials.CloneUser, RotatedPassword, "localhost", pg.Port));

        // Boot: what is in memory is gone; systemd starts what is enabled (the targets' .wants links), in the order of
        // the units' After=/Before=: the refresh first, then Mattermost with what it wrote. The timer is scheduled again.
        root.DiscardRuntimeState();
        var boot = Systemctl(root, "start", "timers.target", "multi-user.target");
        Assert.True(boot.Result.Code == 0, boot.Result.ToString());
        AssertStartedInOrder(boot.Effects,
            ["start mattermost-credentials.timer", "run mattermost-credentials.service", "start mattermost.service", "start amazon-cloudwatch-agent.service"]);
        Assert.DoesNotContain("restart mattermost.service", boot.Effects); // it started with the new credentials
        Assert.True(root.Exists("/run/systemd-stub/mattermost-credentials.timer.active"), "the timer is active after the reboot");
        var timer = UnitSettings(ScriptFiles.Text("mattermost-credentials.timer"));
        Assert.Equal("5min", timer["OnBootSec"]);      // fires after a boot without waiting for a first run of the service
        Assert.Equal("5min", timer["OnUnitActiveSec"]); // and every five minutes after each run
        var afterBoot = ConnectionStrings(root);
        foreach (var dsn in afterBoot) AssertConnects(root, dsn, DatabaseCredentials.CloneUser);

        // The next rotation while the node runs: the timer's service follows it and restarts Mattermost.
        pg.SetPassword(DatabaseCredentials.AppUser, SecondRotationPassword);
        moto.PutSecretValue(node.SecretArn, AppSecret(DatabaseCredentials.AppUser, SecondRotationPassword, "localhost", pg.Port));
        var timerRun = Refresh(root);
        Assert.True(timerRun.Result.Code == 0, timerRun.Result.ToString());
        Assert.Equal(["run mattermost-credentials.service", "restart mattermost.service"], timerRun.Effects);
        var afterRotation = ConnectionStrings(root);
        foreach (var dsn in afterRotation) AssertConnects(root, dsn, DatabaseCredentials.AppUser);

        // Alternating users: what the node held before this rotation still connects; what it held two rotations ago does not.
        foreach (var dsn in afterBoot) AssertConnects(root, dsn, DatabaseCredentials.CloneUser);
        var stale = Psql(root, firstBoot[0]);
        Assert.NotEqual(0, stale.Code);
        Assert.Contains("password authentication failed", stale.Error);

        // verify-full: the same connection to a name the certificate does not carry fails.
        var wrongName = Psql(root, afterRotation[0].Replace("@localhost:", "@127.0.0.1:", StringComparison.Ordinal));
        Assert.NotEqual(0, wrongName.Code);
        Assert.Contains("127.0.0.1", wrongName.Error);
        output.WriteLine($"whole test in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [NeedsToolsFact("bash", "unshare", "chroot", "python3", "aws", "moto_server", Root = true)]
    public void A_tampered_release_fails_the_boot_with_one_line_and_installs_nothing()
    {
        var tampered = Release.ToArray();
        tampered[tampered.Length / 2] ^= 0x01;
        var node = RunBoot("pilot", new Setup(Served: tampered));
        using var root = node.Root;
        var tarball = MattermostReleases.FileName(node.Plan.Settings.MattermostVersion);

        Assert.Equal(1, node.Boot.Code);
        Assert.Equal($"{tarball}: SHA-256 mismatch: expected {Sha256(Release)}, got {Sha256(tampered)}; not installed\n", node.Boot.Error);
        // Nothing after the download ran, nothing was unpacked, and the download is gone.
        AssertDownload(Assert.Single(root.Calls), node.Plan.Settings.MattermostVersion);
        Assert.Empty(Directory.GetFileSystemEntries(root.Full("/opt")));
        Assert.False(root.Exists("/etc/mattermost"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>The release download: to a file in a directory mktemp made beside /opt/mattermost.</summary>
    private static void AssertDownload(string call, string version) =>
        Assert.Matches($@"^curl -fsSL -o /opt/\.mattermost-[A-Za-z0-9]{{6}}/{Regex.Escape(MattermostReleases.FileName(version))} {Regex.Escape(MattermostReleases.Url(version))}$", call);

    /// <summary>What the timer does every five minutes: start the oneshot service, which runs the refresher.</summary>
    private (Tool.Result Result, IReadOnlyList<string> Calls, IReadOnlyList<string> Effects) Refresh(IsolatedRoot root) =>
        Systemctl(root, "start", "mattermost-credentials.service");

    private (Tool.Result Result, IReadOnlyList<string> Calls, IReadOnlyList<string> Effects) Systemctl(IsolatedRoot root, params string[] args)
    {
        var (calls, effects) = (root.Calls.Count, root.Effects.Count);
        var clock = Stopwatch.StartNew();
        var result = root.Run(moto.Environment, ["systemctl", .. args]);
        output.WriteLine($"systemctl {string.Join(' ', args)} ran in {clock.Elapsed.TotalSeconds:0.0} s");
        return (result, root.Calls.Skip(calls).ToList(), root.Effects.Skip(effects).ToList());
    }

    /// <summary>The units linked into a target's .wants directory, each a link to its unit file (what systemctl enable makes).</summary>
    private static List<string> WantedBy(IsolatedRoot root, string target)
    {
        var dir = root.Full($"/etc/systemd/system/{target}.wants");
        var links = Directory.GetFileSystemEntries(dir).Select(l => new FileInfo(l)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        foreach (var link in links) Assert.Equal($"/etc/systemd/system/{link.Name}", link.LinkTarget);
        return [.. links.Select(l => l.Name)];
    }

    /// <summary>The effects are exactly these, and those of the credentials service and Mattermost in this order.</summary>
    private static void AssertStartedInOrder(IReadOnlyList<string> effects, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), effects.Order(StringComparer.Ordinal));
        var lastRun = effects.ToList().LastIndexOf("run mattermost-credentials.service");
        Assert.True(lastRun >= 0 && lastRun < effects.ToList().IndexOf("start mattermost.service"), $"the refresh runs before Mattermost starts: {string.Join(", ", effects)}");
    }

    /// <summary>Every connection string in db.env: the writer's, then each reader's.</summary>
    private static List<string> ConnectionStrings(IsolatedRoot root)
    {
        var db = EnvironmentFile(root.Read("/etc/mattermost/db.env"));
        Assert.Equal(db["MM_SQLSETTINGS_DATASOURCE"], db["MM_CONFIG"]);
        return [db["MM_SQLSETTINGS_DATASOURCE"], .. db.GetValueOrDefault("MM_SQLSETTINGS_DATASOURCEREPLICAS", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>psql on the node (the root's own /etc/hosts and CA file) with the connection string as the node wrote it.</summary>
    private static Tool.Result Psql(IsolatedRoot root, string dsn) =>
        root.Run(new Dictionary<string, string>(), PostgresServer.BinDirectory + "/psql", dsn, "-X", "-A", "-t", "-c", "select session_user");

    private static void AssertConnects(IsolatedRoot root, string dsn, string user)
    {
        var result = Psql(root, dsn);
        Assert.True(result.Code == 0, $"psql as {user}: {result}");
        Assert.Equal(user, result.Output.Trim()); // logged in as that user, over TLS (the server accepts nothing else)
    }

    /// <summary>The Key=value lines of a unit file, last one wins.</summary>
    private static Dictionary<string, string> UnitSettings(string unit) =>
        unit.Split('\n').Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    private static string ReplaceOnce(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(what, at + 1, StringComparison.Ordinal) < 0, $"expected exactly one occurrence of {what[..Math.Min(40, what.Length)]}... in the script");
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    private static string Block(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// An environment file as systemd reads it, for lines as these scripts write them: KEY=value, or KEY="value" with
    /// spaces. A value that systemd would read differently (quotes inside, backslashes, surrounding blanks) fails.
    /// </summary>
    private static Dictionary<string, string> EnvironmentFile(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=');
            Assert.True(eq > 0, $"not KEY=value: {line}");
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            Assert.DoesNotMatch(@"[""'\\]|^\s|\s$", value);
            result.Add(line[..eq], value);
        }
        return result;
    }

    /// <summary>A PostgreSQL URI to the given host whose user and password decode to exactly the given ones, verifying the server.</summary>
    private static void AssertConnection(string dsn, string host, int port, string user, string password)
    {
        var uri = new Uri(dsn);
        Assert.Equal("postgres", uri.Scheme);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal("/mattermost", uri.AbsolutePath);
        Assert.Equal($"?sslmode=verify-full&sslrootcert={CaFile}&connect_timeout=10", uri.Query);
        var colon = uri.UserInfo.IndexOf(':');
        Assert.Equal(user, Uri.UnescapeDataString(uri.UserInfo[..colon]));
        Assert.Equal(password, Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    /// <summary>A release tarball with the layout of Mattermost's (mattermost/bin/mattermost) and a program that does nothing.</summary>
    private static readonly byte[] Release = FakeRelease();

    private static byte[] FakeRelease()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "mattermost/") { Mode = (UnixFileMode)Convert.ToInt32("755", 8) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "mattermost/bin/") { Mode = (UnixFileMode)Convert.ToInt32("755", 8) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "mattermost/bin/mattermost")
            {
                Mode = (UnixFileMode)Convert.ToInt32("755", 8),
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes("#!/bin/sh\n# stands in for the Mattermost server in the boot-script tests\nexit 0\n")),
            });
        }
        return buffer.ToArray();
    }
}
