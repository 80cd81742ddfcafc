using System.Collections.Immutable;

namespace Infra.Core.Sizing;

/// <summary>One sizing decision and why: shown in every plan so that a reviewer can check the arithmetic.</summary>
public sealed record SizingDecision(string Component, string Decision, string Reason, string Source);

/// <summary>The load the environment is sized for.</summary>
/// <param name="RegisteredNow">Registered users today.</param>
/// <param name="GrowthFactor">(1 + annual growth) ^ (horizon months / 12).</param>
/// <param name="RegisteredAtHorizon">Registered users at the end of the growth horizon.</param>
/// <param name="PeakConcurrent">Projected peak concurrent users at the horizon: what must survive a zone loss.</param>
/// <param name="DesignLoad">Peak x (1 + headroom): what the full environment is sized to carry.</param>
/// <param name="Calibration">A pilot's correction to the reference curve, when the stack configures one.</param>
public sealed record LoadProjection(
    int RegisteredNow,
    decimal GrowthFactor,
    int RegisteredAtHorizon,
    int PeakConcurrent,
    int HeadroomPercent,
    int DesignLoad,
    int HorizonMonths,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Settings.CapacityCalibration? Calibration = null)
{
    /// <summary>
    /// Users -> app vCPU as this stack sizes it: the reference curve, times the calibrated factor when there is one.
    /// The one place a calibration enters the sizing: every app need and capacity is read through it.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CapacityCurve AppCurve => CapacityCurve.App.Scaled(Calibration?.App ?? 1m);

    /// <summary>Users -> database vCPU, calibrated as <see cref="AppCurve"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CapacityCurve DatabaseCurve => CapacityCurve.Database.Scaled(Calibration?.Database ?? 1m);

    /// <summary>"; calibrated from pilot measurements of ...: app 1.3x the reference curve" for a decision's reason, or "".</summary>
    public string CalibrationNote(Settings.CalibratedTier tier) => Calibration?.Note(tier) is { } note ? "; " + note : "";
}

public sealed record AppSizing(
    string InstanceType,
    int Nodes,
    int MaxNodes,
    int ZoneCount,
    decimal RequiredVcpu,
    decimal ProvidedVcpu,
    int CapacityUsers,
    int NodesAfterZoneLoss,
    int CapacityAfterZoneLoss);

public sealed record DatabaseSizing(
    string InstanceClass,
    int Readers,
    decimal RequiredVcpu,
    decimal ProvidedVcpu,
    int CapacityUsers,
    int RequiredConnections,
    int MaxConnections,
    int InstancesAfterZoneLoss,
    int CapacityAfterZoneLoss)
{
    public int Instances => 1 + Readers;
}

public sealed record SearchSizing(bool Enabled, string InstanceType, int Nodes, int ZoneCount, string Reason);

/// <summary>Mattermost's lifetime-storage estimate over the growth horizon, in GiB.</summary>
public sealed record StorageForecast(
    decimal BaseGb,
    decimal MbPerUserPerMonthLow,
    decimal MbPerUserPerMonthHigh,
    decimal MeanUsers,
    int Months,
    decimal SafetyFactor,
    decimal LowGb,
    decimal HighGb);

/// <summary>The whole sizing of one stack: every number and the rule that produced it.</summary>
public sealed record SizingPlan(
    LoadProjection Load,
    ReferenceTier GoverningTier,
    ReferenceTier? LowerTier,
    AppSizing App,
    DatabaseSizing Database,
    SearchSizing Search,
    StorageForecast Storage,
    ImmutableArray<SizingDecision> Decisions,
    OperatorSizePreset NearestOperatorPreset,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    KubernetesSizingPlan? Kubernetes = null);
