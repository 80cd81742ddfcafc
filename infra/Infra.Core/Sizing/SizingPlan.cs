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
public sealed record LoadProjection(
    int RegisteredNow,
    decimal GrowthFactor,
    int RegisteredAtHorizon,
    int PeakConcurrent,
    int HeadroomPercent,
    int DesignLoad,
    int HorizonMonths);

/// <summary>The app tier's units: app nodes on the VM tier, Mattermost pods on the Kubernetes tier.</summary>
/// <param name="InstanceType">The VM tier's instance type, or on the Kubernetes tier the pod's size ("pod (1797m CPU / 3100 MiB)").</param>
/// <param name="MaxNodes">The most units that may run at once (VM: the auto scaling group's maxSize; Kubernetes: replicas + the operator's surge pod).</param>
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

/// <param name="RequiredConnections">Connections one instance may be asked for: MaxOpenConns x the most app nodes (<see cref="ConnectionBudget.PerInstance"/>).</param>
/// <param name="MaxConnections">max_connections on every instance.</param>
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

    /// <summary>How max_connections was reached, and its one explanation.</summary>
    public required ConnectionBudget Connections { get; init; }
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
    KubernetesSizingPlan? Kubernetes = null)
{
    /// <summary>Components sized below their load (the settings ask for it); every rendering shows them first.</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];
}
