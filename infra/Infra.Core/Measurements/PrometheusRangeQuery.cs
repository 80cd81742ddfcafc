using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>One Prometheus series: the metric's name, its labels and its samples.</summary>
public sealed record PromSeries(string Name, ImmutableSortedDictionary<string, string> Labels, IReadOnlyList<TimedValue> Points, string File)
{
    /// <summary>name{label="value",...} without __name__, as Prometheus shows a series.</summary>
    public string Key => Name + "{" + string.Join(",", Labels.Where(l => l.Key != "__name__").Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    public string Instance => Labels.GetValueOrDefault("instance") ?? Key;
}

/// <summary>
/// The answer of Prometheus' <c>GET /api/v1/query_range</c>: <c>{"status": "success", "data": {"resultType": "matrix", "result":
/// [{"metric": {...}, "values": [[unix seconds, "value"], ...]}]}}</c> (Prometheus HTTP API). The query must be the metric
/// itself (<c>mattermost_http_websockets_total</c>, <c>mattermost_process_cpu_seconds_total</c>), not an aggregation, so
/// that every series carries its <c>__name__</c> and the node it came from; the sums are made here. An error answer,
/// warnings (a partial answer), an instant query's vector, NaN samples and unordered times are errors.
/// </summary>
public static class PrometheusRangeQuery
{
    /// <summary>Mattermost's active WebSocket connections per app node (docs: performance-monitoring-metrics, HTTP metrics).</summary>
    public const string WebSockets = "mattermost_http_websockets_total";

    /// <summary>The Mattermost process's user and system CPU seconds (a counter; docs: Process metrics).</summary>
    public const string ProcessCpu = "mattermost_process_cpu_seconds_total";

    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object && first.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String &&
        (first.TryGetProperty("data", out _) || first.TryGetProperty("errorType", out _));

    public static IReadOnlyList<PromSeries> Parse(JsonExport x)
    {
        var series = new List<PromSeries>();
        for (var d = 0; d < x.Documents.Count; d++)
        {
            var doc = x.Documents[d];
            var root = x.Root(d);
            var status = x.String(doc, root, "status");
            if (status == "error")
                throw x.Wrong($"{root}.status", $"Prometheus answered an error ({Text(doc, "errorType")}: {Text(doc, "error")}); nothing to read");
            if (status != "success") throw x.Wrong($"{root}.status", $"'{status}': expected success");
            if (doc.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array && warnings.GetArrayLength() > 0)
                throw x.Wrong($"{root}.warnings[0]", $"Prometheus warned '{warnings[0]}': the answer may be partial, so it is not used");
            var data = x.Property(doc, root, "data", JsonValueKind.Object);
            var type = x.String(data, $"{root}.data", "resultType");
            if (type != "matrix")
                throw x.Wrong($"{root}.data.resultType", $"'{type}': an instant query; export a range (GET /api/v1/query_range with start, end and step)");
            var i = 0;
            foreach (var r in x.Property(data, $"{root}.data", "result", JsonValueKind.Array).EnumerateArray())
            {
                var p = $"{root}.data.result[{i++}]";
                var metric = x.Property(r, p, "metric", JsonValueKind.Object);
                var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var l in metric.EnumerateObject())
                {
                    if (l.Value.ValueKind != JsonValueKind.String) throw x.Wrong($"{p}.metric.{l.Name}", $"expected a label value (text), got {JsonExport.Describe(l.Value)}");
                    labels[l.Name] = l.Value.GetString()!;
                }
                if (!labels.TryGetValue("__name__", out var name))
                    throw x.Wrong($"{p}.metric", "has no __name__: the query was an aggregation or a function; query the metric itself " +
                                                 $"(e.g. {WebSockets}) so that each node's series is kept and named");
                var values = x.Property(r, p, "values", JsonValueKind.Array);
                var points = new List<TimedValue>(values.GetArrayLength());
                for (var k = 0; k < values.GetArrayLength(); k++)
                {
                    var pair = values[k];
                    var vp = $"{p}.values[{k}]";
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
                        throw x.Wrong(vp, $"expected [unix seconds, \"value\"], got {JsonExport.Describe(pair)}");
                    var seconds = pair[0].GetDecimal();
                    var text = pair[1].GetString()!;
                    if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        throw x.Wrong($"{vp}[1]", $"'{text}' is not a finite sample (NaN or Inf): the series has a hole there");
                    var time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                    if (points.Count > 0 && time <= points[^1].Time)
                        throw x.Wrong($"{vp}[0]", "times must rise: the samples were reordered or two answers were merged by hand");
                    points.Add(new TimedValue(time, value));
                }
                series.Add(new PromSeries(name, labels.ToImmutable(), points, x.File));
            }
        }
        return series;
    }

    /// <summary>Series of several files merged by name and labels: the same sample twice is one sample, two values at one time an error.</summary>
    public static IReadOnlyList<PromSeries> Merge(IEnumerable<PromSeries> all)
    {
        var result = new List<PromSeries>();
        foreach (var group in all.GroupBy(s => s.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            var merged = new SortedDictionary<DateTimeOffset, decimal>();
            foreach (var s in group)
                foreach (var p in s.Points)
                {
                    if (merged.TryGetValue(p.Time, out var seen) && seen != p.Value)
                        throw new MeasurementException(s.File, $"$.data.result[{group.Key}]", $"{p.Value.ToString(CultureInfo.InvariantCulture)} at {p.Time:yyyy-MM-ddTHH:mm:ssZ}, but {first.File} has {seen.ToString(CultureInfo.InvariantCulture)}: two exports disagree");
                    merged[p.Time] = p.Value;
                }
            result.Add(first with { Points = [.. merged.Select(kv => new TimedValue(kv.Key, kv.Value))] });
        }
        return result;
    }

    private static string Text(JsonElement doc, string name) => doc.TryGetProperty(name, out var v) ? v.ToString() : "?";
}
