using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Sizing;

/// <summary>The sizing engine applies a calibration as a multiplier on the curve's vCPU need, and every decision it changes says so.</summary>
public class CalibratedSizingTests
{
    private static readonly CapacityCalibration Calibration = new(1.3m, 1.1m, "examples/pilot-measurements", new(2027, 1, 10), new(2027, 1, 24), new(2027, 1, 24));

    private static StackSettings With(StackSettings s, CapacityCalibration? c = null, decimal? ratio = null) =>
        s with { Load = s.Load with { Calibration = c, MeasuredConcurrencyRatio = ratio } };

    [Theory]
    [InlineData(1_000)]
    [InlineData(7_000)]
    [InlineData(40_000)]
    public void The_vcpu_needed_is_the_reference_curves_times_the_factor(int users)
    {
        var s = TestSettings.DesignLoad(users);
        var plain = SizingEngine.Size(s);
        var calibrated = SizingEngine.Size(With(s, Calibration));
        Assert.Equal(Math.Round(CapacityCurve.App.VcpuFor(users) * 1.3m, 2), calibrated.App.RequiredVcpu);
        Assert.Equal(Math.Round(CapacityCurve.Database.VcpuFor(users) * 1.1m, 2), calibrated.Database.RequiredVcpu);
        Assert.Equal(plain.Load, calibrated.Load with { Calibration = null });
        Assert.True(calibrated.App.ProvidedVcpu >= calibrated.App.RequiredVcpu);
        // Capacity is counted on the calibrated curve: what the hardware carries for this customer.
        Assert.Equal((int)Math.Floor(CapacityCurve.App.UsersFor(calibrated.App.ProvidedVcpu / 1.3m)), calibrated.App.CapacityUsers);
    }

    [Fact]
    public void Production_calibrated_at_the_briefs_factors_needs_more_and_says_why()
    {
        var today = Repo.Plan("production").Blueprint.Sizing;
        var plan = StackPlan.From(With(Repo.Settings("production"), Calibration));
        var z = plan.Blueprint.Sizing;

        Assert.Equal(today.Load.DesignLoad, z.Load.DesignLoad);
        Assert.Equal(Math.Round(today.App.RequiredVcpu * 1.3m, 2), z.App.RequiredVcpu, 1);
        foreach (var d in z.Decisions.Where(d => d.Component == "app" || (d.Component == "database" && d.Decision.Contains("reader")) || d.Decision.Contains("carry the peak")))
            Assert.Contains("calibrated from pilot measurements of 2027-01-10..24", d.Reason);
        Assert.Contains(z.Decisions, d => d.Component == "app" && d.Reason.EndsWith("app 1.3x the reference curve", StringComparison.Ordinal));
        Assert.Contains(z.Decisions, d => d.Component == "database" && d.Reason.Contains("database 1.1x the reference curve"));
    }

    [Fact]
    public void A_measured_ratio_replaces_the_published_one_and_the_peak_decision_cites_it()
    {
        var s = With(Repo.Settings("production"), Calibration, ratio: 0.25m);
        var z = SizingEngine.Size(s);
        // 27,950 registered at the horizon x 0.25 = 6,987.5 -> 6,988.
        Assert.Equal(6_988, z.Load.PeakConcurrent);
        var peak = z.Decisions.First(d => d.Component == "load");
        Assert.Contains("concurrency ratio 0.25 measured in the pilot", peak.Reason);
        Assert.Contains("in place of mattermost:concurrencyRatio 0.2", peak.Reason);
        Assert.Contains("source examples/pilot-measurements", peak.Reason);
        Assert.StartsWith("mattermost:measuredConcurrencyRatio", peak.Source);
    }

    [Fact]
    public void Without_a_calibration_the_decisions_say_nothing_of_one()
    {
        Assert.DoesNotContain(Repo.Plan("production").Blueprint.Sizing.Decisions, d => d.Reason.Contains("calibrated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_calibrated_plan_carries_its_calibration_into_plan_json_and_check_reads_it_back()
    {
        var plan = StackPlan.From(With(Repo.Settings("production"), Calibration));
        var json = Infra.Core.Artifacts.PlanRenderings.Json(plan);
        var parsed = Infra.Core.Parsing.InputReader.Read(json, "plan.json");
        Assert.Equal(Calibration, parsed.Load!.Calibration);
        var basis = Infra.Core.Policies.Model.SizingBasis.From(parsed.Load, "plan.json");
        Assert.Equal((1.3m, 1.1m), (basis.AppFactor, basis.DatabaseFactor));
    }
}
