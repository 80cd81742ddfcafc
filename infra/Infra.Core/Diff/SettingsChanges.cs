using System.Collections.Immutable;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Sizing;

namespace Infra.Core.Diff;

/// <summary>A sizing decision that reads differently, with the reason the new plan gives.</summary>
public sealed record DecisionChange(string Component, string? Before, string? After, string Reason)
{
    public string Text => $"{Component}: {Before ?? "(none)"} -> {After ?? "(none)"}" + (Reason.Length > 0 ? $" ({Reason})" : "");
}

/// <summary>
/// A setting whose resolved value differs from the base plan's, and what it caused: the sizing decisions that read
/// differently and the resource inputs that change (<c>databaseWriter.instanceClass</c>), found by planning the
/// stack again with only this setting at its base value.
/// </summary>
/// <param name="Unreplayed">Why its effects are unknown, when the stack cannot be planned with its base value any more.</param>
public sealed record SettingChange(
    string Key,
    string Before,
    string BeforeSource,
    string After,
    string AfterSource,
    ImmutableArray<DecisionChange> Decisions,
    ImmutableArray<string> Effects,
    string? Unreplayed)
{
    /// <summary>Resources replaced because of this setting, directly or through a chain of replacements.</summary>
    public ImmutableArray<string> Replaces { get; init; } = [];

    /// <summary>Those of <see cref="Replaces"/> that hold data.</summary>
    public ImmutableArray<string> ReplacesStateful { get; init; } = [];

    /// <summary>"replaces 76 resources (stateful: databaseCluster, eksCluster)", or null when it replaces none.</summary>
    public string? ReplacementText => Replaces.IsEmpty ? null
        : $"replaces {Replaces.Length} resource{(Replaces.Length == 1 ? "" : "s")}"
          + (ReplacesStateful.IsEmpty ? "" : $" (stateful: {string.Join(", ", ReplacesStateful)})");

    /// <summary><c>20000 -> 60000 (Pulumi.production.yaml)</c>, or each side with its source when they differ.</summary>
    public string ValueText => BeforeSource == AfterSource
        ? $"{Before} -> {After} ({AfterSource})"
        : $"{Before} ({BeforeSource}) -> {After} ({AfterSource})";
}

/// <summary>The settings part of a diff: which settings changed, and which resource inputs each one explains.</summary>
/// <param name="BaseKnown">False when the base plan does not carry its settings (written before plan.json did).</param>
/// <param name="Unexplained">Changed resources that no setting explains: the program changed, or the base was planned by another version.</param>
public sealed record SettingsReport(
    bool BaseKnown,
    ImmutableArray<SettingChange> Changes,
    ImmutableDictionary<string, ImmutableArray<string>> ByProperty,
    ImmutableArray<string> Unexplained)
{
    public static SettingsReport Unknown { get; } = new(false, [], ImmutableDictionary<string, ImmutableArray<string>>.Empty, []);

    public const string UnknownText = "settings of the base plan unknown (it was written before plan.json carried them), so the changes are not attributed to settings";

    /// <summary>The settings that change this input of this resource (the resource itself when <paramref name="path"/> is empty).</summary>
    public ImmutableArray<string> For(string resource, string? path) =>
        ByProperty.TryGetValue(Key(resource, path ?? ""), out var keys) ? keys : [];

    internal static string Key(string resource, string path) => resource + "\u0000" + path;

    /// <summary>Where changes no setting explains come from.</summary>
    public static string UnexplainedWhy(SettingsReport s) =>
        "the program changed, or the base plan was written by another version"
        + (s.Changes.Any(c => c.Unreplayed is not null) ? ", or they come from a setting above whose effects are unknown" : "");
}

/// <summary>Compares the base plan's settings with the desired ones and attributes the resource changes to them.</summary>
public static class SettingsChanges
{
    /// <summary>
    /// <paramref name="replan"/> plans the stack with some settings overridden (a null value removes the key), the
    /// way `plan` would with those values in the stack file.
    /// </summary>
    public static SettingsReport Compare(PlanSnapshot basePlan, StackPlan desired, GraphDiffResult diff,
        Func<IReadOnlyDictionary<string, RawValue?>, StackPlan> replan)
    {
        if (basePlan.Settings is not { } before) return SettingsReport.Unknown;

        var changes = new List<SettingChange>();
        var byProperty = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var now in desired.Settings.Resolved)
        {
            if (!before.TryGetValue(now.Key, out var was)) continue; // a key the base's program did not have: nothing to compare
            var after = now.Text;
            if (was.Text == after) continue;

            StackPlan counterfactual;
            try
            {
                counterfactual = replan(new Dictionary<string, RawValue?> { [now.Key] = was.Raw });
            }
            catch (ConfigException e)
            {
                changes.Add(new SettingChange(now.Key, was.Text, was.Source, after, now.Source, [], [],
                    $"the stack cannot be planned with its base value any more ({e.Problems[0].Message}), so what it caused is not known"));
                continue;
            }

            // What differs between "everything new but this setting" and "everything new" is this setting's doing.
            var effect = GraphDiff.Compare(counterfactual.Graph, desired.Graph);
            var effects = new List<string>();
            foreach (var c in effect.Changes.Where(c => !c.IsComponent))
            {
                Attribute(byProperty, c.Name, "", now.Key);
                if (c.Action is ChangeAction.Add or ChangeAction.Delete)
                {
                    effects.Add($"{c.Name} ({(c.Action == ChangeAction.Add ? "added" : "deleted")})");
                    continue;
                }
                foreach (var p in c.Properties.Where(p => p.Note is null))
                {
                    Attribute(byProperty, c.Name, p.Path, now.Key);
                    effects.Add($"{c.Name}.{p.Path}");
                }
            }
            changes.Add(new SettingChange(now.Key, was.Text, was.Source, after, now.Source,
                Decisions(counterfactual.Blueprint.Sizing.Decisions, desired.Blueprint.Sizing.Decisions), [.. effects], null));
        }

        var explained = byProperty.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
        var report = new SettingsReport(true, [.. changes], explained, []);

        // Replacements each setting leads to: through the chain's start when another resource passes it on, else
        // through the replaced resource's own inputs that force it.
        var replaces = new Dictionary<string, List<ResourceChange>>(StringComparer.Ordinal);
        foreach (var c in diff.Changes.Where(c => c.Action is ChangeAction.Replace or ChangeAction.MaybeReplace && !c.IsComponent))
        {
            var keys = c.Cause is { RootPath: { } rootPath } cause
                ? report.For(cause.Root, rootPath)
                : [.. c.Properties.Where(p => p.ForcesReplacement || p.MayForceReplacement).SelectMany(p => report.For(c.Name, p.Path)).Distinct()];
            foreach (var key in keys)
            {
                if (!replaces.TryGetValue(key, out var list)) replaces[key] = list = [];
                list.Add(c);
            }
        }
        report = report with
        {
            Changes = [.. report.Changes.Select(sc => replaces.TryGetValue(sc.Key, out var list)
                ? sc with { Replaces = [.. list.Select(c => c.Name)], ReplacesStateful = [.. list.Where(c => c.StatefulRisk is not null).Select(c => c.Name)] }
                : sc)],
        };
        var unexplained = diff.Changes
            .Where(c => !c.IsComponent && report.For(c.Name, "").IsEmpty)
            .Where(c => c.Action is ChangeAction.Add or ChangeAction.Delete || c.Properties.Any(p => p.Note is null))
            .Select(c => c.Name);
        return report with { Unexplained = [.. unexplained] };
    }

    private static void Attribute(Dictionary<string, List<string>> byProperty, string resource, string path, string key)
    {
        var k = SettingsReport.Key(resource, path);
        if (!byProperty.TryGetValue(k, out var keys)) byProperty[k] = keys = [];
        if (!keys.Contains(key)) keys.Add(key);
    }

    /// <summary>Decisions paired by component and position within it; those that read differently.</summary>
    private static ImmutableArray<DecisionChange> Decisions(ImmutableArray<SizingDecision> before, ImmutableArray<SizingDecision> after)
    {
        var result = new List<DecisionChange>();
        foreach (var component in after.Select(d => d.Component).Concat(before.Select(d => d.Component)).Distinct())
        {
            var b = before.Where(d => d.Component == component).ToList();
            var a = after.Where(d => d.Component == component).ToList();
            for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                var was = i < b.Count ? b[i] : null;
                var now = i < a.Count ? a[i] : null;
                if (was?.Decision == now?.Decision) continue;
                result.Add(new DecisionChange(component, was?.Decision, now?.Decision, now?.Reason ?? ""));
            }
        }
        return [.. result];
    }
}
