using Infra.Core.Parsing;
using Infra.Core.Planning;
using Infra.Core.Settings;

namespace Infra.Core.Policies.Model;

/// <summary>
/// The projected load a stack is sized for: what the sizing policies compare capacity against. Capacity
/// itself is always read from the graph (instance types and counts), so a hand-edited program is judged
/// by what it declares. Without a basis (a program checked on its own) the load-based checks are not applicable.
/// A calibration measured in a pilot (<see cref="Calibration"/>) turns vCPU into users on the calibrated curve, as the
/// sizing engine does.
/// </summary>
public sealed record SizingBasis(
    bool HighAvailability,
    int PeakConcurrent,
    int DesignLoad,
    int HeadroomPercent,
    int HorizonMonths,
    decimal StorageLowGb,
    decimal StorageHighGb,
    string Source,
    CapacityCalibration? Calibration = null)
{
    /// <summary>The app vCPU multiplier the sizing used (1 without a calibration).</summary>
    public decimal AppFactor => Calibration?.App ?? 1m;

    /// <summary>The database vCPU multiplier the sizing used (1 without a calibration).</summary>
    public decimal DatabaseFactor => Calibration?.Database ?? 1m;

    public static SizingBasis From(StackPlan plan)
    {
        var z = plan.Blueprint.Sizing;
        return new SizingBasis(plan.Settings.HighAvailability, z.Load.PeakConcurrent, z.Load.DesignLoad, z.Load.HeadroomPercent,
            z.Load.HorizonMonths, z.Storage.LowGb, z.Storage.HighGb, $"Pulumi.{plan.Stack}.yaml", z.Load.Calibration);
    }

    public static SizingBasis From(PlannedLoad load, string file) =>
        new(load.HighAvailability, load.PeakConcurrent, load.DesignLoad, load.HeadroomPercent, load.HorizonMonths,
            load.StorageLowGb, load.StorageHighGb, file, load.Calibration);
}
