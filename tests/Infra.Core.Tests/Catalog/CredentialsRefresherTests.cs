using System.Diagnostics;
using System.Text.RegularExpressions;
using Infra.Core.Catalog;
using Infra.Core.Graph;
using Infra.Core.Policies.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>
/// The VM tier's boot script writes the database connection strings (and the licence) into an environment file on the node,
/// from Mattermost's own database user's secret, so their values exist only when the script runs. This runs the credentials
/// refresher the rendered boot script installs, with the connection-string helper it installs beside it, with real bash
/// and jq, in a mount namespace whose /etc and /usr/local/lib are scratch folders, against a stub <c>aws</c> that answers
/// like Secrets Manager and a stub <c>systemctl</c>; then every MM_* line it wrote must name a real setting with a value
/// Mattermost parses, and the readers must be one connection URL each.
/// </summary>
public class CredentialsRefresherTests
{
    private const string Password = "p@ss w/rd&x";

    public static IEnumerable<object[]> VmGraphs =>
        ProgramGraphs.Names.Where(n => BootScripts(ProgramGraphs.Get((string)n[0])).Any());

    [Theory]
    [MemberData(nameof(VmGraphs))]
    public void The_refresher_writes_variables_mattermost_parses(string graph)
    {
        if (!CanRun()) return;
        var g = ProgramGraphs.Get(graph);
        var readers = g.Nodes.Count(n => n.Type == "aws:rds/clusterInstance:ClusterInstance") - 1;
        var licensed = g.Nodes.Any(n => n.Name == "appLicenseSecret");
        foreach (var script in BootScripts(g))
        {
            var written = Run(script);

            var problems = written.Select(kv => MattermostSettings.NameProblem(kv.Key) ??
                    (MattermostSettings.ByEnvVar(kv.Key) is { } s && MattermostSettings.CheckValue(s, kv.Value) is { Parses: false } c ? $"{kv.Key}: {c.Message}" : null))
                .OfType<string>().ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            var escaped = Uri.EscapeDataString(Password);
            Assert.Contains($":{escaped}@", written["MM_SQLSETTINGS_DATASOURCE"]);
            Assert.Equal(written["MM_SQLSETTINGS_DATASOURCE"], written["MM_CONFIG"]);
            if (readers == 0)
            {
                // An empty value would be one empty replica to Mattermost (strings.Split("", " ") is [""]), not none.
                Assert.False(written.ContainsKey("MM_SQLSETTINGS_DATASOURCEREPLICAS"));
            }
            else
            {
                var items = written["MM_SQLSETTINGS_DATASOURCEREPLICAS"].Split(' ');
                Assert.Equal(readers, items.Length);
                Assert.All(items, i => Assert.Matches($"^postgres://mattermost_app:{Regex.Escape(escaped)}@[^ ,]+:5432/mattermost\\?sslmode=verify-full&sslrootcert=/etc/mattermost/rds-ca\\.pem&connect_timeout=10$", i));
                Assert.Equal(readers, items.Distinct().Count());
            }
            Assert.Equal(licensed, written.ContainsKey("MM_LICENSE"));
            if (licensed) Assert.Equal("LICENSE-TEXT", written["MM_LICENSE"]);
        }
    }

    /// <summary>The text of every launch template's user data that sets MM_* variables, outputs replaced by sample values.</summary>
    private static IEnumerable<string> BootScripts(ResourceGraph g) =>
        g.Nodes.Where(n => n.Type == "aws:ec2/launchTemplate:LaunchTemplate" && n.Properties["userData"] is not null)
            .Select(n => MattermostVariables.Text(n.Properties["userData"] is FunctionValue f ? f.Argument : n.Properties["userData"]!))
            .Where(t => t.Contains("MM_", StringComparison.Ordinal))
            .Select(t => Regex.Replace(t, $"{MattermostSettings.OpaqueStart}([^{MattermostSettings.OpaqueEnd}]*){MattermostSettings.OpaqueEnd}",
                m => Regex.Replace(m.Groups[1].Value, "[^A-Za-z0-9]+", "-").Trim('-') + (m.Groups[1].Value.EndsWith(".endpoint", StringComparison.Ordinal) ? ".db.test" : "")));

    private sealed record Heredoc(string Path, string Body);

    private static List<Heredoc> Heredocs(string script) =>
        [.. Regex.Matches(script, @"^cat > (?<path>\S+) <<'?(?<tag>\w+)'?\n(?<body>.*?)\n\k<tag>$", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => new Heredoc(m.Groups["path"].Value, m.Groups["body"].Value))];

    /// <summary>Runs the refresher as its systemd unit would (its EnvironmentFile loaded) and returns the MM_* lines it wrote.</summary>
    private static Dictionary<string, string> Run(string script)
    {
        var docs = Heredocs(script);
        var refresher = Assert.Single(docs, d => d.Body.StartsWith("#!", StringComparison.Ordinal) && d.Body.Contains("MM_SQLSETTINGS_DATASOURCE", StringComparison.Ordinal));
        var unit = Assert.Single(docs, d => d.Body.Contains($"ExecStart={refresher.Path}", StringComparison.Ordinal));
        var envPath = Regex.Match(unit.Body, @"^EnvironmentFile=(\S+)$", RegexOptions.Multiline).Groups[1].Value;
        var env = Assert.Single(docs, d => d.Path == envPath);

        var root = Directory.CreateTempSubdirectory("refresher-");
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root.FullName, "bin")).FullName;
            Directory.CreateDirectory(Path.Combine(root.FullName, "etc", "mattermost"));
            // The helper the refresher sources, where the boot script puts it.
            var helper = Assert.Single(docs, d => d.Path == "/usr/local/lib/mattermost/postgres-dsn.sh");
            Directory.CreateDirectory(Path.Combine(root.FullName, "usr-local-lib", "mattermost"));
            File.WriteAllText(Path.Combine(root.FullName, "usr-local-lib", "mattermost", "postgres-dsn.sh"), helper.Body + "\n");
            File.WriteAllText(Path.Combine(root.FullName, "refresher"), refresher.Body + "\n");
            File.WriteAllText(Path.Combine(root.FullName, "credentials.env"), env.Body + "\n");
            Stub(bin, "aws", $$"""
                #!/bin/bash
                # Secrets Manager as "aws secretsmanager get-secret-value --query SecretString --output text" answers it.
                echo "aws $*" >> "$STUB_LOG"
                id=""
                while [ $# -gt 0 ]; do if [ "$1" = --secret-id ]; then id=$2; fi; shift; done
                case "$id" in
                  *icense*) echo "LICENSE-TEXT" ;;
                  "") exit 255 ;;
                  *) echo '{"engine":"postgres","host":"writer.db.test","port":5432,"dbname":"mattermost","username":"mattermost_app","password":"{{Password}}"}' ;;
                esac
                """);
            Stub(bin, "systemctl", "#!/bin/bash\necho \"systemctl $*\" >> \"$STUB_LOG\"\n");

            var psi = new ProcessStartInfo("unshare", ["--map-root-user", "--mount", "bash", "-c",
                "set -e; mount --bind \"$1/etc\" /etc; mount --bind \"$1/usr-local-lib\" /usr/local/lib; set -a; . \"$1/credentials.env\"; set +a; PATH=\"$1/bin:$PATH\" exec bash \"$1/refresher\"", "_", root.FullName])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            psi.Environment["STUB_LOG"] = Path.Combine(root.FullName, "calls.log");
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"refresher exited {p.ExitCode}: {stdout}{stderr.Result}");

            var written = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "etc"), "*", SearchOption.AllDirectories))
                foreach (var line in File.ReadAllLines(file))
                    if (Regex.Match(line, @"^(MM_\w+)=(.*)$") is { Success: true } m)
                        Assert.True(written.TryAdd(m.Groups[1].Value, m.Groups[2].Value), $"{m.Groups[1].Value} written twice");
            Assert.NotEmpty(written);
            return written;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Stub(string bin, string name, string text)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, text + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>bash, jq and an unprivileged mount namespace; outside CI a machine without them skips, in CI they must be there.</summary>
    private static bool CanRun()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("unshare", ["--map-root-user", "--mount", "bash", "-c", "command -v jq >/dev/null"])
                { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            if (p.ExitCode == 0) return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have bash, jq and unshare (util-linux) with user namespaces");
        return false;
    }
}
