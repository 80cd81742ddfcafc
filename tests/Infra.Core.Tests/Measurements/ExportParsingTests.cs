using Infra.Core.Measurements;

namespace Infra.Core.Tests.Measurements;

/// <summary>Each export format read strictly: malformed, partial and paginated inputs, every error naming the file and the JSON path.</summary>
public class ExportParsingTests
{
    private static JsonExport X(string text, string file = "cw.json") => JsonExport.Parse(file, text);

    private static string Result(string id, string times, string values, string status = "Complete", string label = "AutoScalingGroupName=asg-1") =>
        $$"""{"Id": "{{id}}", "Label": "{{label}}", "Timestamps": [{{times}}], "Values": [{{values}}], "StatusCode": "{{status}}"}""";

    private static string Page(string next = "", params string[] results) =>
        $$"""{"MetricDataResults": [{{string.Join(", ", results)}}], "Messages": []{{(next.Length > 0 ? $", \"NextToken\": \"{next}\"" : "")}}}""";

    private const string T1 = "\"2027-01-10T00:00:00+00:00\"";
    private const string T2 = "\"2027-01-10T00:05:00+00:00\"";
    private const string T3 = "\"2027-01-10T00:10:00Z\"";

    private static MeasurementException Fails(Action parse) => Assert.Throws<MeasurementException>(parse);

    // ---- CloudWatch -----------------------------------------------------------------------------

    [Fact]
    public void A_cloudwatch_export_is_read_with_iso_or_epoch_timestamps()
    {
        var series = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", $"{T1}, 1799539500", "10.5, 20")))).Single();
        Assert.Equal("app0_cpu", series.Id);
        Assert.Equal("AutoScalingGroupName=asg-1", series.Label);
        Assert.Equal([new(new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero), 10.5m), new(new DateTimeOffset(2027, 1, 10, 0, 5, 0, TimeSpan.Zero), 20m)],
            series.Points.ToArray());
    }

    [Fact]
    public void Pages_the_aws_cli_concatenated_in_one_document_merge_by_id()
    {
        // The CLI's own pagination: the pages' MetricDataResults one after the other, PartialData until the last.
        var doc = Page("", Result("app0_cpu", T1, "1", "PartialData"), Result("db0_cpu", T1, "5", "PartialData"),
            Result("app0_cpu", $"{T2}, {T3}", "2, 3"), Result("db0_cpu", $"{T2}, {T3}", "6, 7"));
        var series = CloudWatchMetricData.Parse(X(doc));
        Assert.Equal(["app0_cpu", "db0_cpu"], series.Select(s => s.Id));
        Assert.Equal([1m, 2m, 3m], series[0].Points.Select(p => p.Value));
        Assert.Equal([5m, 6m, 7m], series[1].Points.Select(p => p.Value));
    }

    [Fact]
    public void Pages_appended_as_documents_merge_by_id()
    {
        var text = Page("TOKEN", Result("app0_cpu", T1, "1", "PartialData")) + "\n" + Page("", Result("app0_cpu", $"{T2}, {T3}", "2, 3"));
        Assert.Equal([1m, 2m, 3m], CloudWatchMetricData.Parse(X(text)).Single().Points.Select(p => p.Value));
    }

    [Fact]
    public void Files_merge_by_id_and_a_repeated_point_is_one_point()
    {
        var a = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", $"{T1}, {T2}", "1, 2")), "a.json"));
        var b = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", $"{T2}, {T3}", "2, 3")), "b.json"));
        var merged = CloudWatchMetricData.Merge([.. a, .. b]).Single();
        Assert.Equal([1m, 2m, 3m], merged.Points.Select(p => p.Value));
        Assert.Equal(["a.json", "b.json"], merged.Files);
    }

    [Fact]
    public void Two_files_that_disagree_on_a_point_are_mismatched()
    {
        var a = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", $"{T1}, {T2}", "1, 2")), "a.json"));
        var b = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", $"{T2}, {T3}", "2.5, 3")), "b.json"));
        var e = Fails(() => CloudWatchMetricData.Merge([.. a, .. b]));
        Assert.Contains("a.json and b.json", e.File);
        Assert.Contains("2 and 2.5 at 2027-01-10T00:05:00Z", e.Message);
    }

    [Fact]
    public void Two_files_labelling_one_id_differently_are_exports_of_different_resources()
    {
        var a = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", T1, "1")), "a.json"));
        var b = CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", T2, "2", label: "AutoScalingGroupName=other")), "b.json"));
        var e = Fails(() => CloudWatchMetricData.Merge([.. a, .. b]));
        Assert.Equal("b.json", e.File);
        Assert.Contains("different resources", e.Message);
    }

    [Fact]
    public void A_file_that_ends_at_a_page_with_a_next_token_is_partial()
    {
        var e = Fails(() => CloudWatchMetricData.Parse(X(Page("TOKEN", Result("app0_cpu", T1, "1", "PartialData")))));
        Assert.Equal("cw.json", e.File);
        Assert.Equal("$.NextToken", e.JsonPath);
        Assert.Contains("pages are missing", e.Message);
    }

    [Fact]
    public void A_series_whose_last_page_is_partial_data_is_partial()
    {
        var e = Fails(() => CloudWatchMetricData.Parse(X(Page("", Result("app0_cpu", T1, "1"), Result("db0_cpu", T1, "1", "PartialData")))));
        Assert.Equal("$.MetricDataResults[1].StatusCode", e.JsonPath);
        Assert.Contains("partial", e.Message);
    }

    [Theory]
    [InlineData("InternalError", "could not compute")]
    [InlineData("Forbidden", "may not read this metric")]
    [InlineData("Done", "not a status of GetMetricData")]
    public void A_status_code_that_is_not_complete_is_refused(string status, string expected)
    {
        var text = Page("", Result("app0_cpu", T1, "1"), Result("db0_cpu", T1, "1", status));
        var e = Fails(() => CloudWatchMetricData.Parse(X(text + "\n" + Page("", Result("app0_cpu", T2, "2")))));
        Assert.Equal("document 1: $.MetricDataResults[1].StatusCode", e.JsonPath);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Messages_from_cloudwatch_refuse_the_page()
    {
        var text = """{"MetricDataResults": [], "Messages": [{"Code": "MaxQueryTimeRangeExceed", "Value": "too long"}]}""";
        var e = Fails(() => CloudWatchMetricData.Parse(X(text)));
        Assert.Equal("$.Messages[0]", e.JsonPath);
        Assert.Contains("MaxQueryTimeRangeExceed: too long", e.Message);
    }

    [Theory]
    [InlineData("{\"Id\": \"app0_cpu\", \"Label\": \"l\", \"Timestamps\": [" + T1 + ", " + T2 + "], \"Values\": [1], \"StatusCode\": \"Complete\"}", "$.MetricDataResults[0]", "2 timestamps but 1 values")]
    [InlineData("{\"Id\": \"App-0\", \"Label\": \"l\", \"Timestamps\": [], \"Values\": [], \"StatusCode\": \"Complete\"}", "$.MetricDataResults[0].Id", "not a CloudWatch query id")]
    [InlineData("{\"Id\": \"app0_cpu\", \"Label\": \"l\", \"Timestamps\": [" + T1 + "], \"Values\": [\"1\"], \"StatusCode\": \"Complete\"}", "$.MetricDataResults[0].Values[0]", "expected a number")]
    [InlineData("{\"Id\": \"app0_cpu\", \"Label\": \"l\", \"Timestamps\": [\"yesterday\"], \"Values\": [1], \"StatusCode\": \"Complete\"}", "$.MetricDataResults[0].Timestamps[0]", "not an ISO 8601 time")]
    [InlineData("{\"Id\": \"app0_cpu\", \"Timestamps\": [], \"Values\": [], \"StatusCode\": \"Complete\"}", "$.MetricDataResults[0]", "has no \"Label\"")]
    public void A_malformed_result_names_its_path(string result, string path, string expected)
    {
        var e = Fails(() => CloudWatchMetricData.Parse(X(Page("", result))));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_truncated_file_is_not_json_and_says_where()
    {
        var text = Page("", Result("app0_cpu", $"{T1}, {T2}", "1, 2"));
        var e = Fails(() => X(text[..(text.Length / 2)]));
        Assert.Equal("cw.json", e.File);
        Assert.Contains("not valid JSON at line 1", e.Message);
        var second = Fails(() => X(text + "\n" + text[..20]));
        Assert.Equal("document 2", second.JsonPath);
    }

    // ---- Prometheus -----------------------------------------------------------------------------

    private static string Prom(string values, string metric = "\"__name__\": \"mattermost_http_websockets_total\", \"instance\": \"10.0.0.1:8067\"", string type = "matrix") =>
        $$$"""{"status": "success", "data": {"resultType": "{{{type}}}", "result": [{"metric": { {{{metric}}} }, "values": [{{{values}}}]}]}}""";

    [Fact]
    public void A_prometheus_range_is_read_per_series()
    {
        var s = PrometheusRangeQuery.Parse(X(Prom("[1799539200, \"10\"], [1799539500.5, \"12.5\"]"), "p.json")).Single();
        Assert.Equal("mattermost_http_websockets_total", s.Name);
        Assert.Equal("10.0.0.1:8067", s.Instance);
        Assert.Equal([10m, 12.5m], s.Points.Select(p => p.Value));
        Assert.Equal(new DateTimeOffset(2027, 1, 10, 0, 5, 0, 500, TimeSpan.Zero), s.Points[1].Time);
    }

    [Theory]
    [InlineData("{\"status\": \"error\", \"errorType\": \"bad_data\", \"error\": \"parse error\"}", "$.status", "bad_data: parse error")]
    [InlineData("{\"status\": \"success\", \"warnings\": [\"partial response\"], \"data\": {\"resultType\": \"matrix\", \"result\": []}}", "$.warnings[0]", "may be partial")]
    public void A_prometheus_error_or_warning_is_refused(string text, string path, string expected)
    {
        var e = Fails(() => PrometheusRangeQuery.Parse(X(text, "p.json")));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_instant_query_an_aggregation_a_nan_and_unordered_times_are_refused()
    {
        Assert.Equal("$.data.resultType", Fails(() => PrometheusRangeQuery.Parse(X(Prom("", type: "vector")))).JsonPath);
        var noName = Fails(() => PrometheusRangeQuery.Parse(X(Prom("[1, \"1\"]", metric: ""))));
        Assert.Equal("$.data.result[0].metric", noName.JsonPath);
        Assert.Contains("has no __name__", noName.Message);
        var nan = Fails(() => PrometheusRangeQuery.Parse(X(Prom("[1, \"1\"], [2, \"NaN\"]"))));
        Assert.Equal("$.data.result[0].values[1][1]", nan.JsonPath);
        Assert.Contains("hole", nan.Message);
        Assert.Equal("$.data.result[0].values[1][0]", Fails(() => PrometheusRangeQuery.Parse(X(Prom("[2, \"1\"], [1, \"1\"]")))).JsonPath);
        Assert.Equal("$.data.result[0].values[0]", Fails(() => PrometheusRangeQuery.Parse(X(Prom("[1, 1]")))).JsonPath);
    }

    // ---- Mattermost analytics, load test, stack outputs -----------------------------------------

    private const string Analytics = """
        [{"name": "unique_user_count", "value": 520}, {"name": "daily_active_users", "value": 311}, {"name": "monthly_active_users", "value": 497},
         {"name": "total_websocket_connections", "value": 14}, {"name": "inactive_user_count", "value": 6}]
        """;

    [Fact]
    public void Analytics_give_the_registered_users()
    {
        var a = MattermostAnalytics.Parse(X(Analytics, "a.json"));
        Assert.Equal((520, 311, 497, 14), (a.RegisteredUsers, a.DailyActiveUsers, a.MonthlyActiveUsers, a.WebSocketConnections));
    }

    [Fact]
    public void A_teams_analytics_or_a_missing_row_is_refused()
    {
        var team = Fails(() => MattermostAnalytics.Parse(X(Analytics.Replace("\"value\": 6", "\"value\": -1"), "a.json")));
        Assert.Equal("$[4].value", team.JsonPath);
        Assert.Contains("one team's analytics", team.Message);
        var missing = Fails(() => MattermostAnalytics.Parse(X("""[{"name": "post_count", "value": 1}]""", "a.json")));
        Assert.Contains("no 'unique_user_count' row", missing.Message);
    }

    private const string Status = """
        {"id": "lt-coordinator-0", "status": {"State": "done", "StartTime": "2027-01-25T18:00:04Z", "StopTime": "2027-01-25T20:41:37Z",
         "ActiveUsers": 154, "NumErrors": 212, "SupportedUsers": 154, "ActiveBrowserUsers": 0, "NumBrowserErrors": 0}}
        """;

    [Fact]
    public void The_coordinator_status_gives_the_supported_users()
    {
        var s = LoadTestStatus.Parse(X(Status, "s.json"));
        Assert.Equal(("done", 154, "lt-coordinator-0"), (s.State, s.SupportedUsers, s.Id));
        Assert.Equal(new DateTimeOffset(2027, 1, 25, 20, 41, 37, TimeSpan.Zero), s.Stop);
        var running = LoadTestStatus.Parse(X(Status.Replace("\"done\"", "\"running\"").Replace("2027-01-25T20:41:37Z", "0001-01-01T00:00:00Z"), "s.json"));
        Assert.Null(running.Stop);
    }

    [Fact]
    public void A_status_error_or_an_unknown_state_is_refused()
    {
        Assert.Equal("$.error", Fails(() => LoadTestStatus.Parse(X("""{"status": {}, "error": "coordinator not found"}"""))).JsonPath);
        Assert.Equal("$.status.State", Fails(() => LoadTestStatus.Parse(X(Status.Replace("\"done\"", "\"Done\"")))).JsonPath);
        Assert.Equal("$.status.SupportedUsers", Fails(() => LoadTestStatus.Parse(X(Status.Replace("\"SupportedUsers\": 154", "\"SupportedUsers\": 154.5")))).JsonPath);
    }

    [Fact]
    public void A_report_is_read_and_its_window_must_run_forward()
    {
        var text = File.ReadAllText(Path.Combine(SampleExports.Source, "pilot-loadtest-report.json"));
        var r = LoadTestReport.Parse(X(text, "r.json"));
        Assert.Equal(TimeSpan.FromMinutes(45), r.End - r.Start);
        Assert.Equal(46, r.Graphs[LoadTestReport.CpuGraph].Count);
        var backwards = Fails(() => LoadTestReport.Parse(X(text.Replace("\"EndTime\": \"2027-01-25T20:40:00Z\"", "\"EndTime\": \"2027-01-25T19:00:00Z\""), "r.json")));
        Assert.Equal("$.EndTime", backwards.JsonPath);
        var badValue = Fails(() => LoadTestReport.Parse(X(text.Replace("\"createPost\": \"0.0718\"", "\"createPost\": 0.0718"), "r.json")));
        Assert.Equal("$.AvgAPITimes.createPost", badValue.JsonPath);
    }

    [Fact]
    public void Outputs_without_capacity_signals_are_from_before_this_version()
    {
        var e = Fails(() => StackOutputs.Parse(X("""{"siteUrl": "https://chat-pilot.example.com", "databaseEndpoint": "x"}""", "o.json")));
        Assert.Contains("run pulumi up", e.Message);
    }

    [Fact]
    public void Every_export_is_recognised_by_its_content_and_anything_else_is_refused()
    {
        Assert.Equal(ExportKind.CloudWatchMetricData, ExportRecogniser.Recognise(X(Page("", Result("a", T1, "1")))));
        Assert.Equal(ExportKind.PrometheusRangeQuery, ExportRecogniser.Recognise(X(Prom("[1, \"1\"]"))));
        Assert.Equal(ExportKind.MattermostAnalytics, ExportRecogniser.Recognise(X(Analytics)));
        Assert.Equal(ExportKind.LoadTestStatus, ExportRecogniser.Recognise(X(Status)));
        Assert.Equal(ExportKind.LoadTestReport, ExportRecogniser.Recognise(X(File.ReadAllText(Path.Combine(SampleExports.Source, "pilot-loadtest-report.json")))));
        Assert.Equal(ExportKind.StackOutputs, ExportRecogniser.Recognise(X(File.ReadAllText(Path.Combine(SampleExports.Source, "pilot-outputs.json")))));
        var unknown = Fails(() => ExportRecogniser.Recognise(X("""{"hello": "world"}""", "notes.json")));
        Assert.Equal("notes.json", unknown.File);
        Assert.Contains("is not an export this command reads", unknown.Message);
        var mixed = Fails(() => ExportRecogniser.Recognise(X(Page("", Result("a", T1, "1")) + "\n" + Status)));
        Assert.Equal("document 2: $", mixed.JsonPath);
    }
}
