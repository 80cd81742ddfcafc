using Infra.Cli;
using Infra.Core.Documentation;
using Infra.Core.Policies;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>
/// The tables of docs/configuration.md and docs/policies.md are what the key specifications and the policy pack
/// generate (docs --write), so that the pages cannot drift from what the reader accepts and the pack checks.
/// </summary>
public class GeneratedDocsTests
{
    private static readonly string Configuration = DocPages.Read("docs/configuration.md");

    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void The_committed_generated_sections_are_fresh()
    {
        var stale = GeneratedDocs.Stale(Repo.Root);
        Assert.True(stale.Count == 0, $"stale: {string.Join("; ", stale)}; run {GeneratedDocs.WriteCommand}");
    }

    private static string Row(string key) =>
        Configuration.Split('\n').Single(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));

    [Fact]
    public void Every_config_key_has_a_row_with_what_is_allowed_and_its_defaults()
    {
        foreach (var key in ConfigKeys.All)
        {
            var cells = Row(key.Key).Split(" | ");
            Assert.Equal(key.Allowed, cells[1]);
            if (key.Key == "mattermost:tags") continue; // required tags without a default: the tags test below
            var defaults = new[] { key.Pilot, key.Staging, key.Production };
            for (var i = 0; i < 3; i++)
                Assert.Equal(key.Required ? "**required**" : defaults[i] is { } d ? $"`{d}`" : "—", cells[2 + i]);
        }
    }

    [Fact]
    public void Tier_only_keys_say_so_in_their_row_and_no_other_row_does()
    {
        foreach (var key in ConfigKeys.All)
        {
            var marked = Row(key.Key).Contains("*Kubernetes tier only.*", StringComparison.Ordinal);
            Assert.True(marked == (key.Tier == AppTierKind.Kubernetes), $"{key.Key}: the row and ConfigKeys disagree on the tier");
        }
    }

    [Fact]
    public void The_tags_row_shows_the_required_tags_as_required_and_names_the_tags_the_tool_sets_and_the_limit()
    {
        var cells = Row("mattermost:tags").Split(" | ");
        foreach (var column in cells[2..5])
        {
            Assert.StartsWith("**required**", column);
            foreach (var tag in ConfigKeys.RequiredTags) Assert.Contains($"`{tag}`", column);
        }
        foreach (var tag in ConfigKeys.ReservedTags) Assert.Contains($"`{tag}`", cells[5]);
        Assert.Contains($"At most {ConfigKeys.MaxUserTags}", cells[5]);
    }

    [Fact]
    public void Version_rows_carry_the_support_windows_of_their_data()
    {
        foreach (var w in SupportWindows.Kubernetes.Where(w => ConfigKeys.Find("mattermost:kubernetesVersion")!.Choices!.Contains(w.Version)))
            Assert.Contains($"{w.Version} on {w.StandardSupportEnds:yyyy-MM-dd}", Row("mattermost:kubernetesVersion"));
        foreach (var m in SupportWindows.Postgres)
            Assert.Contains($"{m.Major} on {m.Aurora.StandardSupportEnds:yyyy-MM-dd}", Row("mattermost:postgresVersion"));
    }

    [Fact]
    public void The_policy_table_lists_every_policy_of_the_pack_with_severity_enforcement_and_controls()
    {
        var policies = DocPages.Read("docs/policies.md");
        foreach (var p in PolicyPack.Default)
            Assert.Contains($"| {p.Id} | {p.Name.Replace("|", "\\|")} | {p.Severity.ToString().ToLowerInvariant()} | {p.Enforcement.ToString().ToLowerInvariant()} | {(p.Controls.Length == 0 ? "-" : string.Join(", ", p.Controls))} |", policies);
    }

    [Fact]
    public void Check_fails_on_an_edited_table_naming_the_page_and_the_fix_and_write_restores_only_the_table()
    {
        using var dir = new TempDir();
        foreach (var s in GeneratedDocs.Sections) dir.Write(s.RelativePath, DocPages.Read(s.RelativePath));
        File.WriteAllText(Path.Combine(dir.Path, "Pulumi.yaml"), TempProject.ProjectYaml);
        Assert.Equal(0, Run(dir.Path, "docs", "--check").Code);

        var page = Path.Combine(dir.Path, "docs/configuration.md");
        var edited = File.ReadAllText(page).Replace("| `mattermost:backupRetentionDays` | a whole number from 1 to 35 |", "| `mattermost:backupRetentionDays` | a whole number from 1 to 99 |", StringComparison.Ordinal)
            .Replace("## The strict reader", "## The strict reader, edited", StringComparison.Ordinal);
        File.WriteAllText(page, edited);
        var (code, output, err) = Run(dir.Path, "docs", "--check");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("docs/configuration.md: configuration-keys: out of date", err);
        Assert.DoesNotContain("docs/policies.md", err);
        Assert.Contains(GeneratedDocs.WriteCommand, err);

        Assert.Equal(0, Run(dir.Path, "docs", "--write").Code);
        Assert.Equal(0, Run(dir.Path, "docs", "--check").Code);
        var written = File.ReadAllText(page);
        Assert.Contains("a whole number from 1 to 35", written);
        Assert.Contains("## The strict reader, edited", written); // the prose is the page's own
    }

    [Fact]
    public void A_page_without_its_markers_is_bad_input_and_nothing_is_written()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "Pulumi.yaml"), TempProject.ProjectYaml);
        dir.Write("docs/configuration.md", "# Configuration\n\nno table here\n");
        dir.Write("docs/policies.md", DocPages.Read("docs/policies.md"));
        var policies = File.ReadAllText(Path.Combine(dir.Path, "docs/policies.md"));
        var (code, _, err) = Run(dir.Path, "docs", "--write");
        Assert.Equal(2, code);
        Assert.Contains("docs/configuration.md: has no section 'configuration-keys'", err);
        Assert.Contains("nothing was written", err);
        Assert.Equal("# Configuration\n\nno table here\n", File.ReadAllText(Path.Combine(dir.Path, "docs/configuration.md")));
        Assert.Equal(policies, File.ReadAllText(Path.Combine(dir.Path, "docs/policies.md")));
    }

    [Fact]
    public void Docs_needs_write_or_check()
    {
        Assert.Equal(2, Run(Repo.Root, "docs").Code);
        Assert.Equal(2, Run(Repo.Root, "docs", "--write", "--check").Code);
    }
}
