using System.Text.RegularExpressions;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>Every relative link of the documentation leads to a file, and with '#' to a heading of it.</summary>
public partial class DocLinksTests
{
    public static IEnumerable<object[]> Pages => DocPages.All.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_resolves_to_a_file_and_a_heading(string page)
    {
        var broken = new List<string>();
        var lines = DocPages.ProseLines(page);
        for (var i = 0; i < lines.Count; i++)
            foreach (Match m in LinkTarget().Matches(lines[i]))
                if (Problem(page, m.Groups[1].Value) is { } problem) broken.Add($"{page}:{i + 1}: ({m.Groups[1].Value}) {problem}");
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void The_checker_finds_a_missing_file_and_a_missing_heading()
    {
        Assert.Null(Problem("README.md", "docs/commands.md#exit-codes"));
        Assert.Null(Problem("docs/commands.md", "#exit-codes"));
        Assert.Null(Problem("docs/deploying.md", "kubernetes-tier.md#reaching-the-cluster-after-pulumi-up"));
        Assert.NotNull(Problem("README.md", "docs/no-such-page.md"));
        Assert.NotNull(Problem("README.md", "docs/commands.md#no-such-heading"));
        Assert.NotNull(Problem("docs/commands.md", "commands.md#exit-code"));
    }

    [Fact]
    public void Headings_get_githubs_anchors()
    {
        var anchors = DocPages.Anchors("docs/database-credentials.md");
        Assert.Contains("how-this-is-tested-testsdatabase-run-by-testsh", anchors);
        Assert.Contains("vm-tier-bootstrap-rotation-restart", anchors);
        Assert.Contains("inside-the-clouds-limits", DocPages.Anchors("docs/sizing.md"));
        // A comment line in a shell block is not a heading.
        Assert.DoesNotContain(DocPages.Anchors("docs/kubernetes-tier.md"), a => a.StartsWith("or-pulumi", StringComparison.Ordinal));
    }

    private static string? Problem(string page, string target)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto") return null;
        var hash = target.IndexOf('#');
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var pageDir = Path.GetDirectoryName(Path.Combine(Repo.Root, page))!;
        var full = path.Length == 0 ? Path.Combine(Repo.Root, page) : Path.GetFullPath(Path.Combine(pageDir, Uri.UnescapeDataString(path)));
        if (!full.StartsWith(Repo.Root, StringComparison.Ordinal)) return "leads outside the repository";
        if (!File.Exists(full) && !Directory.Exists(full)) return "no such file";
        if (anchor is null) return null;
        if (!full.EndsWith(".md", StringComparison.Ordinal)) return "an anchor into a file that is not Markdown";
        var relative = Path.GetRelativePath(Repo.Root, full).Replace('\\', '/');
        return DocPages.Anchors(relative).Contains(anchor) ? null : $"no heading with the anchor #{anchor} in {relative}";
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkTarget();
}
