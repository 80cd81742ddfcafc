using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Infra.Core.Components;
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
/// systemd-analyze verify), and follows the credentials refresher through a rotation.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class BootScriptExecutionTests(MotoServer moto, ITestOutputHelper output) : IClassFixture<MotoServer>
{
    /// <summary>Everything a URI's user information must escape, a space and letters beyond ASCII.</summary>
    private const string Password = "p@ss/w:rd%41?&+#= zwölf Ünïcødé";

    private const string RotatedPassword = "n3w:p@ss/%2F?x&y+z#frag ärger ß";

    private const string User = "mm_master";

    private const string Licence = "bWF0dGVybW9zdC1saWNlbmNlLXNhbXBsZQ+/=";

    private const string Licensed = "staging on the VM tier, licensed";

    public static IEnumerable<object[]> Stacks => [["pilot"], [Licensed], [BootScripts.WithApp]];

    /// <summary>
    /// A secret setting's value with what a file or a shell could get wrong: quotes of both kinds, backslashes, a backtick,
    /// dollar expansions, a hash, spaces at both ends and letters beyond ASCII.
    /// </summary>
    private static string AppSecretValue(string envVar) => $" {envVar[3..12]} \"q\" 'a' \\b\\ `c` $HOME ${{X}} #h zwölf ";

    /// <summary>A node booted from a stack's user data, with what it takes to check it.</summary>
    /// <param name="AppSecrets">The secret settings the stack declares: variable, the secret's ARN in moto, its value.</param>
    private sealed record Node(IsolatedRoot Root, StackPlan Plan, SampleOutputs Outputs, string SecretArn, string? LicenceArn, Tool.Result Boot,
        IReadOnlyList<(string EnvVar, string Arn, string Value)> AppSecrets);

    private Node BootNode(string name)
    {
        var plan = BootScripts.All[name];
        var script = BootScripts.Script(plan.Graph);
        var secretRef = script.References().Single(r => r.Path == "masterUserSecrets[0].secretArn");
        var licenceRef = script.References().SingleOrDefault(r => r.Resource == VmAppTierComponent.LicenseSecret);
        var test = $"{plan.Stack}-{Guid.NewGuid():N}"[..20];
        // An RDS-managed secret is named rds!cluster-<id>; moto, like Secrets Manager, appends six characters for the ARN.
        var secretArn = moto.CreateSecret($"rds!cluster-{test}", Json(User, Password));
        var licenceArn = licenceRef is null ? null : moto.CreateSecret($"{test}-licence", Licence);
        var given = new Dictionary<RefValue, string> { [secretRef] = secretArn };
        if (licenceRef is not null) given[licenceRef] = licenceArn!;
        // Each secret setting is held in moto under its own name; the script receives moto's ARN for it.
        var appSecrets = new List<(string, string, string)>();
        foreach (var app in MattermostAppSecrets.Variables(plan.Blueprint).Where(v => v.Secret is not null))
        {
            var node = MattermostAppSecrets.NodeName(app.Secret!.Path);
            var reference = script.References().Single(r => r.Resource == node);
            var arn = moto.CreateSecret($"{test}-{node}", AppSecretValue(app.EnvVar));
            given[reference] = arn;
            appSecrets.Add((app.EnvVar, arn, AppSecretValue(app.EnvVar)));
        }
        var outputs = new SampleOutputs(plan.Graph, plan.Settings.Region, given);

        var root = new IsolatedRoot();
        try
        {
            var version = plan.Settings.MattermostVersion;
            root.Serve($"https://releases.mattermost.com/{version}/mattermost-{version}-linux-amd64.tar.gz", FakeRelease());
            root.Write("/var/lib/cloud/instance/scripts/part-001", outputs.Text(script), "700");
            var clock = Stopwatch.StartNew();
            var boot = root.Run(moto.Environment, "/var/lib/cloud/instance/scripts/part-001");
            output.WriteLine($"{name}: boot script ran in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(boot.Code == 0, $"boot script of {name}: {boot}");
            return new Node(root, plan, outputs, secretArn, licenceArn, boot, appSecrets);
        }
        catch
        {
            root.Dispose(); // the caller owns the root only once the node has booted
            throw;
        }
    }

    [NeedsToolsTheory("bash", "unshare", "chroot", "python3", "aws", "moto_server", "jq", "systemd-analyze", Root = true)]
    [MemberData(nameof(Stacks))]
    public void The_boot_script_sets_up_a_node_that_systemd_would_start(string name)
    {
        var node = BootNode(name);
        using var root = node.Root;
        var version = node.Plan.Settings.MattermostVersion;

        Assert.Equal(
        [
            "dnf install -y jq amazon-cloudwatch-agent",
            $"curl -fsSL https://releases.mattermost.com/{version}/mattermost-{version}-linux-amd64.tar.gz",
            "sysctl --system",
            "systemctl daemon-reload",
            "systemctl start mattermost-credentials.service",
            "systemctl try-restart mattermost.service", // the refresher's first write; nothing runs yet
            "systemctl enable --now mattermost.service mattermost-credentials.timer amazon-cloudwatch-agent",
        ], root.Calls);

        // The installed files are the committed ones, with the modes and owners they need.
        Assert.Equal(ScriptFiles.Text("mattermost-credentials.sh"), root.Read("/usr/local/bin/mattermost-credentials"));
        foreach (var unit in new[] { "mattermost.service", "mattermost-credentials.service", "mattermost-credentials.timer" })
            Assert.Equal(ScriptFiles.Text(unit), root.Read($"/etc/systemd/system/{unit}"));
        Assert.Equal("mattermost:x:999:999::/opt/mattermost:/bin/bash", root.Read("/etc/passwd").Split('\n').Single(l => l.StartsWith("mattermost:", StringComparison.Ordinal)));
        var stat = root.Run(new Dictionary<string, string>(), "stat", "-c", "%n %U:%G %a",
            "/usr/local/bin/mattermost-credentials", "/etc/mattermost/db.env", "/etc/mattermost/static.env", "/etc/mattermost/credentials.env",
            "/opt/mattermost", "/opt/mattermost/bin/mattermost", "/opt/mattermost/data");
        Assert.True(stat.Code == 0, stat.ToString());
        Assert.Equal(
        [
            "/usr/local/bin/mattermost-credentials root:root 700",
            "/etc/mattermost/db.env root:root 600",
            "/etc/mattermost/static.env root:root 644",
            "/etc/mattermost/credentials.env root:root 644",
            "/opt/mattermost mattermost:mattermost 755",
            "/opt/mattermost/bin/mattermost mattermost:mattermost 755",
            "/opt/mattermost/data mattermost:mattermost 755",
        ], stat.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // systemd accepts the units as written, with the programs they start in place.
        var verify = root.Run(new Dictionary<string, string>(), "systemd-analyze", "verify",
            "/etc/systemd/system/mattermost.service", "/etc/systemd/system/mattermost-credentials.service", "/etc/systemd/system/mattermost-credentials.timer");
        Assert.True(verify.Code == 0 && verify.Output.Length == 0 && verify.Error.Length == 0, $"systemd-analyze verify: {verify}");

        // Static settings and the refresher's arguments name this stack's resources.
        var graph = node.Plan.Graph;
        var script = BootScripts.Script(graph);
        var staticEnv = EnvironmentFile(root.Read("/etc/mattermost/static.env"));
        Assert.Equal(node.Plan.Settings.SiteUrl, staticEnv["MM_SERVICESETTINGS_SITEURL"]);
        Assert.Equal(node.Outputs.Of(script.References().Single(r => graph.Find(r.Resource)?.Type == AwsTypes.Bucket)), staticEnv["MM_FILESETTINGS_AMAZONS3BUCKET"]);
        Assert.Equal(node.Plan.Settings.HighAvailability ? "true" : "false", staticEnv["MM_CLUSTERSETTINGS_ENABLE"]);
        var search = script.References().SingleOrDefault(r => graph.Find(r.Resource)?.Type == AwsTypes.OpenSearchDomain);
        Assert.Equal(search is null ? null : "https://" + node.Outputs.Of(search), staticEnv.GetValueOrDefault("MM_ELASTICSEARCHSETTINGS_CONNECTIONURL"));
        var credentialsEnv = EnvironmentFile(root.Read("/etc/mattermost/credentials.env"));
        Assert.Equal(node.SecretArn, credentialsEnv["CRED_SECRET_ARN"]);
        Assert.Equal(node.LicenceArn, credentialsEnv.GetValueOrDefault("CRED_LICENSE_ARN"));
        var logs = JsonDocument.Parse(root.Read("/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json")).RootElement;
        Assert.Equal(node.Outputs.Of(script.References().Single(r => graph.Find(r.Resource)?.Type == AwsTypes.LogGroup)),
            logs.GetProperty("logs").GetProperty("logs_collected").GetProperty("files").GetProperty("collect_list")[0].GetProperty("log_group_name").GetString());

        // The connection strings carry the secret's credentials, escaped so that they parse back to exactly them.
        var db = EnvironmentFile(root.Read("/etc/mattermost/db.env"));
        var writer = node.Outputs.Of(script.References().Single(r => graph.Find(r.Resource)?.Type == AwsTypes.DbCluster && r.Path == "endpoint"));
        var readers = script.References().Where(r => graph.Find(r.Resource)?.Type == AwsTypes.DbClusterInstance).Select(node.Outputs.Of).ToList();
        Assert.Equal(node.Plan.Blueprint.Sizing.Database.Readers, readers.Count);
        AssertConnection(db["MM_SQLSETTINGS_DATASOURCE"], writer, User, Password);
        Assert.Equal(db["MM_SQLSETTINGS_DATASOURCE"], db["MM_CONFIG"]);
        // Mattermost splits a list variable on single spaces; without readers the line is absent (an empty value
        // would be one empty replica).
        var replicas = readers.Count == 0 ? [] : db["MM_SQLSETTINGS_DATASOURCEREPLICAS"].Split(' ');
        Assert.Equal(readers.Count == 0, !db.ContainsKey("MM_SQLSETTINGS_DATASOURCEREPLICAS"));
        Assert.Equal(readers.Count, replicas.Length);
        for (var i = 0; i < readers.Count; i++) AssertConnection(replicas[i], readers[i], User, Password);
        Assert.Equal(node.LicenceArn is null ? null : Licence, db.GetValueOrDefault("MM_LICENSE"));
        Assert.False(root.Exists("/etc/mattermost/db.env.new"));

        // Mattermost's own configuration: every plain setting in the static file, every secret one in the root-only file,
        // each exactly its value; nothing else besides what the tool sets. Bash, reading the files as a POSIX shell reads
        // double-quoted text (which is how systemd reads them, systemd.exec(5)), agrees on every value.
        var app = MattermostAppSecrets.Variables(node.Plan.Blueprint);
        foreach (var v in app.Where(v => v.Secret is null))
            Assert.Equal(v.Value, staticEnv[v.EnvVar]);
        foreach (var (envVar, _, value) in node.AppSecrets)
            Assert.Equal(value, db[envVar]);
        Assert.Equal(app.Count(v => v.Secret is not null), node.AppSecrets.Count);
        Assert.Equal(2 + (readers.Count > 0 ? 1 : 0) + (node.LicenceArn is null ? 0 : 1) + node.AppSecrets.Count, db.Count);
        foreach (var file in new[] { "/etc/mattermost/static.env", "/etc/mattermost/db.env" })
        {
            // The double-quoted lines only: an unquoted URL with '&' is one word to systemd but two commands to a shell.
            var quoted = root.Read(file).Split('\n').Where(l => l.Contains("=\"", StringComparison.Ordinal)).ToList();
            var values = EnvironmentFile(string.Join('\n', quoted));
            root.Write("/tmp/quoted.env", string.Join('\n', quoted) + "\n", "600");
            var shell = root.Run(new Dictionary<string, string>(), "bash", "-c", "set -a; . /tmp/quoted.env; env -0");
            Assert.True(shell.Code == 0, shell.ToString());
            var environment = shell.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1]);
            foreach (var (variable, value) in values) Assert.Equal(value, environment[variable]);
        }
    }

    [NeedsToolsFact("bash", "unshare", "chroot", "python3", "aws", "moto_server", "jq", Root = true)]
    public void The_refresher_follows_a_rotation_restarts_only_on_a_change_and_keeps_the_file_when_a_read_fails()
    {
        var node = BootNode(BootScripts.WithApp);
        using var root = node.Root;
        var writer = EnvironmentFile(root.Read("/etc/mattermost/credentials.env"))["CRED_WRITER"];
        Assert.NotEmpty(node.AppSecrets);

        // What the timer does every five minutes: start the oneshot service, which runs the refresher.
        (Tool.Result Result, IReadOnlyList<string> Calls) Refresh()
        {
            var before = root.Calls.Count;
            var clock = Stopwatch.StartNew();
            var result = root.Run(moto.Environment, "systemctl", "start", "mattermost-credentials.service");
            output.WriteLine($"refresher ran in {clock.Elapsed.TotalSeconds:0.0} s");
            return (result, root.Calls.Skip(before).ToList());
        }

        // Rotation: the file is rewritten with the new password (and a secret setting's new value) and Mattermost restarted to use it.
        moto.PutSecretValue(node.SecretArn, Json(User, RotatedPassword));
        var (appVariable, appArn, _) = node.AppSecrets[0];
        moto.PutSecretValue(appArn, "rotated \"secret\" $value");
        var rotated = Refresh();
        Assert.True(rotated.Result.Code == 0, rotated.Result.ToString());
        Assert.Equal(["systemctl start mattermost-credentials.service", "systemctl try-restart mattermost.service"], rotated.Calls);
        var db = EnvironmentFile(root.Read("/etc/mattermost/db.env"));
        AssertConnection(db["MM_SQLSETTINGS_DATASOURCE"], writer, User, RotatedPassword);
        Assert.Equal(Licence, db["MM_LICENSE"]);
        Assert.Equal("rotated \"secret\" $value", db[appVariable]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.Full("/etc/mattermost/db.env")));
        var written = File.GetLastWriteTimeUtc(root.Full("/etc/mattermost/db.env"));
        var text = root.Read("/etc/mattermost/db.env");

        // No change: nothing is restarted and the file is left as it was.
        var unchanged = Refresh();
        Assert.True(unchanged.Result.Code == 0, unchanged.Result.ToString());
        Assert.Equal(["systemctl start mattermost-credentials.service"], unchanged.Calls);
        Assert.Equal(text, root.Read("/etc/mattermost/db.env"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(root.Full("/etc/mattermost/db.env")));
        Assert.False(root.Exists("/etc/mattermost/db.env.new"));

        // A secret that cannot be read fails the service and changes nothing: no file without a secret setting, no restart.
        moto.DeleteSecret(node.AppSecrets[^1].Arn);
        var failed = Refresh();
        Assert.NotEqual(0, failed.Result.Code);
        Assert.Equal(["systemctl start mattermost-credentials.service"], failed.Calls);
        Assert.Equal(text, root.Read("/etc/mattermost/db.env"));
    }

    private static string Json(string user, string password) => JsonSerializer.Serialize(new { username = user, password });

    /// <summary>
    /// An environment file as systemd reads it (systemd.exec(5), EnvironmentFile=), for lines as these scripts write
    /// them: KEY=value, where the value has no quote, backslash or surrounding blank, or KEY="value", where inside the
    /// double quotes only \\, \", \` and \$ are escapes and every other character stands for itself. Anything else fails.
    /// </summary>
    private static Dictionary<string, string> EnvironmentFile(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=');
            Assert.True(eq > 0, $"not KEY=value: {line}");
            var raw = line[(eq + 1)..];
            string value;
            if (raw.StartsWith('"'))
            {
                var sb = new StringBuilder();
                var i = 1;
                for (; i < raw.Length && raw[i] != '"'; i++)
                {
                    if (raw[i] == '\\')
                    {
                        i++;
                        Assert.True(i < raw.Length && raw[i] is '\\' or '"' or '`' or '$', $"a backslash systemd would keep: {line}");
                    }
                    sb.Append(raw[i]);
                }
                Assert.True(i == raw.Length - 1, $"text after the closing quote: {line}");
                value = sb.ToString();
            }
            else
            {
                Assert.DoesNotMatch(@"[""'\\]|^\s|\s$", raw);
                value = raw;
            }
            result.Add(line[..eq], value);
        }
        return result;
    }

    /// <summary>A PostgreSQL URI to the given host whose user and password decode to exactly the given ones.</summary>
    private static void AssertConnection(string dsn, string host, string user, string password)
    {
        var uri = new Uri(dsn);
        Assert.Equal("postgres", uri.Scheme);
        Assert.Equal(host, uri.Host);
        Assert.Equal(5432, uri.Port);
        Assert.Equal("/mattermost", uri.AbsolutePath);
        Assert.Equal("?sslmode=require&connect_timeout=10", uri.Query);
        var colon = uri.UserInfo.IndexOf(':');
        Assert.Equal(user, Uri.UnescapeDataString(uri.UserInfo[..colon]));
        Assert.Equal(password, Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    /// <summary>A release tarball with the layout of Mattermost's (mattermost/bin/mattermost) and a program that does nothing.</summary>
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
