using System.Text.Json;
using Infra.Core.Policies;
using Infra.Core.Policies.Controls;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Reporting;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>The audit report in every format: complete, deterministic, and (for SARIF) in the shape code-scanning tools read.</summary>
public class ReportTests
{
    private static AuditReport Defaults() => new(PolicyPack.Default,
        [.. new[] { "pilot", "staging", "production" }.Select(s => PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(Repo.Plan(s), Today), $"Pulumi.{s}.yaml"))],
        "check --all --format markdown");

    /// <summary>Production on the VM tier with a public writer (waived) and IMDSv1 allowed on its launch template (one mandatory failure).</summary>
    private static AuditReport Broken()
    {
        var plan = VmPlan("production");
        var g = With(With(plan.Graph, "databaseWriter", "publiclyAccessible", true), "appLaunchTemplate", "metadataOptions.httpTokens", "optional");
        var ctx = new PolicyContext(g, SizingBasis.From(plan), Today, [new Waiver("MM-NET-002", ["databaseWriter"], "restore drill until October", new DateOnly(2026, 10, 1))], EnvironmentKind.Production);
        return new AuditReport(PolicyPack.Default, [PolicyEvaluator.Evaluate(PolicyPack.Default, ctx, "Pulumi.production.yaml")], "check --stack production --format sarif");
    }

    [Fact]
    public void Markdown_lists_every_control_the_reachability_table_and_the_sizing_table()
    {
        var md = new MarkdownAuditRenderer().Render(Defaults());

        foreach (var c in Defaults().Controls)
            Assert.Contains($"#### {c.Id}: {c.Title}", md);
        Assert.Contains("Not evaluated: Mattermost's reference tiers use 2 or 4 data nodes", md);
        Assert.Contains("### Network reachability", md);
        // Production runs the Kubernetes tier: the ALB's group is named after the Mattermost resource that asks for it.
        Assert.Contains("| 0.0.0.0/0 (anyone) | loadBalancerSecurityGroup (mattermostInstallation) | tcp | 443 | lbHttpsFrom_0_0_0_0_0 |", md);
        // The pods by their CPU requests (what each is guaranteed), in the plan's own words.
        var k = Repo.Plan("production").Blueprint.Sizing.Kubernetes!;
        Assert.Contains($"| app | mattermostInstallation | {k.PodDescription} (", md);
        Assert.Contains($"| app after losing a zone | mattermostInstallation | {k.Replicas - k.PodsInFullestZone} of {k.Replicas} (", md);
        // Pilot runs the VM tier.
        Assert.Contains("| loadBalancerSecurityGroup (loadBalancer) | appSecurityGroup (appLaunchTemplate) | tcp | 8065 | appFromLb |", md);
        Assert.Contains("| app | appAutoScalingGroup | 1 x c7i.large (2 vCPU) | 200 | design load 188 | +6% |", md);
        Assert.Contains("| defaultSecurityGroup | MM-NET-006 | pass | no ingress and no egress rules |", md);
        foreach (var p in PolicyPack.Default) Assert.Contains($"| {p.Id} | {p.Name} |", md);
        foreach (var p in PolicyPack.Default) Assert.Contains(Infra.Core.Rendering.Markdown.Cell(p.Guideline), md);
    }

    [Fact]
    public void Every_result_appears_with_why_under_its_controls_or_in_the_unmapped_section()
    {
        var report = Defaults();
        var md = new MarkdownAuditRenderer().Render(report);
        foreach (var r in report.Stacks.SelectMany(s => s.Results).Where(r => r.Outcome != Outcome.NotApplicable))
        {
            var outcome = AuditReport.OutcomeText(r.Outcome);
            var why = Infra.Core.Rendering.Markdown.Cell(r.Message);
            Assert.Contains(r.Controls.IsDefaultOrEmpty
                ? $"| {r.PolicyId} | {r.Resource} | {outcome} | {why} |"
                : $"| {r.Resource} | {r.PolicyId} | {outcome} | {why} |", md);
        }
    }

    [Fact]
    public void Every_format_is_deterministic_and_holds_no_machine_paths()
    {
        foreach (var render in new Func<AuditReport, string>[]
                 { new MarkdownAuditRenderer().Render, new JsonAuditRenderer().Render, new SarifAuditRenderer().Render, new TextAuditRenderer().Render })
        {
            var a = render(Defaults());
            Assert.Equal(a, render(Defaults()));
            Assert.DoesNotContain(Repo.Root, a);
            Assert.DoesNotContain(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), a);
        }
    }

    [Fact]
    public void Sarif_has_the_2_1_0_shape_with_rules_results_locations_and_suppressions()
    {
        var report = Broken();
        using var doc = JsonDocument.Parse(new SarifAuditRenderer("https://example.org/infra").Render(report));
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        var run = root.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("https://example.org/infra", driver.GetProperty("informationUri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(PolicyPack.Default.Select(p => p.Id), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString());
            Assert.NotEmpty(rule.GetProperty("properties").GetProperty("tags").EnumerateArray());
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Stacks[0].Results.Count(r => r.Outcome is Outcome.Fail or Outcome.Waived), results.Count);
        foreach (var r in results)
        {
            var id = r.GetProperty("ruleId").GetString();
            Assert.Equal(id, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            var location = r.GetProperty("locations")[0];
            Assert.Equal("Pulumi.production.yaml", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.False(string.IsNullOrEmpty(location.GetProperty("logicalLocations")[0].GetProperty("name").GetString()));
        }

        var imds = results.Single(r => r.GetProperty("ruleId").GetString() == "MM-CMP-001");
        Assert.Equal("error", imds.GetProperty("level").GetString());
        Assert.Equal("appLaunchTemplate", imds.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString());
        Assert.False(imds.TryGetProperty("suppressions", out _));

        var waived = results.Single(r => r.GetProperty("ruleId").GetString() == "MM-NET-002");
        var suppression = waived.GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Contains("restore drill until October", suppression.GetProperty("justification").GetString());

        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "MM-NET-011" && r.GetProperty("level").GetString() == "note");
        Assert.Equal(results.Count, results.Select(r => r.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()).Distinct().Count());
    }

    [Fact]
    public void Json_report_holds_every_result_the_sizing_table_and_the_flows()
    {
        var report = Broken();
        using var doc = JsonDocument.Parse(new JsonAuditRenderer().Render(report));
        var root = doc.RootElement;
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(1, root.GetProperty("mandatoryFailures").GetInt32());
        Assert.Equal(PolicyPack.Default.Count, root.GetProperty("policies").GetArrayLength());
        var stack = root.GetProperty("stacks")[0];
        Assert.Equal(report.Stacks[0].Results.Length, stack.GetProperty("results").GetArrayLength());
        Assert.Contains(stack.GetProperty("results").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "waived" && r.GetProperty("waiver").GetProperty("expires").GetString() == "2026-10-01");
        Assert.Contains(stack.GetProperty("sizing").EnumerateArray(), r => r.GetProperty("component").GetString() == "database");
        Assert.Contains(stack.GetProperty("reachability").EnumerateArray(), f => f.GetProperty("rule").GetString() == "databaseFromApp" && f.GetProperty("ports").GetString() == "5432");
        Assert.Equal(6988, stack.GetProperty("load").GetProperty("designLoad").GetInt32());
    }

    [Fact]
    public void Kubernetes_failures_point_at_the_node_groups_and_their_launch_template()
    {
        var plan = Repo.Plan("production");
        var g = With(plan.Graph, "eksNodeLaunchTemplate", "metadataOptions.httpTokens", "optional");
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(g, SizingBasis.From(plan), Today, [], EnvironmentKind.Production), "Pulumi.production.yaml");
        var text = new TextAuditRenderer().Render(new AuditReport(PolicyPack.Default, [audit], "check --stack production"));

        Assert.StartsWith("Policy check of production (Pulumi.production.yaml): FAIL: 4 mandatory failure(s)", text);
        Assert.Contains("  FAIL     MM-CMP-001 eksNodeLaunchTemplate: httpTokens is optional", text);
        foreach (var group in new[] { "eksNodeGroupA", "eksNodeGroupB", "eksNodeGroupC" })
            Assert.Contains($"  FAIL     MM-CMP-001 {group}: launch template eksNodeLaunchTemplate: httpTokens is optional", text);
    }

    [Fact]
    public void Text_report_leads_with_the_verdict_and_the_failures()
    {
        var text = new TextAuditRenderer().Render(Broken());
        Assert.StartsWith("Policy check of production (Pulumi.production.yaml): FAIL: 1 mandatory failure(s)", text);
        Assert.Contains("  FAIL     MM-CMP-001 appLaunchTemplate: httpTokens is optional", text);
        Assert.Contains("  WAIVED   MM-NET-002 databaseWriter:", text);
        Assert.EndsWith("1 mandatory failure(s).\n", text);
    }

    [Fact]
    public void Control_catalogue_ids_are_unique_and_every_policy_control_is_in_it()
    {
        Assert.Equal(ControlCatalog.All.Count, ControlCatalog.All.Select(c => c.Id).Distinct().Count());
        foreach (var p in PolicyPack.Default)
            Assert.All(p.Controls, c => Assert.Null(ControlCatalog.Get(c).NotEvaluated));
    }
}
