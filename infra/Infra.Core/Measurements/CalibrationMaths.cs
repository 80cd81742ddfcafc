using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Measurements;

/// <summary>One aligned moment of a pilot: concurrent users, and the vCPU the app and database used of what they had.</summary>
/// <param name="Users">Concurrent users: Mattermost's active WebSocket connections, summed over the app nodes (what the
/// load-test coordinator counts as connected users, load-test-framework.md §8).</param>
/// <param name="AppUsedVcpu">App CPU in use, in vCPU: average CPU % x nodes reporting x vCPU per node.</param>
/// <param name="AppVcpu">App vCPU in service at that moment.</param>
public sealed record CapacitySample(DateTimeOffset Time, decimal Users, decimal AppUsedVcpu, decimal AppVcpu, decimal DbUsedVcpu, decimal DbVcpu)
{
    public decimal AppCpuPercent => AppVcpu <= 0 ? 0 : AppUsedVcpu / AppVcpu * 100;

    public decimal DbCpuPercent => DbVcpu <= 0 ? 0 : DbUsedVcpu / DbVcpu * 100;
}

/// <summary>A tier's calibration from monitoring, or why there is none.</summary>
/// <param name="CpuAtPeak">CPU % at the window's peak of concurrent users.</param>
/// <param name="UsedAtPeak">vCPU in use at that peak.</param>
/// <param name="PredictedAtPeak">vCPU the reference curve predicts in use at that load: curve(users) x <see cref="CapacityCurve.ReferenceCpuShare"/>.</param>
/// <param name="DailyFactors">Measured / predicted per day, over the day's peak hours (days whose peak ran at 15 % CPU or more).</param>
/// <param name="Factor">The median day's factor, rounded up to two decimals; null when refused.</param>
public sealed record TierMeasurement(
    CalibratedTier Tier,
    decimal CpuAtPeak,
    decimal UsedAtPeak,
    decimal PredictedAtPeak,
    IReadOnlyList<(DateOnly Day, decimal Factor)> DailyFactors,
    IReadOnlyList<DateOnly> ExcludedDays,
    decimal? Factor,
    decimal SpreadLow,
    decimal SpreadHigh,
    string? Refusal);

/// <summary>What a monitoring window shows: its length, the peak, the concurrency ratio and each tier's factor.</summary>
public sealed record MonitoringMeasurement(
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset PeakTime,
    int PeakUsers,
    int? RegisteredUsers,
    decimal? ConcurrencyRatio,
    TierMeasurement? App,
    TierMeasurement? Database,
    IReadOnlyList<string> Refusals)
{
    public decimal Days => (decimal)(End - Start).TotalDays;
}

/// <summary>What a load test shows: the users the pilot's app hardware carried at the coordinator's thresholds, against the reference.</summary>
public sealed record LoadTestMeasurement(
    int SupportedUsers,
    decimal AppVcpu,
    int ReferenceUsers,
    decimal SteadyMinutes,
    decimal? Factor,
    string? Refusal);

/// <summary>
/// The calibration maths, apart from any file format, so that it is tested on numbers worked out by hand.
/// <para>
/// The reference curve says how many vCPU carry a load at the load-test thresholds, where the coordinator holds app CPU
/// to 85 % (<see cref="CapacityCurve.ReferenceCpuShare"/>). So at L concurrent users it predicts curve(L) x 0.85 vCPU in use.
/// A pilot that uses U vCPU at L users needs U / (curve(L) x 0.85) times the curve's vCPU: that ratio, per day over the
/// day's peak hours (users at 90 % of the day's peak or more), is the calibration, and its median over the days is the
/// factor (rounded up, never understating the need), with the days' lowest and highest as its spread. A load test measures
/// capacity directly: the app's V vCPU carried S users at the thresholds, where the curve needs curve(S), so the factor is
/// V / curve(S).
/// </para>
/// </summary>
public static class CalibrationMaths
{
    public const int MinWindowDays = 7;
    public const int MinSteadyMinutes = 30;
    public const decimal MinPeakCpuPercent = 15;
    public const decimal PeakHourShare = 0.9m;

    public const string RunTheLoadTest =
        "run the load test on the pilot (mattermost:loadTest, docs/pilot-to-production.md) to measure what its hardware carries at the thresholds";

    public static MonitoringMeasurement Monitoring(IReadOnlyList<CapacitySample> samples, TimeSpan period, int? registered, CapacityCurve app, CapacityCurve database)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var start = samples[0].Time;
        var end = samples[^1].Time + period;
        var refusals = new List<string>();
        var peak = samples.MaxBy(s => s.Users)!; // the first of equal peaks
        var peakUsers = (int)Math.Round(peak.Users, MidpointRounding.AwayFromZero);
        var days = (decimal)(end - start).TotalDays;
        if (days < MinWindowDays)
        {
            refusals.Add($"the monitoring window is {days:0.##} days ({start:yyyy-MM-dd HH:mm}..{end:yyyy-MM-dd HH:mm} UTC); at least {MinWindowDays} days are needed " +
                         "for a week's peak, so nothing is calibrated from it (export a longer window)");
            return new MonitoringMeasurement(start, end, peak.Time, peakUsers, registered, null, null, null, refusals);
        }
        decimal? ratio = null;
        if (registered is { } r && r > 0)
        {
            var measured = Math.Ceiling((decimal)peakUsers / r * 1000) / 1000;
            if (measured is >= 0.01m and <= 1m) ratio = measured;
            else refusals.Add($"the measured concurrency ratio {peakUsers:#,0} / {r:#,0} = {(decimal)peakUsers / r:0.####} is outside 0.01-1: the analytics and the metrics are not of one deployment");
        }
        var appTier = Tier(CalibratedTier.App, samples, peak, app, s => s.AppUsedVcpu, s => s.AppCpuPercent);
        var dbTier = Tier(CalibratedTier.Database, samples, peak, database, s => s.DbUsedVcpu, s => s.DbCpuPercent);
        foreach (var t in new[] { appTier, dbTier }) if (t.Refusal is not null) refusals.Add(t.Refusal);
        return new MonitoringMeasurement(start, end, peak.Time, peakUsers, registered, ratio, appTier, dbTier, refusals);
    }

    private static TierMeasurement Tier(CalibratedTier tier, IReadOnlyList<CapacitySample> samples, CapacitySample peak, CapacityCurve curve,
        Func<CapacitySample, decimal> used, Func<CapacitySample, decimal> cpu)
    {
        var name = CapacityCalibration.Name(tier);
        var predictedAtPeak = curve.VcpuFor(peak.Users) * CapacityCurve.ReferenceCpuShare;
        if (cpu(peak) < MinPeakCpuPercent)
            return new TierMeasurement(tier, cpu(peak), used(peak), predictedAtPeak, [], [], null, 0, 0,
                $"{name}: {cpu(peak):0.#} % CPU at the peak of {peak.Users:#,0} concurrent users ({peak.Time:yyyy-MM-dd HH:mm} UTC) is under {MinPeakCpuPercent} %: " +
                $"too little load to extrapolate from, so the {name} is not calibrated; {RunTheLoadTest}");

        var daily = new List<(DateOnly, decimal)>();
        var excluded = new List<DateOnly>();
        foreach (var day in samples.GroupBy(s => DateOnly.FromDateTime(s.Time.UtcDateTime)))
        {
            var dayPeak = day.MaxBy(s => s.Users)!;
            if (cpu(dayPeak) < MinPeakCpuPercent || dayPeak.Users <= 0) { excluded.Add(day.Key); continue; }
            var ratios = day.Where(s => s.Users >= PeakHourShare * dayPeak.Users && s.Users > 0)
                .Select(s => used(s) / (curve.VcpuFor(s.Users) * CapacityCurve.ReferenceCpuShare)).ToList();
            daily.Add((day.Key, Median(ratios)));
        }
        var factors = daily.Select(d => d.Item2).ToList();
        var factor = Math.Ceiling(Median(factors) * 100) / 100;
        var low = factors.Min();
        var high = factors.Max();
        string? refusal = null;
        if (factor < CapacityCalibration.MinFactor || factor > CapacityCalibration.MaxFactor)
            refusal = $"{name}: the measured {CapacityCalibration.Factor(factor)}x the reference curve is outside {CapacityCalibration.MinFactor}-{CapacityCalibration.MaxFactor}: " +
                      $"this usage is too unlike the reference for a multiplier, so the {name} is not calibrated; {RunTheLoadTest}";
        return new TierMeasurement(tier, cpu(peak), used(peak), predictedAtPeak, daily, excluded, refusal is null ? factor : null, low, high, refusal);
    }

    /// <param name="appVcpu">The app tier's vCPU during the test (nodes x vCPU per node).</param>
    /// <param name="runStart">The coordinator's StartTime.</param>
    /// <param name="runStop">The coordinator's StopTime (null while it runs).</param>
    public static LoadTestMeasurement LoadTest(string state, int supportedUsers, decimal appVcpu, DateTimeOffset steadyStart, DateTimeOffset steadyEnd, CapacityCurve app)
    {
        var minutes = (decimal)(steadyEnd - steadyStart).TotalMinutes;
        var referenceUsers = (int)Math.Floor(app.UsersFor(appVcpu));
        string? refusal = null;
        if (state != "done")
            refusal = $"app: the load test is '{state}', not done: the coordinator has not settled on the users the pilot supports; wait for it to finish and export again";
        else if (supportedUsers <= 0)
            refusal = "app: the load test reports 0 supported users: it was stopped by hand or never converged (the feedback loop needs 30 minutes of samples after the first alert); run it again until it finishes";
        else if (minutes < MinSteadyMinutes)
            refusal = $"app: the load test's steady state is {minutes:0.#} minutes (the report's {steadyStart:HH:mm}..{steadyEnd:HH:mm} UTC); at least {MinSteadyMinutes} are needed, so it is not used " +
                      "(generate the report over the last 30 minutes or more of the run)";
        if (refusal is not null) return new LoadTestMeasurement(supportedUsers, appVcpu, referenceUsers, minutes, null, refusal);

        var factor = Math.Ceiling(appVcpu / app.VcpuFor(supportedUsers) * 100) / 100;
        if (factor < CapacityCalibration.MinFactor || factor > CapacityCalibration.MaxFactor)
            refusal = $"app: {supportedUsers:#,0} users carried on {appVcpu:0.##} vCPU, where the reference carries {referenceUsers:#,0}, is {CapacityCalibration.Factor(factor)}x the reference curve, " +
                      $"outside {CapacityCalibration.MinFactor}-{CapacityCalibration.MaxFactor}: check the test's target and thresholds";
        return new LoadTestMeasurement(supportedUsers, appVcpu, referenceUsers, minutes, refusal is null ? factor : null, refusal);
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
