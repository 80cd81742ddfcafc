using Infra.Core.Catalog;

namespace Infra.Core.Measurements;

/// <summary>The pilot's signals on one time grid, with the hardware they were measured on.</summary>
public sealed record AlignedSignals(
    IReadOnlyList<CapacitySample> Samples,
    TimeSpan Period,
    InstanceType AppType,
    InstanceType DatabaseType,
    decimal? PeakConnections,
    decimal? PeakRequestsPer5Minutes,
    decimal? ErrorPercent,
    decimal? ProcessVcpuAtPeak);

/// <summary>
/// Puts the CloudWatch series and the Prometheus WebSocket counts on one grid of the CloudWatch period, after checking that
/// they are this stack's (every label names a resource of its <c>capacitySignals</c> output, every resource there has its
/// series), that the hardware is in the catalogue, and that nothing has a hole: each series covers the same times at the
/// same period, and each Prometheus series has a sample in every period between its first and last.
/// </summary>
public static class SignalAlignment
{
    public static AlignedSignals Align(PilotExports e)
    {
        var o = e.Outputs;
        var appType = Known(o.AppInstanceType, o.File, "appInstanceType");
        var dbType = Known(o.DatabaseInstanceClass, o.File, "databaseInstanceClass");
        var series = e.CloudWatch.ToDictionary(s => s.Id, StringComparer.Ordinal);

        // Every series must be a query of project queries, for a resource of these outputs.
        var expected = new Dictionary<string, (string Dimension, string Value)>(StringComparer.Ordinal);
        for (var i = 0; i < o.AppAutoScalingGroups.Count; i++)
        {
            expected[CapacityQueries.AppCpu(i)] = (CapacityQueries.AsgDimension, o.AppAutoScalingGroups[i]);
            expected[CapacityQueries.AppSamples(i)] = (CapacityQueries.AsgDimension, o.AppAutoScalingGroups[i]);
        }
        for (var i = 0; i < o.DatabaseInstances.Count; i++)
        {
            expected[CapacityQueries.DbCpu(i)] = (CapacityQueries.DbDimension, o.DatabaseInstances[i]);
            expected[CapacityQueries.DbConnections(i)] = (CapacityQueries.DbDimension, o.DatabaseInstances[i]);
        }
        if (o.LoadBalancer is { } lb)
        {
            expected[CapacityQueries.LbRequests] = (CapacityQueries.LbDimension, lb);
            expected[CapacityQueries.LbErrors] = (CapacityQueries.LbDimension, lb);
        }
        foreach (var s in e.CloudWatch)
        {
            if (!expected.TryGetValue(s.Id, out var want))
                throw new MeasurementException(s.Files[0], $"$..[Id={s.Id}]", $"is not a query of project queries for stack '{o.Stack}' ({o.File} lists " +
                    $"{o.AppAutoScalingGroups.Count} auto scaling group(s) and {o.DatabaseInstances.Count} database instance(s)): metrics of another stack or hand-made queries");
            var got = CapacityQueries.LabelValue(s.Label, want.Dimension);
            if (got != want.Value)
                throw new MeasurementException(s.Files[0], $"$..[Id={s.Id}].Label",
                    $"'{s.Label}' is not {want.Dimension}={want.Value} of stack '{o.Stack}' ({o.File}): these are metrics of another stack (or of an older deployment); " +
                    $"export with the queries project queries --stack {o.Stack} prints from the current outputs");
        }
        var required = new List<string>();
        for (var i = 0; i < o.AppAutoScalingGroups.Count; i++) required.AddRange([CapacityQueries.AppCpu(i), CapacityQueries.AppSamples(i)]);
        for (var i = 0; i < o.DatabaseInstances.Count; i++) required.Add(CapacityQueries.DbCpu(i));
        foreach (var id in required)
            if (!series.ContainsKey(id))
                throw new MeasurementException(e.Folder, "", $"has no CloudWatch series '{id}' ({expected[id].Dimension}={expected[id].Value} of stack '{o.Stack}'): " +
                                                             "the export is partial or of other resources");

        // One grid: the period and the times of the first app CPU series; every other series has exactly these times.
        var reference = series[CapacityQueries.AppCpu(0)];
        if (reference.Points.Count < 2) throw new MeasurementException(reference.Files[0], $"$..[Id={reference.Id}]", "has fewer than two datapoints: nothing to measure");
        var period = Enumerable.Range(1, reference.Points.Count - 1).Min(k => reference.Points[k].Time - reference.Points[k - 1].Time);
        var times = reference.Points.Select(p => p.Time).ToList();
        foreach (var s in e.CloudWatch)
        {
            for (var k = 1; k < s.Points.Count; k++)
                if (s.Points[k].Time - s.Points[k - 1].Time != period)
                    throw new MeasurementException(s.Files[0], $"$..[Id={s.Id}].Timestamps",
                        $"a gap from {s.Points[k - 1].Time:yyyy-MM-dd HH:mm} to {s.Points[k].Time:yyyy-MM-dd HH:mm} UTC (the period is {period.TotalSeconds:0} s): " +
                        "a resource stopped reporting, so the window cannot be read as continuous; export a window without the outage");
            if (s.Points.Count == 0 || s.Points[0].Time != times[0] || s.Points[^1].Time != times[^1])
                throw new MeasurementException(s.Files[0], $"$..[Id={s.Id}].Timestamps",
                    $"covers {Span(s.Points)}, but {reference.Id} covers {Span(reference.Points)}: a partial export; export every query over the same window");
        }

        // Concurrent users: each app node's WebSocket count, averaged over the period, summed over the nodes.
        var sockets = e.Prometheus.Where(p => p.Name == PrometheusRangeQuery.WebSockets).ToList();
        if (sockets.Count == 0)
            throw new MeasurementException(e.Folder, "", $"has no Prometheus series {PrometheusRangeQuery.WebSockets}: concurrent users are unknown, so the CPU cannot be put against a load " +
                                                         "(export it with /api/v1/query_range, see project queries)");
        var users = new decimal[times.Count];
        foreach (var s in sockets)
        {
            // Samples outside the CloudWatch window are ignored; inside the node's own span every period needs one.
            var first = Bucket(s.Points[0].Time, times[0], period);
            var last = Bucket(s.Points[^1].Time, times[0], period);
            var sums = new decimal[times.Count];
            var counts = new int[times.Count];
            foreach (var p in s.Points)
            {
                var b = Bucket(p.Time, times[0], period);
                if (b < 0 || b >= times.Count) continue;
                sums[b] += p.Value;
                counts[b]++;
            }
            var from = Math.Max(0, first);
            var to = Math.Min(times.Count - 1, last);
            for (var b = from; b <= to; b++)
            {
                if (counts[b] == 0)
                    throw new MeasurementException(s.File, $"$.data.result[{s.Key}].values",
                        $"no sample from {times[b]:yyyy-MM-dd HH:mm} to {times[b] + period:HH:mm} UTC: a gap in the node's WebSocket count (scrape failures or a restart); export a window without it");
                users[b] += sums[b] / counts[b];
            }
        }
        var covered = sockets.Min(s => s.Points[0].Time);
        var coveredTo = sockets.Max(s => s.Points[^1].Time);
        if (covered > times[0] + period || coveredTo < times[^1])
            throw new MeasurementException(sockets[0].File, "$.data.result",
                $"the WebSocket counts cover {covered:yyyy-MM-dd HH:mm}..{coveredTo:yyyy-MM-dd HH:mm} UTC, the CloudWatch metrics {times[0]:yyyy-MM-dd HH:mm}..{times[^1] + period:yyyy-MM-dd HH:mm}: " +
                "export both over the same window");

        // App vCPU: average CPU % x nodes reporting (samples x 60 s / period: one sample per node per minute) x vCPU per node.
        var minutesPerPeriod = (decimal)period.TotalMinutes;
        var samples = new List<CapacitySample>(times.Count);
        decimal NodesAt(int k) => Enumerable.Range(0, o.AppAutoScalingGroups.Count).Sum(i => series[CapacityQueries.AppSamples(i)].Points[k].Value / minutesPerPeriod);
        var medianNodes = CalibrationMaths.Median([.. Enumerable.Range(0, times.Count).Select(NodesAt)]);
        if (medianNodes < o.AppNodes / 1.5m || medianNodes > o.AppNodes * 1.5m)
            throw new MeasurementException(series[CapacityQueries.AppSamples(0)].Files[0], $"$..[Id={CapacityQueries.AppSamples(0)}].Values",
                $"count {medianNodes:0.##} app nodes in service (median), but stack '{o.Stack}' runs {o.AppNodes}: the samples must come from the period project queries prints " +
                $"({CapacityQueries.PeriodSeconds} s) with the nodes reporting each minute (detailed monitoring); export again with its queries");
        for (var k = 0; k < times.Count; k++)
        {
            decimal appUsed = 0, appVcpu = 0;
            for (var i = 0; i < o.AppAutoScalingGroups.Count; i++)
            {
                var nodes = series[CapacityQueries.AppSamples(i)].Points[k].Value / minutesPerPeriod;
                appUsed += series[CapacityQueries.AppCpu(i)].Points[k].Value / 100 * nodes * appType.VCpus;
                appVcpu += nodes * appType.VCpus;
            }
            decimal dbUsed = 0;
            for (var i = 0; i < o.DatabaseInstances.Count; i++) dbUsed += series[CapacityQueries.DbCpu(i)].Points[k].Value / 100 * dbType.VCpus;
            samples.Add(new CapacitySample(times[k], users[k], appUsed, appVcpu, dbUsed, o.DatabaseInstances.Count * (decimal)dbType.VCpus));
        }

        decimal? peakConnections = null;
        if (series.ContainsKey(CapacityQueries.DbConnections(0)))
            peakConnections = Enumerable.Range(0, o.DatabaseInstances.Count).Where(i => series.ContainsKey(CapacityQueries.DbConnections(i)))
                .Max(i => series[CapacityQueries.DbConnections(i)].Points.Max(p => p.Value));
        decimal? peakRequests = null, errors = null;
        if (series.TryGetValue(CapacityQueries.LbRequests, out var requests) && requests.Points.Count > 0)
        {
            peakRequests = requests.Points.Max(p => p.Value);
            var total = requests.Points.Sum(p => p.Value);
            if (series.TryGetValue(CapacityQueries.LbErrors, out var err) && total > 0) errors = err.Points.Sum(p => p.Value) / total * 100;
        }
        return new AlignedSignals(samples, period, appType, dbType, peakConnections, peakRequests, errors, ProcessVcpuAt(e, samples.MaxBy(s => s.Users)!.Time, period));
    }

    /// <summary>The Mattermost processes' CPU at a moment (rate of the CPU-seconds counter over the period, summed over the nodes), when exported.</summary>
    private static decimal? ProcessVcpuAt(PilotExports e, DateTimeOffset at, TimeSpan period)
    {
        var cpu = e.Prometheus.Where(p => p.Name == PrometheusRangeQuery.ProcessCpu).ToList();
        if (cpu.Count == 0) return null;
        decimal total = 0;
        foreach (var s in cpu)
        {
            var inside = s.Points.Where(p => p.Time >= at && p.Time <= at + period).ToList();
            if (inside.Count < 2 || inside[^1].Value < inside[0].Value) continue; // a restart reset the counter
            total += (inside[^1].Value - inside[0].Value) / (decimal)(inside[^1].Time - inside[0].Time).TotalSeconds;
        }
        return total;
    }

    private static int Bucket(DateTimeOffset t, DateTimeOffset start, TimeSpan period) => (int)Math.Floor((t - start) / period);

    private static string Span(IReadOnlyList<TimedValue> points) =>
        points.Count == 0 ? "nothing" : $"{points[0].Time:yyyy-MM-dd HH:mm}..{points[^1].Time:yyyy-MM-dd HH:mm} UTC";

    private static InstanceType Known(string type, string file, string key) =>
        InstanceTypes.Find(type) ?? throw new MeasurementException(file, $"$.capacitySignals.{key}",
            $"'{type}' is not an instance type this tool knows (Catalog/InstanceTypes.cs): its vCPU, and so the CPU it used, is unknown; no calibration");
}
