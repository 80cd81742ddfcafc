using Infra.Core.Graph;

namespace Infra.Core.Parsing;

/// <summary>What kind of document an input file was.</summary>
public enum InputKind { PulumiYaml, JsonPlan, PreviewJson }

/// <summary>
/// A graph read from a file, with what else the file said. Only a JSON plan written by
/// <c>plan --format json</c> carries the projected load; the other kinds carry the graph alone.
/// </summary>
public sealed record ParsedInput(string File, InputKind Kind, ResourceGraph Graph, PlannedLoad? Load);

/// <summary>The sizing facts a JSON plan records beside its graph: enough for the sizing policies.</summary>
public sealed record PlannedLoad(
    string Environment,
    bool HighAvailability,
    int PeakConcurrent,
    int DesignLoad,
    int HeadroomPercent,
    int HorizonMonths,
    decimal StorageHighGb,
    decimal StorageLowGb,
    Settings.CapacityCalibration? Calibration = null);
