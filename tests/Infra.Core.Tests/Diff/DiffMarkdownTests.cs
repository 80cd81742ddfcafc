using Infra.Core.Components;
using Infra.Core.Cost;
using Infra.Core.Diff;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

public class DiffMarkdownTests
{
    private static DiffReport Report(ResourceGraph before, ResourceGraph after)
    {
        var cost = new CostEstimator("us-east-1");
        return new DiffReport("production", "base.json", "production", GraphDiff.Compare(before, after), cost.Estimate(before), cost.Estimate(after));
    }

    /// <summary>Thousands of changed resources: every node of 40 copies of production gets a new tag, and one bucket is deleted.</summary>
    private static DiffReport Huge()
    {
        var before = GraphTransforms.Replicate(Repo.Plan("production").Graph, 40, "production");
        var retagged = before.Nodes.Select(n => n.Properties["tags"] is MapValue tags
            ? n with { Properties = n.Properties.With("tags", tags.With("owner", "someone-else")) }
            : n);
        var bucket = before.Nodes.First(n => n.Type == AwsTypes.Bucket).Name;
        var after = new ResourceGraph("production", retagged.Where(n => n.Name != bucket), before.Lookups, before.Outputs);
        return Report(before, after);
    }

    [Fact]
    public void A_huge_diff_stays_under_githubs_comment_limit_and_keeps_the_banner_and_the_summary()
    {
        var report = Huge();
        var full = DiffTextRenderer.Render(report);
        Assert.True(full.Length > DiffMarkdownRenderer.GitHubCommentLimit, "the test needs a diff longer than the limit");

        var markdown = new DiffMarkdownRenderer(fullDiffPointer: "the full diff is at https://ci.example/run/1").Render(report);

        Assert.True(markdown.Length <= DiffMarkdownRenderer.GitHubCommentLimit, $"{markdown.Length} characters");
        Assert.Contains("> [!CAUTION]", markdown);
        Assert.Contains("would be deleted", markdown);
        Assert.Contains("| Replace | May replace | Delete | Add | Update | Unchanged |", markdown);
        Assert.Contains("more resource(s) with property changes", markdown);
        Assert.Contains("the full diff is at https://ci.example/run/1", markdown);
    }

    [Fact]
    public void A_small_diff_is_not_shortened()
    {
        var production = Repo.Plan("production").Graph;
        var vpc = production["vpc"];
        var after = production.With(vpc with { Properties = vpc.Properties.With("enableDnsHostnames", false) });
        var markdown = new DiffMarkdownRenderer().Render(Report(production, after));
        Assert.Contains("<details><summary>update vpc", markdown);
        Assert.Contains("| enableDnsHostnames | `true` | `false` |", markdown);
        Assert.DoesNotContain("shortened", markdown);
        Assert.DoesNotContain("[!CAUTION]", markdown);
    }

    [Fact]
    public void Any_limit_is_respected()
    {
        var markdown = new DiffMarkdownRenderer(maxLength: 4_000).Render(Huge());
        Assert.True(markdown.Length <= 4_000, $"{markdown.Length} characters");
        Assert.Contains("shortened", markdown);
    }

    [Fact]
    public void The_same_diff_renders_to_the_same_bytes()
    {
        Assert.Equal(new DiffMarkdownRenderer().Render(Huge()), new DiffMarkdownRenderer().Render(Huge()));
        Assert.Equal(DiffJsonRenderer.Render(Huge()), DiffJsonRenderer.Render(Huge()));
    }
}
