using Infra.Core.Parsing;
using Infra.Core.Planning;

namespace Infra.Core.Policies.Model;

/// <summary>
/// The projected load a stack is sized for: what the sizing policies compare capacity against. Capacity
/// itself is always read from the graph (instance types and counts), so a hand-edited program is judged
/// by what it declares. Without a basis (a program checked on its own) the load-based checks are not applicable.
/// </summary>
public sealed record SizingBasis(
    bool HighAvailability,
    int PeakConcurrent,
    int DesignLoad,
    int HeadroomPercent,
    int HorizonMonths,
    decimal StorageLowGb,
    decimal StorageHighGb,
    string Source)
{
    public static SizingBasis From(StackPlan plan)
    {
        var z = plan.Blueprint.Sizing;
        return new SizingBasis(plan.Settings.HighAvailability, z.Load.PeakConcurrent, z.Load.DesignLoad, z.Load.HeadroomPercent,
            z.Load.HorizonMonths, z.Storage.LowGb, z.Storage.HighGb, $"Pulumi.{plan.Stack}.yaml");
    }

    public static SizingBasis From(PlannedLoad load, string file) =>
        new(load.HighAvailability, load.PeakConcurrent, load.DesignLoad, load.HeadroomPercent, load.HorizonMonths,
            load.StorageLowGb, load.StorageHighGb, file);
}
