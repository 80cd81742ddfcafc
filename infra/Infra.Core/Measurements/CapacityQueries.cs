using System.Globalization;
using System.Text.Json.Nodes;

namespace Infra.Core.Measurements;

/// <summary>
/// The <c>--metric-data-queries</c> of <c>aws cloudwatch get-metric-data</c> for one stack's capacity signals, built from the
/// stack's <c>capacitySignals</c> output so that the export always names its resources: per app auto scaling group its
/// average CPU and its sample count (each node reports once a minute with detailed monitoring, which the launch templates
/// turn on: samples x 60 / period = nodes in service), per Aurora instance its CPU and connections, and on the VM tier the
/// load balancer's requests and target 5xx (filled with 0 where the load balancer reported nothing). Each label carries
/// the dimension CloudWatch matched (a dynamic label, <c>${PROP('Dim.NAME')}</c>), which <c>project</c> checks against the outputs.
/// </summary>
public static class CapacityQueries
{
    /// <summary>5-minute data is kept 63 days by CloudWatch; 1-minute data only 15.</summary>
    public const int PeriodSeconds = 300;

    public const int RetentionDays = 63;

    public static string AppCpu(int i) => $"app{i}_cpu";

    public static string AppSamples(int i) => $"app{i}_samples";

    public static string DbCpu(int i) => $"db{i}_cpu";

    public static string DbConnections(int i) => $"db{i}_connections";

    public const string LbRequests = "lb_requests";

    public const string LbErrors = "lb_errors";

    public const string AsgDimension = "AutoScalingGroupName";

    public const string DbDimension = "DBInstanceIdentifier";

    public const string LbDimension = "LoadBalancer";

    public static JsonArray Build(StackOutputs o)
    {
        var queries = new JsonArray();
        for (var i = 0; i < o.AppAutoScalingGroups.Count; i++)
        {
            queries.Add(Stat(AppCpu(i), "AWS/EC2", "CPUUtilization", AsgDimension, o.AppAutoScalingGroups[i], "Average"));
            queries.Add(Stat(AppSamples(i), "AWS/EC2", "CPUUtilization", AsgDimension, o.AppAutoScalingGroups[i], "SampleCount"));
        }
        for (var i = 0; i < o.DatabaseInstances.Count; i++)
        {
            queries.Add(Stat(DbCpu(i), "AWS/RDS", "CPUUtilization", DbDimension, o.DatabaseInstances[i], "Average"));
            queries.Add(Stat(DbConnections(i), "AWS/RDS", "DatabaseConnections", DbDimension, o.DatabaseInstances[i], "Maximum"));
        }
        if (o.AppTier == "vm" && o.LoadBalancer is { } lb)
        {
            queries.Add(Stat(LbRequests + "_raw", "AWS/ApplicationELB", "RequestCount", LbDimension, lb, "Sum", returned: false));
            queries.Add(Stat(LbErrors + "_raw", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", LbDimension, lb, "Sum", returned: false));
            // A load balancer reports nothing in a period without requests: FILL makes that a 0 rather than a gap.
            queries.Add(new JsonObject { ["Id"] = LbRequests, ["Expression"] = $"FILL({LbRequests}_raw, 0)", ["Label"] = $"{LbDimension}={lb}", ["ReturnData"] = true });
            queries.Add(new JsonObject { ["Id"] = LbErrors, ["Expression"] = $"FILL({LbErrors}_raw, 0)", ["Label"] = $"{LbDimension}={lb}", ["ReturnData"] = true });
        }
        return queries;
    }

    private static JsonObject Stat(string id, string ns, string metric, string dimension, string value, string stat, bool returned = true) => new()
    {
        ["Id"] = id,
        ["MetricStat"] = new JsonObject
        {
            ["Metric"] = new JsonObject
            {
                ["Namespace"] = ns,
                ["MetricName"] = metric,
                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = dimension, ["Value"] = value }),
            },
            ["Period"] = PeriodSeconds,
            ["Stat"] = stat,
        },
        ["Label"] = $"{dimension}=${{PROP('Dim.{dimension}')}}",
        ["ReturnData"] = returned,
    };

    /// <summary>The dimension value a returned label names ("AutoScalingGroupName=appAutoScalingGroup-1a2b3c4"), if it has that form.</summary>
    public static string? LabelValue(string label, string dimension) =>
        label.StartsWith(dimension + "=", StringComparison.Ordinal) ? label[(dimension.Length + 1)..] : null;

    /// <summary>The commands that export a stack's signals into a folder, in order.</summary>
    public static IReadOnlyList<string> Commands(StackOutputs o, string queriesFile, string folder, DateOnly first, DateOnly last, string prometheusUrl, string siteUrl)
    {
        var start = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        var end = last.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        var startUnix = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var endUnix = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        string Prom(string metric) =>
            $"curl -fsS \"{prometheusUrl}/api/v1/query_range\" --data-urlencode 'query={metric}' --data-urlencode 'start={startUnix}' " +
            $"--data-urlencode 'end={endUnix}' --data-urlencode 'step={PeriodSeconds}' > {folder}/{o.Stack}-{metric}.json";
        return
        [
            $"mkdir -p {folder}",
            $"pulumi stack output --stack {o.Stack} --json > {folder}/{o.Stack}-outputs.json",
            $"aws cloudwatch get-metric-data --region {o.Region} --metric-data-queries file://{queriesFile} --start-time {start} --end-time {end} " +
            $"--scan-by TimestampAscending --output json > {folder}/{o.Stack}-cloudwatch.json",
            Prom(PrometheusRangeQuery.WebSockets),
            Prom(PrometheusRangeQuery.ProcessCpu),
            $"curl -fsS -H \"Authorization: Bearer $MM_ADMIN_TOKEN\" '{siteUrl}/api/v4/analytics/old?name=standard' > {folder}/{o.Stack}-analytics.json",
        ];
    }
}
