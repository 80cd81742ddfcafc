using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Infra.Core.Measurements;

/// <summary>One time series: a query's values by time, merged over every page and file that held it.</summary>
/// <param name="Label">What CloudWatch returned as the label: the queries of <c>project queries</c> make it name the dimension it matched.</param>
/// <param name="Files">The files it came from.</param>
public sealed record MetricSeries(string Id, string Label, IReadOnlyList<TimedValue> Points, IReadOnlyList<string> Files);

public readonly record struct TimedValue(DateTimeOffset Time, decimal Value);

/// <summary>
/// The output of <c>aws cloudwatch get-metric-data</c>: <c>{"MetricDataResults": [{"Id", "Label", "Timestamps", "Values",
/// "StatusCode"}], "Messages": [...], "NextToken"?}</c> (CloudWatch API reference, GetMetricData). Strict: a result whose
/// StatusCode is not Complete (InternalError, Forbidden, or PartialData without a later page of the same Id), a file that
/// stops at a page with a NextToken, CloudWatch messages, timestamps and values that do not pair, or two pages that
/// disagree on a value are errors naming the file and the JSON path.
/// <para>
/// Pages are merged by Id. The AWS CLI paginates get-metric-data by itself and concatenates the pages' MetricDataResults
/// (botocore paginators-1.json: result_key MetricDataResults and Messages), so one document may list an Id several
/// times, each but the last PartialData; with <c>--no-paginate</c> the pages are separate documents, appended one after
/// the other. Several files (several windows) merge the same way.
/// </para>
/// </summary>
public static partial class CloudWatchMetricData
{
    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object && first.TryGetProperty("MetricDataResults", out _);

    private sealed record Entry(string Path, string Label, string Status, List<TimedValue> Points);

    public static IReadOnlyList<MetricSeries> Parse(JsonExport x)
    {
        var byId = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
        for (var d = 0; d < x.Documents.Count; d++)
        {
            var doc = x.Documents[d];
            var root = x.Root(d);
            var results = x.Property(doc, root, "MetricDataResults", JsonValueKind.Array);
            if (doc.TryGetProperty("Messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0)
            {
                var m = messages[0];
                var code = m.TryGetProperty("Code", out var c) ? c.ToString() : "?";
                var value = m.TryGetProperty("Value", out var v) ? v.ToString() : "";
                throw x.Wrong($"{root}.Messages[0]", $"CloudWatch reported {code}: {value}; the answer may be incomplete, so it is not used (narrow the window or the queries and export again)");
            }
            var i = 0;
            foreach (var r in results.EnumerateArray())
            {
                var p = $"{root}.MetricDataResults[{i++}]";
                var id = x.String(r, p, "Id");
                if (!IdPattern().IsMatch(id)) throw x.Wrong($"{p}.Id", $"'{id}' is not a CloudWatch query id (a lower-case letter, then letters, digits and _)");
                var label = x.String(r, p, "Label");
                var status = x.String(r, p, "StatusCode");
                if (status is not ("Complete" or "PartialData"))
                    throw x.Wrong($"{p}.StatusCode", status switch
                    {
                        "InternalError" => "InternalError: CloudWatch could not compute this series; export again",
                        "Forbidden" => "Forbidden: the credentials that exported it may not read this metric; no data for it",
                        _ => $"'{status}' is not a status of GetMetricData (Complete, PartialData, InternalError, Forbidden)",
                    });
                var times = x.Property(r, p, "Timestamps", JsonValueKind.Array);
                var values = x.Property(r, p, "Values", JsonValueKind.Array);
                if (times.GetArrayLength() != values.GetArrayLength())
                    throw x.Wrong(p, $"{times.GetArrayLength()} timestamps but {values.GetArrayLength()} values: the file was cut or edited");
                var points = new List<TimedValue>(times.GetArrayLength());
                for (var k = 0; k < times.GetArrayLength(); k++)
                {
                    // AWS CLI v2 prints ISO 8601; v1 (cli_timestamp_format none) the epoch seconds the service sent.
                    var t = times[k].ValueKind == JsonValueKind.Number
                        ? DateTimeOffset.UnixEpoch.AddTicks((long)(times[k].GetDecimal() * TimeSpan.TicksPerSecond))
                        : x.Time(times[k], $"{p}.Timestamps[{k}]");
                    var val = values[k];
                    if (val.ValueKind != JsonValueKind.Number || !val.TryGetDecimal(out var number))
                        throw x.Wrong($"{p}.Values[{k}]", $"expected a number, got {JsonExport.Describe(val)}");
                    points.Add(new TimedValue(t, number));
                }
                if (!byId.TryGetValue(id, out var list)) byId[id] = list = [];
                list.Add(new Entry(p, label, status, points));
            }
            if (d == x.Documents.Count - 1 && doc.TryGetProperty("NextToken", out var token) && token.ValueKind == JsonValueKind.String && token.GetString()!.Length > 0)
                throw x.Wrong($"{root}.NextToken", "the file ends with a page that has a NextToken, so pages are missing: run the command again with " +
                                                    "--next-token set to it and append the output to this file (or let the AWS CLI paginate: leave out --no-paginate and --max-items)");
        }

        var series = new List<MetricSeries>();
        foreach (var (id, entries) in byId.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var last = entries[^1];
            if (last.Status != "Complete")
                throw x.Wrong($"{last.Path}.StatusCode", $"PartialData, and no later page of '{id}' follows in this file: the export is partial " +
                                                         "(more datapoints than one call returns); append the remaining pages (--next-token) or export a shorter window per file");
            var label = entries[0].Label;
            var other = entries.FirstOrDefault(e => e.Label != label);
            if (other is not null)
                throw x.Wrong($"{other.Path}.Label", $"'{other.Label}', but an earlier page of '{id}' is labelled '{label}': the pages are of different queries");
            series.Add(new MetricSeries(id, label, MergePoints(x.File, id, entries.Select(e => (e.Path, (IReadOnlyList<TimedValue>)e.Points))), [x.File]));
        }
        return series;
    }

    /// <summary>The series of several files merged by Id: the same label, and no time with two values.</summary>
    public static IReadOnlyList<MetricSeries> Merge(IEnumerable<MetricSeries> all)
    {
        var result = new List<MetricSeries>();
        foreach (var group in all.GroupBy(s => s.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            if (group.FirstOrDefault(s => s.Label != first.Label) is { } other)
                throw new MeasurementException(other.Files[0], $"$..[Id={group.Key}].Label",
                    $"'{other.Label}', but {first.Files[0]} labels '{group.Key}' '{first.Label}': the files are exports of different resources");
            if (group.Count() == 1) { result.Add(first); continue; }
            var files = group.SelectMany(s => s.Files).Distinct(StringComparer.Ordinal).ToList();
            result.Add(new MetricSeries(group.Key, first.Label, MergePoints(string.Join(" and ", files), group.Key, group.Select(s => ($"$..[Id={group.Key}]", s.Points))), files));
        }
        return result;
    }

    private static IReadOnlyList<TimedValue> MergePoints(string file, string id, IEnumerable<(string Path, IReadOnlyList<TimedValue> Points)> parts)
    {
        var merged = new SortedDictionary<DateTimeOffset, decimal>();
        foreach (var (path, points) in parts)
            foreach (var p in points)
            {
                if (merged.TryGetValue(p.Time, out var seen))
                {
                    if (seen != p.Value)
                        throw new MeasurementException(file, path, $"'{id}' has {seen.ToString(CultureInfo.InvariantCulture)} and {p.Value.ToString(CultureInfo.InvariantCulture)} " +
                                                                   $"at {p.Time:yyyy-MM-ddTHH:mm:ssZ}: two exports disagree (different queries or periods under one Id)");
                    continue;
                }
                merged[p.Time] = p.Value;
            }
        return [.. merged.Select(kv => new TimedValue(kv.Key, kv.Value))];
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]*$")]
    private static partial Regex IdPattern();
}
