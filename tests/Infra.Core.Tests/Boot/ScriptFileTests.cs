using Infra.Core.Catalog;
using Infra.Core.Components;
using Infra.Core.Components.Database;
using Infra.Core.Components.Scripts;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>The script files themselves, as committed: every file is used, and the shell ones pass ShellCheck before rendering.</summary>
public class ScriptFileTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "infra", "Infra.Core", "Components", "Scripts");

    /// <summary>The shell files of the folder and the test stubs: templates lint as shell because placeholders sit in quotes or here-documents.</summary>
    public static IEnumerable<object[]> ShellFiles =>
        Directory.GetFiles(Folder, "*.sh*")
            .Concat(Directory.GetFiles(Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Boot", "stubs")))
            .Append(Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Boot", "enter-root.sh"))
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetRelativePath(Repo.Root, f) });

    [Fact]
    public void Every_file_in_the_folder_is_embedded()
    {
        var files = Directory.GetFiles(Folder).Where(f => !f.EndsWith(".cs", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(files, ScriptFiles.Names);
        Assert.Contains(UserData.Template, ScriptFiles.Names);
    }

    [Theory]
    [MemberData(nameof(BootScripts.Names), MemberType = typeof(BootScripts))]
    public void The_rendered_script_holds_each_installed_file_as_committed(string name)
    {
        var plan = BootScripts.All[name];
        var text = BootScripts.Text(plan);
        foreach (var file in new[] { "mattermost-credentials.sh", "mattermost.service", "mattermost-credentials.service", "mattermost-credentials.timer" })
            Assert.Contains("\n" + ScriptFiles.Text(file), text);
        Assert.Contains("\n" + DatabaseAssets.PostgresDsnScript, text);
        // The region's RDS CAs, and no other region's.
        Assert.Contains("\n" + RdsCertificates.BundleFor(plan.Settings.Region), text);
        Assert.Equal(3, RdsCertificates.All.Count(c => text.Contains(c.Pem, StringComparison.Ordinal)));
        Assert.Contains($"MATTERMOST_SHA256='{MattermostReleases.Find(plan.Settings.MattermostVersion)!.Sha256}'", text);
        Assert.DoesNotContain("{{", text);
    }

    [NeedsToolsTheory("shellcheck")]
    [MemberData(nameof(ShellFiles))]
    public void ShellCheck_finds_nothing_in_the_file(string file)
    {
        // -x: follow the files a script sources (the refresher sources Database/Scripts/postgres-dsn.sh).
        var result = Tool.Run("shellcheck", ["--shell=bash", "--format=gcc", "--external-sources", Path.Combine(Repo.Root, file)]);
        Assert.True(result.Code == 0, $"shellcheck {file}: {result}");
    }
}
