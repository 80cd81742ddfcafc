using System.Globalization;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-008: a calibration measured in a pilot may change production's size, within limits. Production must carry the
/// projected peak both on the calibrated curve and on the reference curve itself: a calibration below 1 may spend the
/// headroom, never the peak. And the measurement must be younger than the horizon the stack is sized for.
/// </summary>
public sealed class CalibrationPolicy : SizingPolicy
{
    public const string PolicyId = "MM-SIZE-008";

    /// <summary>The finding's resource: the setting itself, as waivers name theirs.</summary>
    public const string Resource = "mattermost:capacityCalibration";

    public override string Id => PolicyId;
    public override string Name => "A pilot's calibration keeps production above the projected peak and is current";
    public override Severity Severity => Severity.High;

    public override string Guideline =>
        "When mattermost:capacityCalibration is set (project --from, docs/pilot-to-production.md), production's app tier and database must carry " +
        "the projected peak of concurrent users both on the calibrated curve and on Mattermost's reference curve: a measured factor below 1 may " +
        "use up the headroom, not the peak. The calibration's measuredOn date plus the stack's mattermost:growthHorizonMonths must not be past: " +
        "usage changes as a deployment grows, so measure again (project --from with fresh exports) or remove the calibration.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("a calibration"); yield break; }
        if (basis.Calibration is not { } c) { yield return Finding.NotApplicable("(stack)", "no capacity calibration configured (mattermost:capacityCalibration)"); yield break; }

        var until = c.MeasuredOn.AddMonths(basis.HorizonMonths);
        var age = $"measured on {CapacityCalibration.Day(c.MeasuredOn)} ({c.Source}, window {c.Window}); the stack is sized {basis.HorizonMonths} months ahead, so it holds until {CapacityCalibration.Day(until)}";
        yield return Finding.Check(ctx.Today <= until, Resource, "setting", age,
            $"{age}, and today is {ctx.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: older than the stack's horizon; measure again or remove it");

        if (!ctx.IsProduction)
        {
            yield return Finding.NotApplicable("(stack)", $"the capacity floor holds production; this is {ctx.Environment?.ToString().ToLowerInvariant() ?? "an unknown environment"} ({ctx.EnvironmentSource})");
            yield break;
        }
        foreach (var app in Capacity.App(ctx.Facts))
        {
            if (!app.Known) continue; // MM-SIZE-001 fails it
            yield return Floor(app.Resource, app.ResourceType, $"{app.Description} ({app.Vcpu:0.##} vCPU)", CalibratedTier.App,
                Capacity.AppUsers(app.Vcpu, basis), Capacity.AppUsers(app.Vcpu), basis);
        }
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            if (!db.Known) continue; // MM-SIZE-002 fails it
            yield return Floor(db.Node.Name, db.Node.Type, $"{db.Description} ({db.Vcpu:0.##} vCPU)", CalibratedTier.Database,
                Capacity.DatabaseUsers(db.Vcpu, basis), Capacity.DatabaseUsers(db.Vcpu), basis);
        }
    }

    private static Finding Floor(string resource, string type, string what, CalibratedTier tier, int calibrated, int reference, SizingBasis basis)
    {
        var factor = basis.Calibration!.FactorOf(tier);
        var text = factor is { } f
            ? $"{what} carries {Users(calibrated)} users on the calibrated curve ({CapacityCalibration.Name(tier)} {CapacityCalibration.Factor(f)}x) and {Users(reference)} on the reference curve; projected peak {Users(basis.PeakConcurrent)}"
            : $"{what} carries {Users(reference)} users on the reference curve (the calibration leaves the {CapacityCalibration.Name(tier)} uncalibrated); projected peak {Users(basis.PeakConcurrent)}";
        var short_ = new List<string>();
        if (calibrated < basis.PeakConcurrent) short_.Add("below the peak on the calibrated curve");
        if (reference < basis.PeakConcurrent) short_.Add("below the peak on the reference curve: the calibration took more than the headroom");
        return Finding.Check(short_.Count == 0, resource, type, text, text + ": " + string.Join("; ", short_));
    }
}
