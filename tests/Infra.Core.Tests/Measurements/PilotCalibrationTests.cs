using System.Text.Json.Nodes;
using Infra.Core.Measurements;

namespace Infra.Core.Tests.Measurements;

/// <summary>
/// The sample exports end to end, and every refusal: too short a window, too short a steady state, too little load, metrics
/// of another stack, unknown instance types, gaps, partial and non-Complete exports. Each is a message naming the file
/// (and JSON path) and no calibration.
/// </summary>
public class PilotCalibrationTests
{
    private const string Week1 = "pilot-cloudwatch-week1.json";
    private const string Week2 = "pilot-cloudwatch-week2.json";
    private const string Outputs = "pilot-outputs.json";
    private const string Sockets = "pilot-websockets.json";
    private const string Status = "pilot-loadtest-status.json";
    private const string Report = "pilot-loadtest-report.json";

    [Fact]
    public void The_sample_exports_calibrate_the_app_from_the_load_test_and_the_database_from_monitoring()
    {
        using var s = new SampleExports();
        var c = s.Calibrate();

        Assert.Equal(8, c.Exports.Files.Count);
        Assert.Equal("pilot", c.Exports.Outputs.Stack);
        var m = c.Monitoring!;
        Assert.Equal(15m, m.Days);
        Assert.Equal(126, m.PeakUsers);
        Assert.Equal(520, m.RegisteredUsers);
        Assert.Equal(0.243m, c.ConcurrencyRatio);                 // 126 / 520 = 0.2423 -> rounded up
        Assert.Equal(1.3m, m.App!.Factor);                        // monitoring agrees with the load test
        Assert.Equal(1.14m, m.Database!.Factor);
        Assert.Equal(1.3m, c.LoadTest!.Factor);                   // 2 vCPU / curve(154) = 2 / 1.54
        Assert.Equal("load test", c.AppBasis);
        Assert.Empty(c.Refusals);
        var cal = c.Calibration!;
        Assert.Equal((1.3m, 1.14m), (cal.App, cal.Database));
        Assert.Equal("2027-01-10..2027-01-25", cal.Window);      // the monitoring window and the load test the day after
        Assert.Equal(new DateOnly(2027, 1, 25), cal.MeasuredOn);
        Assert.Equal("pilot-measurements", cal.Source);
        // 15 days x 288 five-minute periods, every one accounted for.
        Assert.Equal(15 * 288, c.Signals!.Samples.Count);
        Assert.All(c.Signals.Samples, x => Assert.Equal(2m, x.AppVcpu));
    }

    [Fact]
    public void Without_the_load_test_the_app_is_calibrated_from_monitoring()
    {
        using var s = new SampleExports(Status, Report);
        var c = s.Calibrate();
        Assert.Null(c.LoadTest);
        Assert.Equal("monitoring", c.AppBasis);
        Assert.Equal(1.3m, c.Calibration!.App);
        Assert.Equal("2027-01-10..2027-01-24", c.Calibration.Window);
    }

    [Fact]
    public void A_window_under_seven_days_without_a_load_test_calibrates_nothing()
    {
        using var s = new SampleExports(Status, Report, Week2);
        // Week 1 alone is 7 days (2027-01-10..16); cut its last day.
        s.Edit(Week1, (doc, _) =>
        {
            foreach (var r in doc["MetricDataResults"]!.AsArray().OfType<JsonObject>())
                Trim(r, "2027-01-16");
        });
        var e = Assert.Throws<CalibrationRefusedException>(() => s.Calibrate());
        Assert.Contains(e.Refusals, r => r.Contains("6 days") && r.Contains("at least 7 days"));
    }

    [Fact]
    public void A_load_test_steady_state_under_30_minutes_is_refused_and_monitoring_calibrates_the_app()
    {
        using var s = new SampleExports();
        s.Write(Report, s.Text(Report).Replace("\"StartTime\": \"2027-01-25T19:55:00Z\"", "\"StartTime\": \"2027-01-25T20:15:00Z\""));
        var c = s.Calibrate();
        Assert.Null(c.LoadTest!.Factor);
        Assert.Contains(c.Refusals, r => r.Contains("steady state is 25 minutes") && r.Contains("at least 30"));
        Assert.Equal("monitoring", c.AppBasis);
    }

    [Fact]
    public void A_load_test_that_did_not_converge_is_refused()
    {
        using var s = new SampleExports();
        s.Write(Status, s.Text(Status).Replace("\"SupportedUsers\": 154", "\"SupportedUsers\": 0"));
        var c = s.Calibrate();
        Assert.Contains(c.Refusals, r => r.Contains("0 supported users"));
        Assert.Equal("monitoring", c.AppBasis);
    }

    [Fact]
    public void Under_15_percent_cpu_at_the_peak_says_to_run_the_load_test()
    {
        using var s = new SampleExports(Status, Report);
        s.EditSeries("app0_cpu", r => Scale(r, 0.2m));
        s.EditSeries("db0_cpu", r => Scale(r, 0.2m));
        var e = Assert.Throws<CalibrationRefusedException>(() => CalibrateWithoutAnalytics(s));
        Assert.Contains(e.Refusals, r => r.StartsWith("app: 13.5 % CPU at the peak", StringComparison.Ordinal) && r.Contains("run the load test"));
        Assert.Contains(e.Refusals, r => r.StartsWith("database:", StringComparison.Ordinal) && r.Contains("under 15 %"));
    }

    private static PilotCalibration CalibrateWithoutAnalytics(SampleExports s)
    {
        s.Delete("pilot-analytics.json");
        return s.Calibrate();
    }

    [Fact]
    public void Metrics_labelled_with_another_stacks_resources_are_refused()
    {
        using var s = new SampleExports();
        s.EditSeries("app0_cpu", r => r["Label"] = "AutoScalingGroupName=appAutoScalingGroup-0000000");
        s.EditSeries("app0_samples", r => r["Label"] = "AutoScalingGroupName=appAutoScalingGroup-0000000");
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("pilot-measurements/pilot-cloudwatch-week1.json", e.File);
        Assert.Equal("$..[Id=app0_cpu].Label", e.JsonPath);
        Assert.Contains("metrics of another stack", e.Message);
    }

    [Fact]
    public void A_query_that_is_not_one_of_the_stacks_is_refused()
    {
        using var s = new SampleExports();
        s.Edit(Week1, (doc, _) =>
        {
            foreach (var r in doc["MetricDataResults"]!.AsArray().OfType<JsonObject>().Where(r => (string?)r["Id"] == "db0_cpu"))
                r["Id"] = "db1_cpu";
        });
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Contains("is not a query of project queries for stack 'pilot'", e.Message);
    }

    [Fact]
    public void Outputs_of_another_deployment_are_refused()
    {
        using var s = new SampleExports();
        s.Write(Outputs, s.Text(Outputs).Replace("https://chat-pilot.example.com", "https://chat-pilot.other.example"));
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("$.siteUrl", e.JsonPath);
        Assert.Contains("outputs of another deployment", e.Message);
    }

    [Fact]
    public void Outputs_naming_a_stack_the_project_does_not_have_are_refused()
    {
        using var s = new SampleExports();
        s.Write(Outputs, s.Text(Outputs).Replace("\"stack\": \"pilot\"", "\"stack\": \"qa\""));
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("$.capacitySignals.stack", e.JsonPath);
    }

    [Theory]
    [InlineData("\"appInstanceType\": \"c7i.large\"", "\"appInstanceType\": \"c9z.huge\"", "$.capacitySignals.appInstanceType")]
    [InlineData("\"databaseInstanceClass\": \"db.r7g.large\"", "\"databaseInstanceClass\": \"db.x9.large\"", "$.capacitySignals.databaseInstanceClass")]
    public void Unknown_instance_types_are_refused(string from, string to, string path)
    {
        using var s = new SampleExports();
        s.Write(Outputs, s.Text(Outputs).Replace(from, to));
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal(path, e.JsonPath);
        Assert.Contains("is not an instance type this tool knows", e.Message);
    }

    [Fact]
    public void A_gap_in_a_cloudwatch_series_is_refused()
    {
        using var s = new SampleExports();
        s.EditSeries("db0_cpu", r =>
        {
            var times = r["Timestamps"]!.AsArray();
            var i = Enumerable.Range(0, times.Count).FirstOrDefault(k => (string?)times[k] == "2027-01-12T10:00:00+00:00", -1);
            if (i < 0) return;
            times.RemoveAt(i);
            r["Values"]!.AsArray().RemoveAt(i);
        });
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("$..[Id=db0_cpu].Timestamps", e.JsonPath);
        Assert.Contains("a gap from 2027-01-12 09:55 to 2027-01-12 10:05 UTC", e.Message);
    }

    [Fact]
    public void A_gap_in_the_websocket_counts_is_refused()
    {
        using var s = new SampleExports();
        s.Edit(Sockets, (doc, _) => doc["data"]!["result"]![0]!["values"]!.AsArray().RemoveAt(1000));
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("pilot-measurements/pilot-websockets.json", e.File);
        Assert.Contains("no sample from 2027-01-13 11:20 to 11:25 UTC", e.Message);
    }

    [Fact]
    public void A_series_covering_less_than_the_others_is_partial()
    {
        using var s = new SampleExports();
        s.Edit(Week2, (doc, i) =>
        {
            if (i == 1) doc["MetricDataResults"] = new JsonArray([.. doc["MetricDataResults"]!.AsArray().OfType<JsonObject>()
                .Where(r => (string?)r["Id"] != "db0_connections").Select(r => r.DeepClone())]);
        });
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        // Its week-2 first page is PartialData and no later page follows.
        Assert.Equal("pilot-measurements/pilot-cloudwatch-week2.json", e.File);
        Assert.Contains("partial", e.Message);
    }

    [Fact]
    public void A_non_complete_status_code_anywhere_is_refused()
    {
        using var s = new SampleExports();
        s.Edit(Week1, (doc, _) => doc["MetricDataResults"]![3]!["StatusCode"] = "InternalError");
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("$.MetricDataResults[3].StatusCode", e.JsonPath);
    }

    [Fact]
    public void A_page_missing_from_the_middle_of_an_appended_export_is_partial()
    {
        using var s = new SampleExports();
        // Keep only the first page of week 2: it ends with its NextToken.
        var text = s.Text(Week2);
        s.Write(Week2, text[..(text.IndexOf("\n{", StringComparison.Ordinal) + 1)]);
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("$.NextToken", e.JsonPath);
    }

    [Fact]
    public void Node_samples_from_another_period_do_not_count_as_nodes()
    {
        using var s = new SampleExports();
        s.EditSeries("app0_samples", r => Scale(r, 5m)); // as if the period were 25 minutes
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Contains("count 5 app nodes in service (median), but stack 'pilot' runs 1", e.Message);
    }

    [Fact]
    public void A_load_test_report_of_another_run_is_refused()
    {
        using var s = new SampleExports();
        s.Write(Report, s.Text(Report).Replace("2027-01-25T19:55:00Z", "2027-01-24T19:55:00Z"));
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("pilot-measurements/pilot-loadtest-report.json", e.File);
        Assert.Contains("different runs", e.Message);
    }

    [Fact]
    public void Prometheus_without_cloudwatch_or_a_status_without_its_report_is_incomplete()
    {
        using (var s = new SampleExports(Week1, Week2))
            Assert.Contains("no CloudWatch metric data", Assert.Throws<MeasurementException>(() => s.Calibrate()).Message);
        using (var s = new SampleExports(Report))
            Assert.Contains("needs both the coordinator's status", Assert.Throws<MeasurementException>(() => s.Calibrate()).Message);
        using (var s = new SampleExports(Outputs))
            Assert.Contains("has no stack outputs", Assert.Throws<MeasurementException>(() => s.Calibrate()).Message);
    }

    [Fact]
    public void Documentation_beside_the_exports_is_skipped_and_anything_else_refused()
    {
        using var s = new SampleExports();
        s.Write("README.md", "# notes");
        Assert.Contains(s.Calibrate().Exports.Skipped, f => f.EndsWith("README.md", StringComparison.Ordinal));
        s.Write("notes.txt", "measured by hand");
        var e = Assert.Throws<MeasurementException>(() => s.Calibrate());
        Assert.Equal("pilot-measurements/notes.txt", e.File);
    }

    private static void Scale(JsonObject result, decimal factor)
    {
        var values = result["Values"]!.AsArray();
        for (var i = 0; i < values.Count; i++) values[i] = Math.Round(values[i]!.GetValue<decimal>() * factor, 4);
    }

    /// <summary>Drops every point from the given day on.</summary>
    private static void Trim(JsonObject result, string fromDay)
    {
        var times = result["Timestamps"]!.AsArray();
        var values = result["Values"]!.AsArray();
        for (var i = times.Count - 1; i >= 0; i--)
            if (string.CompareOrdinal((string)times[i]!, fromDay) >= 0)
            {
                times.RemoveAt(i);
                values.RemoveAt(i);
            }
    }
}
