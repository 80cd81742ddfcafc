using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>The exports <c>project --from</c> reads, each recognised by its content, never by its file name.</summary>
public enum ExportKind { StackOutputs, CloudWatchMetricData, PrometheusRangeQuery, MattermostAnalytics, LoadTestStatus, LoadTestReport }

public static class ExportRecogniser
{
    public static string Describe(ExportKind kind) => kind switch
    {
        ExportKind.StackOutputs => "stack outputs (pulumi stack output --json)",
        ExportKind.CloudWatchMetricData => "CloudWatch metric data (aws cloudwatch get-metric-data)",
        ExportKind.PrometheusRangeQuery => "Prometheus range query (/api/v1/query_range)",
        ExportKind.MattermostAnalytics => "Mattermost analytics (/api/v4/analytics/old?name=standard)",
        ExportKind.LoadTestStatus => "load-test coordinator status (/coordinator/<id>/status)",
        ExportKind.LoadTestReport => "load-test report (ltctl report generate)",
        _ => kind.ToString(),
    };

    private static ExportKind? Kind(JsonElement doc) =>
        CloudWatchMetricData.Recognises(doc) ? ExportKind.CloudWatchMetricData
        : PrometheusRangeQuery.Recognises(doc) ? ExportKind.PrometheusRangeQuery
        : MattermostAnalytics.Recognises(doc) ? ExportKind.MattermostAnalytics
        : LoadTestStatus.Recognises(doc) ? ExportKind.LoadTestStatus
        : LoadTestReport.Recognises(doc) ? ExportKind.LoadTestReport
        : StackOutputs.Recognises(doc) ? ExportKind.StackOutputs
        : null;

    /// <summary>The kind of every document of the file, which must be one.</summary>
    public static ExportKind Recognise(JsonExport x)
    {
        var first = Kind(x.Documents[0]) ?? throw x.Wrong(x.Root(0),
            $"is not an export this command reads ({string.Join("; ", Enum.GetValues<ExportKind>().Select(Describe))}); " +
            "move other files out of the folder");
        for (var d = 1; d < x.Documents.Count; d++)
            if (Kind(x.Documents[d]) != first)
                throw x.Wrong(x.Root(d), $"is not a {Describe(first)} like the file's first document: keep one kind of export per file");
        return first;
    }
}
