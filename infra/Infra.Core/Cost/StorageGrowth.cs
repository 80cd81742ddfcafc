using Infra.Core.Sizing;

namespace Infra.Core.Cost;

/// <summary>
/// The file store's size in the first month and in the horizon month, so that storage is charged as it grows rather
/// than at the horizon's size from day one. Both ends use the forecast's high rate (<see cref="StorageForecast"/>):
/// the first month is one month of uploads by today's users, with the forecast's safety factor, on top of the base.
/// </summary>
public sealed record StorageGrowth(decimal FirstMonthGb, decimal HorizonGb, int HorizonMonths)
{
    public static StorageGrowth From(SizingPlan sizing) => From(sizing.Storage, sizing.Load.RegisteredNow);

    public static StorageGrowth From(StorageForecast f, int registeredNow) =>
        new(FirstMonth(f.BaseGb, f.MbPerUserPerMonthHigh, registeredNow, f.SafetyFactor), f.HighGb, f.Months);

    /// <summary>The forecast's formula (SizingEngine.ForecastStorage) for one month of today's users.</summary>
    public static decimal FirstMonth(decimal baseGb, decimal mbPerUserPerMonth, int registeredNow, decimal safety) =>
        Math.Round(baseGb + mbPerUserPerMonth * 1 * registeredNow * safety / 1024m, 1);

    /// <summary>How the quantities were chosen, shown next to them.</summary>
    public string Basis => $"forecast high end: {Money.Quantity(FirstMonthGb)} GB in month 1, {Money.Quantity(HorizonGb)} GB in month {HorizonMonths}";
}
