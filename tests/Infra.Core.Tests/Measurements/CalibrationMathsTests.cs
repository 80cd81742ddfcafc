using Infra.Core.Measurements;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Tests.Measurements;

/// <summary>
/// The calibration maths on numbers worked out by hand. Below 200 users the reference curve is the 200-user tier's
/// line from the origin: curve(u) = u / 100 vCPU (1 x c7i.large, 2 vCPU; 1 x db.r7g.large, 2 vCPU), and the reference
/// runs at 85 % of it, so at 100 users it predicts 0.85 vCPU in use.
/// </summary>
public class CalibrationMathsTests
{
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfDay = TimeSpan.FromHours(12);

    /// <summary>Seven days, two samples a day: 20 users at midnight, 100 at noon, the app using appFactor[d] x 0.85 vCPU at noon.</summary>
    private static List<CapacitySample> Week(decimal[] appFactors, decimal[] dbFactors, decimal appVcpu = 2, int days = 7)
    {
        var samples = new List<CapacitySample>();
        for (var d = 0; d < days; d++)
        {
            samples.Add(new CapacitySample(Monday.AddDays(d), 20, 0.1m, appVcpu, 0.1m, 2));
            samples.Add(new CapacitySample(Monday.AddDays(d) + HalfDay, 100, appFactors[d] * 0.85m, appVcpu, dbFactors[d] * 0.85m, 2));
        }
        return samples;
    }

    private static readonly decimal[] App = [1.2m, 1.3m, 1.25m, 1.4m, 1.1m, 1.3m, 1.35m];
    private static readonly decimal[] Db = [1.1m, 1.1m, 1.1m, 1.1m, 1.1m, 1.1m, 1.1m];

    [Fact]
    public void The_reference_curve_below_the_first_tier_is_u_over_100()
    {
        Assert.Equal(1.0m, CapacityCurve.App.VcpuFor(100));
        Assert.Equal(1.54m, CapacityCurve.App.VcpuFor(154));
        Assert.Equal(200m, CapacityCurve.App.UsersFor(2));
        Assert.Equal(0.85m, CapacityCurve.ReferenceCpuShare);
    }

    [Fact]
    public void The_factor_is_the_median_day_and_the_spread_its_lowest_and_highest()
    {
        var m = CalibrationMaths.Monitoring(Week(App, Db), HalfDay, registered: 400, CapacityCurve.App, CapacityCurve.Database);

        Assert.Empty(m.Refusals);
        Assert.Equal(7m, m.Days);
        Assert.Equal(100, m.PeakUsers);
        Assert.Equal(Monday + HalfDay, m.PeakTime); // the first of equal peaks
        Assert.Equal(0.25m, m.ConcurrencyRatio);  // 100 / 400
        // Sorted: 1.1 1.2 1.25 1.3 1.3 1.35 1.4 -> median 1.3; spread 1.1..1.4.
        Assert.Equal(1.3m, m.App!.Factor);
        Assert.Equal(1.1m, m.App.SpreadLow);
        Assert.Equal(1.4m, m.App.SpreadHigh);
        Assert.Equal(7, m.App.DailyFactors.Count);
        // At the peak (Monday noon): 1.2 x 0.85 = 1.02 vCPU in use = 51 % of 2 vCPU; the curve predicts 0.85 vCPU.
        Assert.Equal(51m, m.App.CpuAtPeak);
        Assert.Equal(1.02m, m.App.UsedAtPeak);
        Assert.Equal(0.85m, m.App.PredictedAtPeak);
        Assert.Equal(1.1m, m.Database!.Factor);
    }

    [Fact]
    public void A_median_between_two_days_is_their_mean_and_the_factor_is_rounded_up()
    {
        // Eight days: 1.1 1.2 1.25 1.3 | 1.3 1.35 1.4 1.41 -> (1.3 + 1.3) / 2 = 1.3; with 1.31 instead of the second 1.3: 1.305 -> 1.31.
        var app = new[] { 1.2m, 1.3m, 1.25m, 1.4m, 1.1m, 1.31m, 1.35m, 1.41m };
        var m = CalibrationMaths.Monitoring(Week(app, [.. Db, 1.1m], days: 8), HalfDay, null, CapacityCurve.App, CapacityCurve.Database);
        Assert.Equal(1.31m, m.App!.Factor);
        Assert.Null(m.ConcurrencyRatio);
        Assert.Equal(1.305m, CalibrationMaths.Median([1.3m, 1.31m]));
        Assert.Equal(2m, CalibrationMaths.Median([3m, 1m, 2m]));
    }

    [Fact]
    public void Only_the_days_peak_hours_count()
    {
        // Midnight samples (20 users, under 90 % of the day's 100) use 0.1 vCPU: 0.1 / 0.17 = 0.59x if they counted.
        var m = CalibrationMaths.Monitoring(Week(App, Db), HalfDay, null, CapacityCurve.App, CapacityCurve.Database);
        Assert.All(m.App!.DailyFactors, d => Assert.True(d.Factor >= 1.1m));
    }

    [Fact]
    public void Less_than_seven_days_is_refused_and_nothing_is_calibrated()
    {
        var samples = Week(App, Db).Take(13).ToList(); // 6.5 days
        var m = CalibrationMaths.Monitoring(samples, HalfDay, 400, CapacityCurve.App, CapacityCurve.Database);

        Assert.Equal(6.5m, m.Days);
        Assert.Null(m.App);
        Assert.Null(m.Database);
        Assert.Null(m.ConcurrencyRatio);
        Assert.Contains("6.5 days", Assert.Single(m.Refusals));
        Assert.Contains("at least 7 days", m.Refusals[0]);
    }

    [Fact]
    public void Under_15_percent_cpu_at_the_peak_is_refused_with_the_advice_to_run_the_load_test()
    {
        // 16 vCPU of app: 1.02 vCPU at the peak is 6.4 %. The database (51 %) is still calibrated, and the ratio measured.
        var m = CalibrationMaths.Monitoring(Week(App, Db, appVcpu: 16), HalfDay, 400, CapacityCurve.App, CapacityCurve.Database);

        Assert.Null(m.App!.Factor);
        Assert.Equal(6.375m, m.App.CpuAtPeak);
        var refusal = Assert.Single(m.Refusals);
        Assert.StartsWith("app: 6.4 % CPU at the peak", refusal);
        Assert.Contains("under 15 %", refusal);
        Assert.Contains("run the load test", refusal);
        Assert.Equal(1.1m, m.Database!.Factor);
        Assert.Equal(0.25m, m.ConcurrencyRatio);
    }

    [Fact]
    public void Days_whose_peak_ran_under_15_percent_are_left_out()
    {
        var samples = Week(App, Db);
        // Sunday's peak: 0.2 vCPU of 2 = 10 %.
        samples[13] = samples[13] with { AppUsedVcpu = 0.2m };
        var m = CalibrationMaths.Monitoring(samples, HalfDay, null, CapacityCurve.App, CapacityCurve.Database);

        Assert.Equal([new DateOnly(2027, 1, 10)], m.App!.ExcludedDays);
        Assert.Equal(6, m.App.DailyFactors.Count);
        Assert.Equal(1.28m, m.App.Factor); // 1.1 1.2 1.25 1.3 1.3 1.4 -> (1.25 + 1.3) / 2 = 1.275 -> 1.28
    }

    [Fact]
    public void A_factor_outside_half_to_three_is_refused()
    {
        var m = CalibrationMaths.Monitoring(Week([.. App.Select(_ => 0.4m)], Db), HalfDay, null, CapacityCurve.App, CapacityCurve.Database);
        Assert.Null(m.App!.Factor);
        Assert.Contains("0.4x the reference curve is outside 0.5-3", m.App.Refusal);
    }

    [Fact]
    public void A_load_test_factor_is_the_hardware_over_the_curves_need_for_the_supported_users()
    {
        // 2 vCPU carried 154 users; the curve needs 1.54: 2 / 1.54 = 1.2987 -> 1.30. The reference carries 200 on 2 vCPU.
        var lt = CalibrationMaths.LoadTest("done", 154, 2, Monday, Monday.AddMinutes(45), CapacityCurve.App);
        Assert.Null(lt.Refusal);
        Assert.Equal(1.3m, lt.Factor);
        Assert.Equal(200, lt.ReferenceUsers);
        Assert.Equal(45m, lt.SteadyMinutes);
    }

    [Theory]
    [InlineData("done", 154, 29, "steady state is 29 minutes")]
    [InlineData("running", 154, 45, "is 'running', not done")]
    [InlineData("done", 0, 45, "0 supported users")]
    public void A_load_test_without_a_steady_state_of_30_minutes_or_a_result_is_refused(string state, int users, int minutes, string expected)
    {
        var lt = CalibrationMaths.LoadTest(state, users, 2, Monday, Monday.AddMinutes(minutes), CapacityCurve.App);
        Assert.Null(lt.Factor);
        Assert.Contains(expected, lt.Refusal);
    }

    [Fact]
    public void A_calibration_scales_the_curve_and_nothing_else()
    {
        var scaled = CapacityCurve.App.Scaled(1.3m);
        Assert.Equal(1.3m, scaled.VcpuFor(100));
        Assert.Equal(5.2m, scaled.VcpuFor(2000));          // 4 vCPU x 1.3
        Assert.Equal(2000m, scaled.UsersFor(5.2m));
        Assert.Same(CapacityCurve.App, CapacityCurve.App.Scaled(1m));
        Assert.Equal("calibrated from pilot measurements of 2027-01-10..24: app 1.3x the reference curve",
            new CapacityCalibration(1.3m, null, "x", new(2027, 1, 10), new(2027, 1, 24), new(2027, 1, 24)).Note(CalibratedTier.App));
    }
}
