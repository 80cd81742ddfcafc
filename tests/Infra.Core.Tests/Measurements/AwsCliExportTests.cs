using Infra.Cli;
using Infra.Core.Measurements;
using Infra.Core.Tests.Boot;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Measurements;

/// <summary>
/// The queries of project queries, run by the real AWS CLI against a local moto server: the CLI accepts them (it checks
/// them against CloudWatch's service model before sending), and what it writes is read by the CloudWatch reader. moto
/// neither fills dynamic labels nor paginates, so this holds the formats together, not CloudWatch's behaviour.
/// </summary>
public class AwsCliExportTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [NeedsToolsFact("aws", "moto_server")]
    public void The_aws_cli_runs_the_queries_and_its_output_is_read()
    {
        using var dir = new TempDir();
        var queries = Path.Combine(dir.Path, "queries.json");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.True(CliApp.Run(["project", "queries", "--stack", "pilot", "--outputs", Path.Combine(SampleExports.Source, "pilot-outputs.json"),
            "--window", "2027-01-10..2027-01-24", "--out", queries], o, e, Repo.Root) == 0, e.ToString());

        var env = new Dictionary<string, string>(moto.Environment);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        var points = string.Join(",", Enumerable.Range(0, 3).Select(i =>
            $$"""{"MetricName": "CPUUtilization", "Dimensions": [{"Name": "AutoScalingGroupName", "Value": "appAutoScalingGroup-3f9c2e1"}], "Value": {{40 + i}}, "Timestamp": "{{start.AddMinutes(5 * i):yyyy-MM-ddTHH:mm:ssZ}}"}"""));
        var put = Tool.Run("aws", ["cloudwatch", "put-metric-data", "--namespace", "AWS/EC2", "--metric-data", $"[{points}]"], environment: env);
        Assert.True(put.Code == 0, put.ToString());

        var get = Tool.Run("aws", ["cloudwatch", "get-metric-data", "--metric-data-queries", $"file://{queries}",
            "--start-time", start.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm:ssZ"), "--end-time", start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            "--scan-by", "TimestampAscending", "--output", "json"], environment: env);
        Assert.True(get.Code == 0, get.ToString());

        var export = JsonExport.Parse("cloudwatch.json", get.Output);
        Assert.Equal(ExportKind.CloudWatchMetricData, ExportRecogniser.Recognise(export));
        var series = CloudWatchMetricData.Parse(export).ToDictionary(s => s.Id);
        Assert.Equal(["app0_cpu", "app0_samples", "db0_connections", "db0_cpu", "lb_errors", "lb_requests"], series.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([40m, 41m, 42m], series["app0_cpu"].Points.Select(p => p.Value));
        Assert.Equal([start, start.AddMinutes(5), start.AddMinutes(10)], series["app0_cpu"].Points.Select(p => p.Time));
        Assert.Empty(series["db0_cpu"].Points);
    }
}
