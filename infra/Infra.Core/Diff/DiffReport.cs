using System.Collections.Immutable;
using Infra.Core.Cost;

namespace Infra.Core.Diff;

/// <summary>A component's monthly cost before and after.</summary>
public sealed record CostChange(string Component, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>Everything the diff renderers show: which stack, against what, the resource changes and the cost change.</summary>
public sealed record DiffReport(string Stack, string BaseLabel, string? BaseStack, GraphDiffResult Result, CostEstimate CostBefore, CostEstimate CostAfter)
{
    /// <summary>The settings that changed and what they caused; null when the diff was not given settings to compare.</summary>
    public SettingsReport? Settings { get; init; }

    /// <summary>Changes of Mattermost's own configuration that would lock users out (<see cref="LockOutChanges"/>).</summary>
    public ImmutableArray<LockOut> LockOuts { get; init; } = [];

    /// <summary>Deploying needs an explicit approval: data would be lost, or users locked out. The diff exits with 3.</summary>
    public bool RequiresApproval => Result.RequiresApproval || !LockOuts.IsEmpty;

    /// <summary>The settings that change this input (or, with an empty path, this resource).</summary>
    public ImmutableArray<string> SettingsFor(string resource, string path = "") => Settings?.For(resource, path) ?? [];

    /// <summary>Why a replacement that comes from another resource happens, naming the setting that started it where known.</summary>
    public string? CauseText(ResourceChange c) =>
        c.Cause is { } cause ? cause.Describe(cause.RootPath is { } p && SettingsFor(cause.Root, p) is { IsEmpty: false } keys ? string.Join(", ", keys) : null) : null;

    /// <summary>The legend of the symbols the text diff prints.</summary>
    public const string TextLegend = "Legend: + add, ~ update in place, +- replace (the old one is deleted), +-? may be replaced (the provider decides at preview), "
        + "- delete, [stateful] holds data, !!! data-loss banner (exit code 3), !!! lock-out banner (exit code 3), >>> needs care before deploying (one-way, outage, or refused by AWS).";

    /// <summary>How the resource counts are meant, said wherever a count is shown.</summary>
    public string Counted => $"the {Result.Components} component resources that group them are not counted";

    public decimal MonthlyChange => CostAfter.Monthly - CostBefore.Monthly;

    public ImmutableArray<CostChange> ComponentCosts =>
    [
        .. CostAfter.Components.Select(c => c.Component)
            .Concat(CostBefore.Components.Select(c => c.Component).Where(c => CostAfter.Components.All(a => a.Component != c)))
            .Select(c => new CostChange(c, CostBefore.ComponentMonthly(c), CostAfter.ComponentMonthly(c))),
    ];

    /// <summary>Notes for the reader: the diff engine's own notes.</summary>
    public IEnumerable<string> Notes
    {
        get
        {
            foreach (var n in Result.Notes) yield return n;
        }
    }

    /// <summary>Changes in the order reviewers need them: data loss first, then replacements, deletions, additions, updates.</summary>
    public IEnumerable<ResourceChange> Ordered =>
        Result.Changes.OrderBy(c => c.LosesData ? 0 : 1).ThenBy(c => c.Action switch
        {
            ChangeAction.Replace => 0,
            ChangeAction.MaybeReplace => 1,
            ChangeAction.Delete => 2,
            ChangeAction.Add => 3,
            _ => 4,
        });

    public string CostSentence()
    {
        var unknown = Math.Max(CostBefore.UnknownPrices, CostAfter.UnknownPrices);
        var caveat = unknown > 0 ? $", plus usage-based charges and items of unknown price ({CostBefore.UnknownPrices} before, {CostAfter.UnknownPrices} after)" : ", plus usage-based charges";
        return $"{Money.Usd(CostBefore.Monthly)} -> {Money.Usd(CostAfter.Monthly)} per month ({Money.Signed(MonthlyChange)}){caveat}";
    }
}
