using System.Text.RegularExpressions;
using Infra.Core.Artifacts;
using Infra.Core.Components;
using Infra.Core.Cost;
using Infra.Core.Diff;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Diff.GraphPairs;

namespace Infra.Core.Tests.Diff;

/// <summary>Every symbol the diff prints is explained, and the diff counts resources the way the plan does.</summary>
public partial class DiffLegendTests
{
    /// <summary>A diff with every kind of change: replaced, possibly replaced, deleted (stateful), added, updated.</summary>
    private static DiffReport EveryKind()
    {
        ResourceNode Search(string version) => Node("search", AwsTypes.OpenSearchDomain, V.Map(("engineVersion", version)));
        var alarm = Node("alarm", AwsTypes.MetricAlarm, V.Map(("dimensions", V.Map(("VpcId", V.Ref("vpc", "id"))))));
        var bucket = Node("bucket", AwsTypes.Bucket, V.Map(("bucketPrefix", "files-")));
        var before = G(Vpc("10.0.0.0/16"), Subnet(), alarm, bucket, Search("OpenSearch_2.17"));
        var after = G(Vpc("10.1.0.0/16"), Subnet(), alarm, Subnet("subnetB"), Search("OpenSearch_2.19"));
        var cost = new CostEstimator("us-east-1");
        return new DiffReport("production", "base.json", "production", GraphDiff.Compare(before, after), cost.Estimate(before), cost.Estimate(after));
    }

    [GeneratedRegex(@"^(\S+) (?:add|update|replace|may replace|delete) ", RegexOptions.Multiline)]
    private static partial Regex ChangeLine();

    [Fact]
    public void The_text_diff_explains_every_symbol_it_prints()
    {
        var text = DiffTextRenderer.Render(EveryKind());
        var legend = Assert.Single(text.Split('\n'), l => l.StartsWith("Legend:", StringComparison.Ordinal));
        var symbols = ChangeLine().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(5, symbols.Count);
        foreach (var symbol in symbols) Assert.Contains($" {symbol} ", legend);
        Assert.Contains("[stateful]", text);
        Assert.Contains(" [stateful] ", legend);
        Assert.Contains("!!!", text);
        Assert.Contains(" !!! ", legend);
    }

    [Fact]
    public void The_markdown_diff_explains_its_warning_sign()
    {
        var markdown = new DiffMarkdownRenderer().Render(EveryKind());
        Assert.Contains("⚠", markdown);
        var legend = Assert.Single(markdown.Split('\n'), l => l.StartsWith("_Legend:", StringComparison.Ordinal));
        Assert.Contains("⚠ ", legend);
        // Nothing else outside ASCII is printed without a word for it.
        var others = markdown.Where(ch => ch > 127 && ch != '⚠' && ch != '…').Distinct().ToList();
        Assert.Empty(others);
    }

    [Fact]
    public void The_diff_and_the_plan_count_the_same_resources_and_say_what_they_count()
    {
        var plan = Repo.Plan("production");
        var resources = plan.Graph.Resources.Count();
        var components = plan.Graph.Components.Count();
        var base_ = PlanJsonReader.Read(PlanRenderings.Json(plan));
        var cost = PlanRenderings.Cost(plan);
        var report = new DiffReport("production", "base.json", "production", GraphDiff.Compare(base_.Graph, plan.Graph), cost, cost);

        var diff = DiffTextRenderer.Render(report);
        Assert.Contains($"No changes: all {resources} resources match the base (the {components} component resources that group them are not counted).", diff);
        Assert.Contains($"Resources ({resources}; the {components} component resources that group them are not counted)", PlanRenderings.Text(plan));
        Assert.Contains($"**No changes**: all {resources} resources match the base", new DiffMarkdownRenderer().Render(report));
    }
}
