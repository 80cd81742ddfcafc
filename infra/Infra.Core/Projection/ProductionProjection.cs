using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Artifacts;
using Infra.Core.Cost;
using Infra.Core.Measurements;
using Infra.Core.Planning;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Projection;

/// <summary>A sizing decision whose outcome the measurements change: before, after, and the reason the new plan gives.</summary>
public sealed record ChangedDecision(string Component, string Before, string After, string Reason);

/// <summary>
/// A stack's plan today beside its plan with the pilot's measurements applied (the measured concurrency ratio and the
/// capacity calibration, set through the same strict settings loader as <c>pulumi config set</c> would), with the
/// hardware and monthly cost of both, the decisions that changed and why, the <c>pulumi config set</c> commands, and
/// the policy check of the projected plan.
/// </summary>
public sealed record ProductionProjection(
    string Stack,
    PilotCalibration Measurement,
    StackPlan Today,
    StackPlan Projected,
    CostEstimate TodayCost,
    CostEstimate ProjectedCost,
    IReadOnlyList<StackFileChange> Changes,
    IReadOnlyList<string> Commands,
    IReadOnlyList<ChangedDecision> ChangedDecisions,
    IReadOnlyList<string> Notes,
    StackAudit Audit)
{
    public const string RatioKey = "mattermost:measuredConcurrencyRatio";
    public const string CalibrationKey = "mattermost:capacityCalibration";

    public static ProductionProjection Make(Planner planner, string stack, PilotCalibration m, DateOnly today)
    {
        var today_ = planner.Plan(stack);
        var file = StackSettingsLoader.StackFileName(stack);
        var changes = new List<StackFileChange>();
        var overrides = new Dictionary<string, RawValue?>(StringComparer.Ordinal);
        var notes = new List<string>();
        var evidence = $"from {m.Exports.Folder} (stack {m.Exports.Outputs.Stack})";

        if (m.ConcurrencyRatio is { } ratio)
        {
            if (today_.Settings.Load.PeakConcurrentUsers is not null)
                notes.Add($"the measured concurrency ratio {ratio} is not applied: {file} sets mattermost:peakConcurrentUsers, which overrides every ratio");
            else
            {
                var text = ratio.ToString("0.###", CultureInfo.InvariantCulture);
                var window = m.Monitoring is { } mon ? $"{mon.Start:yyyy-MM-dd}..{mon.End.AddTicks(-1):yyyy-MM-dd}" : "";
                changes.Add(StackFileChange.Set(RatioKey, text,
                    $"peak {m.Monitoring!.PeakUsers:#,0} concurrent of {m.Monitoring.RegisteredUsers:#,0} registered, {window}, {evidence}"));
                overrides[RatioKey] = new RawScalar(file, text);
            }
        }
        if (m.Calibration is { } c)
        {
            var entries = new List<(string, string)>();
            if (c.App is { } a) entries.Add(("app", CapacityCalibration.Factor(a)));
            if (c.Database is { } d) entries.Add(("database", CapacityCalibration.Factor(d)));
            entries.Add(("source", c.Source));
            entries.Add(("window", c.Window));
            entries.Add(("measuredOn", CapacityCalibration.Day(c.MeasuredOn)));
            changes.Add(StackFileChange.SetMap(CalibrationKey, entries,
                $"vCPU need per user x the reference curve's, measured {evidence}" + (m.AppBasis is { } b ? $"; app from the {b}" : "")));
            overrides[CalibrationKey] = new RawMap(file, entries.ToImmutableSortedDictionary(e => e.Item1, e => (RawValue)new RawScalar(file, e.Item2), StringComparer.Ordinal));
        }
        else if (today_.Settings.Load.Calibration is { } old)
        {
            notes.Add($"removes the calibration of {old.Window} ({old.Source}): these exports support none");
            changes.Add(StackFileChange.Remove(CalibrationKey));
            overrides[CalibrationKey] = null;
        }

        var projected = Planner.PlanSettings(planner.Loader.Load(stack, overrides));
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(projected, today), $"Pulumi.{stack}.yaml (projected)");
        return new ProductionProjection(stack, m, today_, projected, PlanRenderings.Cost(today_), PlanRenderings.Cost(projected), changes,
            ConfigCommands(stack, changes, today_.Settings.Load.Calibration is not null), Changed(today_.Blueprint.Sizing, projected.Blueprint.Sizing), notes, audit);
    }

    /// <summary>The pulumi config set commands that make the same change (what --write does to the file).</summary>
    private static IReadOnlyList<string> ConfigCommands(string stack, IReadOnlyList<StackFileChange> changes, bool hadCalibration)
    {
        var commands = new List<string>();
        foreach (var change in changes)
        {
            if (change.Removes || (change.Map is not null && hadCalibration))
                commands.Add($"pulumi config rm --stack {stack} {change.Key}");
            if (change.Scalar is { } s) commands.Add($"pulumi config set --stack {stack} {change.Key} {s}");
            if (change.Map is { } map)
                foreach (var (k, v) in map) commands.Add($"pulumi config set --stack {stack} --path '{change.Key}.{k}' {v}");
        }
        return commands;
    }

    /// <summary>Decisions matched by component and position within it, whose outcome differs.</summary>
    private static IReadOnlyList<ChangedDecision> Changed(SizingPlan before, SizingPlan after)
    {
        var result = new List<ChangedDecision>();
        foreach (var component in after.Decisions.Select(d => d.Component).Distinct(StringComparer.Ordinal))
        {
            var b = before.Decisions.Where(d => d.Component == component).ToList();
            var a = after.Decisions.Where(d => d.Component == component).ToList();
            for (var i = 0; i < a.Count; i++)
            {
                var was = i < b.Count ? b[i].Decision : "-";
                if (was != a[i].Decision) result.Add(new ChangedDecision(component, was, a[i].Decision, a[i].Reason));
            }
        }
        return result;
    }

    /// <summary>"5 x c7i.large" or "5 pods of 1805m on 3 x c7i.2xlarge".</summary>
    public static string AppHardware(SizingPlan z) => z.Kubernetes is { } k
        ? $"{k.Replicas} pods of {k.PodCpuRequestMillicores}m on {k.TotalNodes} x {k.NodeInstanceType}"
        : $"{z.App.Nodes} x {z.App.InstanceType}";

    public static string DatabaseHardware(SizingPlan z) => $"{z.Database.Instances} x {z.Database.InstanceClass}";

    public static string SearchHardware(SizingPlan z) => z.Search.Enabled ? $"{z.Search.Nodes} x {z.Search.InstanceType}" : "none";
}
