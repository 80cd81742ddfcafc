using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Cli;
using Infra.Core.Measurements;
using Infra.Core.Planning;
using Infra.Core.Projection;
using Infra.Core.Tests.Measurements;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cli;

/// <summary>
/// project from the sample exports: a production plan that differs from today's for a stated reason; --write that keeps
/// the stack file's comments; refusals with exit 2 that write nothing; and project queries.
/// </summary>
public class ProjectCommandTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    private static ProductionProjection Projection() =>
        ProductionProjection.Make(new Planner(Repo.Root), "production",
            PilotCalibration.From(SampleExports.Source, "examples/pilot-measurements", s => new Planner(Repo.Root).Loader.Load(s)), new DateOnly(2027, 2, 1));

    [Fact]
    public void The_sample_exports_give_a_production_plan_that_differs_from_todays_for_a_stated_reason()
    {
        var p = Projection();
        var today = p.Today.Blueprint.Sizing;
        var projected = p.Projected.Blueprint.Sizing;

        Assert.Equal(5_590, today.Load.PeakConcurrent);
        Assert.Equal(6_792, projected.Load.PeakConcurrent);            // 27,950 at the horizon x 0.243
        Assert.Equal(8_490, projected.Load.DesignLoad);
        Assert.Equal(5.53m, today.App.RequiredVcpu);
        Assert.Equal(7.8m, projected.App.RequiredVcpu);                 // (4 + 4 x 6,490 / 13,000) x 1.3
        Assert.Equal(6.84m, projected.Database.RequiredVcpu);           // 5.997 x 1.14
        var app = Assert.Single(p.ChangedDecisions, d => d.Component == "app" && d.Before == "5 x c7i.large");
        Assert.Equal("3 x c7i.xlarge", app.After);
        Assert.EndsWith("calibrated from pilot measurements of 2027-01-10..25: app 1.3x the reference curve", app.Reason);
        var peak = Assert.Single(p.ChangedDecisions, d => d.After == "peak 6,792 concurrent users");
        Assert.Contains("concurrency ratio 0.243 measured in the pilot", peak.Reason);
        Assert.Empty(p.Audit.Results.Where(r => r.Outcome == Infra.Core.Policies.Model.Outcome.Fail && Infra.Core.Policies.PolicyPack.Find(r.PolicyId)!.IsMandatory));
        Assert.Equal(
        [
            "pulumi config set --stack production mattermost:measuredConcurrencyRatio 0.243",
            "pulumi config set --stack production --path 'mattermost:capacityCalibration.app' 1.3",
            "pulumi config set --stack production --path 'mattermost:capacityCalibration.database' 1.14",
            "pulumi config set --stack production --path 'mattermost:capacityCalibration.source' examples/pilot-measurements",
            "pulumi config set --stack production --path 'mattermost:capacityCalibration.window' 2027-01-10..2027-01-25",
            "pulumi config set --stack production --path 'mattermost:capacityCalibration.measuredOn' 2027-01-25",
        ], p.Commands);
    }

    [Theory]
    [InlineData("text", "  peak concurrent users  5,590")]
    [InlineData("markdown", "| peak concurrent users | 5,590 | **6,792** |")]
    [InlineData("json", "\"what\": \"peak concurrent users\"")]
    public void Project_prints_the_report_in_each_format(string format, string expected)
    {
        var (code, output, err) = Run(Repo.Root, "project", "--from", "examples/pilot-measurements", "--format", format);
        Assert.True(code == 0, err);
        Assert.Contains(expected, output);
        Assert.Contains("calibrated from pilot measurements of 2027-01-10..25", output);
        if (format == "json") Assert.Equal(6, JsonNode.Parse(output)!["commands"]!.AsArray().Count);
    }

    /// <summary>A copy of the repository's project files, so that --write has a stack file of its own to edit.</summary>
    private static TempDir Project()
    {
        var dir = new TempDir();
        foreach (var f in new[] { "Pulumi.yaml", "Pulumi.pilot.yaml", "Pulumi.production.yaml" })
            File.Copy(Path.Combine(Repo.Root, f), Path.Combine(dir.Path, f));
        return dir;
    }

    [Fact]
    public void Write_applies_the_settings_keeps_the_comments_and_plans_as_projected()
    {
        using var dir = Project();
        var file = Path.Combine(dir.Path, "Pulumi.production.yaml");
        var before = File.ReadAllText(file);

        var (code, _, err) = Run(dir.Path, "project", "--from", SampleExports.Source, "--write");

        Assert.True(code == 0, err);
        Assert.Contains("wrote Pulumi.production.yaml", err);
        var after = File.ReadAllText(file);
        Assert.StartsWith(before, after); // every line kept; the settings come at the end of config:
        Assert.Contains("# Production: 20,000 registered users today", after);
        Assert.Contains("  mattermost:measuredConcurrencyRatio: 0.243\n", after);
        Assert.Contains("    app: 1.3\n    database: 1.14\n", after);
        var plan = new Planner(dir.Path).Plan("production");
        Assert.Equal(6_792, plan.Blueprint.Sizing.Load.PeakConcurrent);
        Assert.Equal(1.3m, plan.Settings.Load.Calibration!.App);

        // Run again: the same file (the measurements say the same).
        Assert.Equal(0, Run(dir.Path, "project", "--from", SampleExports.Source, "--write").Code);
        Assert.Equal(after, File.ReadAllText(file));
    }

    [Fact]
    public void A_broken_export_exits_2_names_file_and_path_and_writes_nothing()
    {
        using var dir = Project();
        using var s = new SampleExports();
        s.Edit("pilot-cloudwatch-week1.json", (doc, _) => doc["MetricDataResults"]![3]!["StatusCode"] = "Forbidden");
        var file = Path.Combine(dir.Path, "Pulumi.production.yaml");
        var before = File.ReadAllText(file);

        var (code, output, err) = Run(dir.Path, "project", "--from", s.Folder, "--write");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("pilot-cloudwatch-week1.json: $.MetricDataResults[3].StatusCode: Forbidden", err);
        Assert.Contains("no calibration, nothing was written", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public void When_every_source_is_refused_it_exits_2_with_each_reason()
    {
        using var s = new SampleExports("pilot-loadtest-status.json", "pilot-loadtest-report.json", "pilot-cloudwatch-week2.json", "pilot-analytics.json");
        s.Edit("pilot-cloudwatch-week1.json", (doc, _) =>
        {
            foreach (var r in doc["MetricDataResults"]!.AsArray().OfType<JsonObject>())
            {
                var keep = r["Timestamps"]!.AsArray().Count(t => string.CompareOrdinal((string)t!, "2027-01-15") < 0);
                while (r["Timestamps"]!.AsArray().Count > keep) { r["Timestamps"]!.AsArray().RemoveAt(keep); r["Values"]!.AsArray().RemoveAt(keep); }
            }
        });
        var (code, _, err) = Run(Repo.Root, "project", "--from", s.Folder);
        Assert.Equal(2, code);
        Assert.Contains("nothing to calibrate from", err);
        Assert.Contains("the monitoring window is 5 days", err);
    }

    [Fact]
    public void Project_needs_its_folder()
    {
        var (code, _, err) = Run(Repo.Root, "project");
        Assert.Equal(2, code);
        Assert.Contains("--from is required", err);
        Assert.Equal(2, Run(Repo.Root, "project", "--from", "no/such/folder").Code);
        Assert.Contains("belongs to 'project queries'", Run(Repo.Root, "project", "--from", "x", "--outputs", "y").Err);
    }

    // ---- project queries ------------------------------------------------------------------------

    [Fact]
    public void Queries_name_the_stacks_deployed_resources_and_print_the_commands()
    {
        var outputs = Path.Combine(SampleExports.Source, "pilot-outputs.json");
        var (code, output, err) = Run(Repo.Root, "project", "queries", "--stack", "pilot", "--outputs", outputs, "--window", "2027-01-10..2027-01-24");

        Assert.True(code == 0, err);
        var queries = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["app0_cpu", "app0_samples", "db0_cpu", "db0_connections", "lb_requests_raw", "lb_errors_raw", "lb_requests", "lb_errors"],
            queries.Select(q => (string)q!["Id"]!));
        Assert.Equal("appAutoScalingGroup-3f9c2e1", (string)queries[0]!["MetricStat"]!["Metric"]!["Dimensions"]![0]!["Value"]!);
        Assert.Equal("SampleCount", (string)queries[1]!["MetricStat"]!["Stat"]!);
        Assert.Equal(300, (int)queries[0]!["MetricStat"]!["Period"]!);
        Assert.Contains("from pulumi stack output --stack pilot --json", err);
        Assert.Contains("aws cloudwatch get-metric-data --region us-east-1 --metric-data-queries file://pilot-queries.json --start-time 2027-01-10T00:00:00Z --end-time 2027-01-25T00:00:00Z", err);
        Assert.Contains("query=mattermost_http_websockets_total", err);
    }

    [Fact]
    public void The_labels_cloudwatch_returns_for_the_queries_are_the_ones_project_checks()
    {
        // CloudWatch fills ${PROP('Dim.NAME')} with the dimension it matched: done here by hand, the labels must be the sample's.
        var outputs = StackOutputs.Parse(JsonExport.Read(Path.Combine(SampleExports.Source, "pilot-outputs.json"), "pilot-outputs.json"));
        var sample = CloudWatchMetricData.Parse(JsonExport.Read(Path.Combine(SampleExports.Source, "pilot-cloudwatch-week1.json"), "w1")).ToDictionary(s => s.Id, s => s.Label);
        foreach (var q in CapacityQueries.Build(outputs).Select(q => q!.AsObject()).Where(q => (bool)q["ReturnData"]!))
        {
            var label = (string)q["Label"]!;
            if (q["MetricStat"] is { } stat)
            {
                var dim = stat["Metric"]!["Dimensions"]![0]!;
                label = label.Replace($"${{PROP('Dim.{(string)dim["Name"]!}')}}", (string)dim["Value"]!);
            }
            Assert.Equal(sample[(string)q["Id"]!], label);
        }
    }

    [Fact]
    public void Queries_need_the_outputs_of_the_same_stack()
    {
        var (code, _, err) = Run(Repo.Root, "project", "queries", "--stack", "pilot");
        Assert.Equal(2, code);
        Assert.Contains("pulumi stack output --stack pilot --json > pilot-outputs.json", err);

        var outputs = Path.Combine(SampleExports.Source, "pilot-outputs.json");
        var other = Run(Repo.Root, "project", "queries", "--stack", "production", "--outputs", outputs);
        Assert.Equal(2, other.Code);
        Assert.Contains("these are the outputs of stack 'pilot', not of stack 'production'", other.Err);

        var week = Run(Repo.Root, "project", "queries", "--stack", "pilot", "--outputs", outputs, "--window", "2027-01-10..2027-01-14");
        Assert.Equal(2, week.Code);
        Assert.Contains("at least 7", week.Err);
        Assert.Equal(2, Run(Repo.Root, "project", "queries", "--stack", "pilot", "--outputs", outputs, "--window", "2027-01-01..2027-03-01").Code);
    }
}
