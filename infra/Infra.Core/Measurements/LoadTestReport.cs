using System.Globalization;
using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>
/// <c>ltctl report generate</c>'s JSON (loadtest/report/generate.go <c>Report</c>, shared/reference/load-test-framework.md §9,
/// mattermost-load-test-ng @784dbc17): <c>{"Label", "StartTime", "EndTime", "AvgStoreTimes": {method: "seconds"},
/// "P99StoreTimes", "AvgAPITimes", "P99APITimes", "Graphs": [{"Name", "Values": [[unix seconds, "value"], ...]}] | null}</c>.
/// Values are Prometheus sample values written as quoted decimals. The report's window (StartTime..EndTime, the times given
/// to the command) is taken as the test's steady state: the part of the run at the users the coordinator settled on.
/// </summary>
public sealed record LoadTestReport(string Label, DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, IReadOnlyList<TimedValue>> Graphs,
    IReadOnlyDictionary<string, decimal> AvgApiSeconds, string File)
{
    /// <summary>The graph of the deployer's default report config: average app CPU % (config/deployer.sample.json, Report.GraphQueries).</summary>
    public const string CpuGraph = "CPU Utilization";

    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object && first.TryGetProperty("StartTime", out _) && first.TryGetProperty("EndTime", out _) &&
        (first.TryGetProperty("AvgStoreTimes", out _) || first.TryGetProperty("Graphs", out _));

    public static LoadTestReport Parse(JsonExport x)
    {
        if (x.Documents.Count != 1) throw x.Wrong("document 2", "a second report in the same file; one report per file");
        var doc = x.Documents[0];
        var label = x.String(doc, "$", "Label");
        var start = x.Time(x.Property(doc, "$", "StartTime", JsonValueKind.String), "$.StartTime");
        var end = x.Time(x.Property(doc, "$", "EndTime", JsonValueKind.String), "$.EndTime");
        if (end <= start) throw x.Wrong("$.EndTime", "is not after StartTime");
        foreach (var map in new[] { "AvgStoreTimes", "P99StoreTimes", "P99APITimes" }) Times(x, doc, map);
        var api = Times(x, doc, "AvgAPITimes");
        var graphs = new Dictionary<string, IReadOnlyList<TimedValue>>(StringComparer.Ordinal);
        if (doc.TryGetProperty("Graphs", out var g) && g.ValueKind != JsonValueKind.Null)
        {
            if (g.ValueKind != JsonValueKind.Array) throw x.Wrong("$.Graphs", $"expected a list or null, got {JsonExport.Describe(g)}");
            for (var i = 0; i < g.GetArrayLength(); i++)
            {
                var p = $"$.Graphs[{i}]";
                var name = x.String(g[i], p, "Name");
                var values = x.Property(g[i], p, "Values", JsonValueKind.Array);
                var points = new List<TimedValue>();
                for (var k = 0; k < values.GetArrayLength(); k++)
                {
                    var pair = values[k];
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String ||
                        !decimal.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        throw x.Wrong($"{p}.Values[{k}]", $"expected [unix seconds, \"value\"], got {JsonExport.Describe(pair)}");
                    points.Add(new TimedValue(DateTimeOffset.UnixEpoch.AddTicks((long)(pair[0].GetDecimal() * TimeSpan.TicksPerSecond)), v));
                }
                if (!graphs.TryAdd(name, points)) throw x.Wrong($"{p}.Name", $"'{name}' twice");
            }
        }
        return new LoadTestReport(label, start, end, graphs, api, x.File);
    }

    private static Dictionary<string, decimal> Times(JsonExport x, JsonElement doc, string name)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var map = x.Property(doc, "$", name, JsonValueKind.Object);
        foreach (var p in map.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String || !decimal.TryParse(p.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw x.Wrong($"$.{name}.{p.Name}", $"expected seconds as a quoted decimal, got {JsonExport.Describe(p.Value)}");
            result[p.Name] = v;
        }
        return result;
    }
}
