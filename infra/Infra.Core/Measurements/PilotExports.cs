namespace Infra.Core.Measurements;

/// <summary>
/// Every export of a folder, recognised by content and merged: the stack's outputs (required), CloudWatch series merged
/// by Id, Prometheus series merged by name and labels, and at most one analytics answer, load-test status and report.
/// Documentation beside the exports (<c>*.md</c>, <c>README*</c>) and hidden files are skipped and listed.
/// </summary>
public sealed record PilotExports(
    string Folder,
    StackOutputs Outputs,
    IReadOnlyList<MetricSeries> CloudWatch,
    IReadOnlyList<PromSeries> Prometheus,
    MattermostAnalytics? Analytics,
    LoadTestStatus? Status,
    LoadTestReport? Report,
    IReadOnlyList<(string File, ExportKind Kind)> Files,
    IReadOnlyList<string> Skipped)
{
    /// <param name="path">The folder on disk.</param>
    /// <param name="folder">The folder as the user named it: messages and the calibration's source use it.</param>
    public static PilotExports Read(string path, string folder)
    {
        if (!Directory.Exists(path)) throw new MeasurementException(folder, "", "no such folder");
        var files = new List<(string, ExportKind)>();
        var skipped = new List<string>();
        var outputs = new List<StackOutputs>();
        var cloudwatch = new List<MetricSeries>();
        var prometheus = new List<PromSeries>();
        var analytics = new List<MattermostAnalytics>();
        var status = new List<LoadTestStatus>();
        var reports = new List<LoadTestReport>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            var shown = Path.Combine(folder, name);
            if (name.StartsWith('.') || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.StartsWith("README", StringComparison.OrdinalIgnoreCase) ||
                Directory.Exists(entry))
            {
                skipped.Add(shown);
                continue;
            }
            var x = JsonExport.Read(entry, shown);
            var kind = ExportRecogniser.Recognise(x);
            files.Add((shown, kind));
            switch (kind)
            {
                case ExportKind.StackOutputs: outputs.Add(StackOutputs.Parse(x)); break;
                case ExportKind.CloudWatchMetricData: cloudwatch.AddRange(CloudWatchMetricData.Parse(x)); break;
                case ExportKind.PrometheusRangeQuery: prometheus.AddRange(PrometheusRangeQuery.Parse(x)); break;
                case ExportKind.MattermostAnalytics: analytics.Add(MattermostAnalytics.Parse(x)); break;
                case ExportKind.LoadTestStatus: status.Add(LoadTestStatus.Parse(x)); break;
                case ExportKind.LoadTestReport: reports.Add(LoadTestReport.Parse(x)); break;
            }
        }
        if (outputs.Count == 0)
            throw new MeasurementException(folder, "", "has no stack outputs: save them beside the exports (pulumi stack output --stack <measured stack> --json > " +
                                                      $"{Path.Combine(folder, "outputs.json")}), so that every metric can be checked to be that stack's");
        One(outputs, o => o.File, "stack outputs", "the metrics are of one stack");
        One(analytics, a => a.File, "analytics answers", "keep the one taken at the end of the window");
        One(status, s => s.File, "load-test statuses", "one load test run at a time");
        One(reports, r => r.File, "load-test reports", "one load test run at a time");
        if (status.Count != reports.Count)
            throw new MeasurementException(status.Count > 0 ? status[0].File : reports[0].File, "",
                "a load test needs both the coordinator's status (SupportedUsers) and ltctl's report (the steady state's window); export the other one too");
        return new PilotExports(folder, outputs[0], CloudWatchMetricData.Merge(cloudwatch), PrometheusRangeQuery.Merge(prometheus),
            analytics.FirstOrDefault(), status.FirstOrDefault(), reports.FirstOrDefault(), files, skipped);
    }

    private static void One<T>(List<T> items, Func<T, string> file, string what, string why)
    {
        if (items.Count > 1)
            throw new MeasurementException(file(items[1]), "", $"is a second of the folder's {what} (the first is {file(items[0])}): {why}");
    }
}
