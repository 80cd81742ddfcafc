using System.Text.Json;
using Infra.Cli;
using Infra.Core.Catalog;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>
/// The pinned SHA-256 of the release tarballs (Catalog/Data/mattermost-releases.json): every row is well formed and
/// cites its source, the default version is pinned, and a VM-tier stack with a version that has none does not plan.
/// </summary>
public class MattermostReleasesTests
{
    private static readonly string DataFile = Path.Combine(Repo.Root, MattermostReleases.DataFile);

    [Fact]
    public void The_default_version_and_every_committed_stacks_version_are_pinned()
    {
        var defaultVersion = ConfigKeys.Find("mattermost:mattermostVersion")!.DefaultFor(EnvironmentKind.Production);
        Assert.Equal("11.7.0", defaultVersion);
        Assert.Equal("9f543ced708e1e4a1e1afbed94140bd76608b8071081a171ef01899ea7369b4e", MattermostReleases.Find(defaultVersion!)!.Sha256);
        foreach (var stack in new[] { "pilot", "staging", "production" })
            Assert.NotNull(MattermostReleases.Find(Repo.Settings(stack).MattermostVersion));
    }

    [Fact]
    public void Every_row_cites_a_source_that_names_its_checksum()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DataFile));
        var rows = doc.RootElement.GetProperty("releases").EnumerateArray().ToList();
        Assert.Equal(rows.Count, MattermostReleases.All.Count);
        foreach (var row in rows)
        {
            var version = row.GetProperty("version").GetString()!;
            var sha = row.GetProperty("sha256").GetString()!;
            var sources = row.GetProperty("sources").EnumerateArray().ToList();
            Assert.NotEmpty(sources);
            foreach (var source in sources)
            {
                Assert.Matches("^[0-9a-f]{40}$", source.GetProperty("commit").GetString());
                Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("repo").GetString()), version);
                Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("path").GetString()), version);
                // The quoted text carries the checksum, as hex or as the SRI base64 of the same bytes.
                var quote = source.GetProperty("quote").GetString()!;
                var sri = "sha256-" + Convert.ToBase64String(Convert.FromHexString(sha));
                Assert.True(quote.Contains(sha, StringComparison.Ordinal) || quote.Contains(sri, StringComparison.Ordinal), $"{version}: the quote shows neither {sha} nor {sri}");
                Assert.Contains(version, quote);
            }
        }
    }

    [Fact]
    public void A_vm_stack_with_a_version_without_a_pinned_checksum_is_refused_with_the_way_to_add_one()
    {
        using var p = new TempProject(TempProject.With("mattermost:appTier: vm", "mattermost:mattermostVersion: 11.7.99"));
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["plan", "--stack", "staging"], o, e, p.Directory);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", o.ToString());
        var err = e.ToString();
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:mattermostVersion: 11.7.99 has no pinned SHA-256", err);
        Assert.Contains($"Pinned versions: {MattermostReleases.PinnedList}.", err);
        Assert.Contains(MattermostReleases.DataFile, err);
        Assert.Contains("sha256sum of the official mattermost-11.7.99-linux-amd64.tar.gz (https://releases.mattermost.com/11.7.99/mattermost-11.7.99-linux-amd64.tar.gz", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_pinned_version_plans_on_the_vm_tier_and_any_version_on_the_kubernetes_tier()
    {
        // The Kubernetes tier runs the operator's image and downloads no tarball, so it needs no pinned checksum.
        using var vm = new TempProject(TempProject.With("mattermost:appTier: vm", "mattermost:mattermostVersion: 11.7.9"));
        Assert.Equal(ExitCodes.Ok, CliApp.Run(["plan", "--stack", "staging"], new StringWriter(), new StringWriter(), vm.Directory));
        using var k8s = new TempProject(TempProject.With("mattermost:appTier: kubernetes", "mattermost:mattermostVersion: 11.7.99"));
        var e = new StringWriter();
        Assert.True(CliApp.Run(["plan", "--stack", "staging"], new StringWriter(), e, k8s.Directory) == ExitCodes.Ok, e.ToString());
    }
}
