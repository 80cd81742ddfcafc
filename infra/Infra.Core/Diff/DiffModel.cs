using System.Collections.Immutable;
using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>What happens to a resource when the desired state is deployed over the base.</summary>
public enum ChangeAction { Add, Update, Replace, MaybeReplace, Delete }

/// <summary>One changed leaf of a resource's inputs (or a resource option, under <c>options.</c>).</summary>
/// <param name="Path">Where: <c>engine</c>, <c>vpcConfig.subnetIds[1]</c>, <c>options.protect</c>.</param>
/// <param name="Before">The base value, null when absent.</param>
/// <param name="After">The desired value, null when absent.</param>
/// <param name="ForcesReplacement">A replace rule covers this path (or <see cref="MayForceReplacement"/>).</param>
/// <param name="Note">Why it is listed when the text alone does not say (a replaced dependency, an ignored change).</param>
public sealed record PropertyChange(string Path, Value? Before, Value? After, bool ForcesReplacement = false, bool MayForceReplacement = false, string? Note = null)
{
    public string BeforeText => ValueText.Of(Before);

    public string AfterText => ValueText.Of(After);

    /// <summary>For multi-line text (scripts, documents): the lines removed and added, since the one-line form cuts them off.</summary>
    public IReadOnlyList<string> LineChanges => ValueText.LineChanges(Before, After);
}

/// <summary>
/// Where a replacement that comes from another resource starts: the resource replaced for its own reasons
/// (<paramref name="Root"/>, because <paramref name="RootPath"/> changed, or for <paramref name="RootWhy"/>), and
/// the inputs it travels through (<c>databaseSubnetA.vpcId</c>, <c>databaseSubnetGroup.subnetIds</c>, ...), the last
/// being this resource's own input.
/// </summary>
public sealed record ReplaceCause(string Root, string? RootPath, string RootWhy, ImmutableArray<string> Through)
{
    /// <summary>The sentence; <paramref name="rootSetting"/> names the setting that changed the root's input, when known.</summary>
    public string Describe(string? rootSetting = null)
    {
        var why = rootSetting is null ? RootWhy : $"{RootWhy} by {rootSetting}";
        return Through.IsEmpty
            ? $"replaced because {Root} is replaced ({why})"
            : $"replaced because {Root} is replaced ({why}), through {string.Join(" -> ", Through)}";
    }
}

/// <summary>A resource that is added, updated, replaced or deleted, with the reasons.</summary>
/// <param name="Cause">For a replacement caused by another resource's replacement: the chain back to where it starts.</param>
/// <param name="Warnings">What the change does beyond its properties (an engine upgrade's outage, an order that matters).</param>
public sealed record ResourceChange(
    string Name,
    string Type,
    string? Component,
    ChangeAction Action,
    ImmutableArray<PropertyChange> Properties,
    ImmutableArray<string> ReplaceReasons,
    string? StatefulRisk,
    bool Protected,
    bool RetainedOnDelete,
    bool IsComponent = false,
    ReplaceCause? Cause = null,
    ImmutableArray<string> Warnings = default)
{
    public string? CauseText => Cause?.Describe();

    public ImmutableArray<string> Notices => Warnings.IsDefault ? [] : Warnings;

    /// <summary>Replacing or deleting a resource that holds data: the change needs an explicit approval.</summary>
    public bool LosesData => StatefulRisk is not null && Action is ChangeAction.Replace or ChangeAction.MaybeReplace or ChangeAction.Delete;

    public string Verb => Action switch
    {
        ChangeAction.Add => "add",
        ChangeAction.Update => "update",
        ChangeAction.Replace => "replace",
        ChangeAction.MaybeReplace => "may replace",
        _ => "delete",
    };

    public string Symbol => Action switch
    {
        ChangeAction.Add => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "+-",
        ChangeAction.MaybeReplace => "+-?",
        _ => "-",
    };

    /// <summary>What Pulumi will do about the data, in one sentence, for the banner.</summary>
    public string Consequence
    {
        get
        {
            var what = Action == ChangeAction.Delete ? "deleted" : Action == ChangeAction.MaybeReplace ? "possibly replaced" : "replaced";
            var s = $"{Name} ({Type}) would be {what}: {StatefulRisk}.";
            if (Protected) s += " It is protected, so `pulumi up` will refuse until protect is lifted.";
            if (RetainedOnDelete)
                s += Action == ChangeAction.Delete
                    ? " It is retained in AWS (retainOnDelete), but no longer managed by the stack."
                    : " The old one is retained in AWS (retainOnDelete), but the stack would switch to a new one.";
            return s;
        }
    }
}

/// <summary>A stack output that appears, changes or disappears.</summary>
public sealed record OutputChange(string Name, ChangeAction Action, Value? Before, Value? After);

/// <summary>Everything that differs between a base graph and the desired graph.</summary>
/// <param name="Unchanged">Resources that match the base (component resources not counted).</param>
/// <param name="UnchangedComponents">Component resources that match the base.</param>
public sealed record GraphDiffResult(
    ImmutableArray<ResourceChange> Changes,
    int Unchanged,
    ImmutableArray<OutputChange> Outputs,
    ImmutableArray<string> Notes,
    int UnchangedComponents = 0)
{
    public IEnumerable<ResourceChange> DataLoss => Changes.Where(c => c.LosesData);

    public bool RequiresApproval => Changes.Any(c => c.LosesData);

    /// <summary>Changes of this kind to resources; component resources, which only group them, are counted apart.</summary>
    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action && !c.IsComponent);

    public int ComponentChanges => Changes.Count(c => c.IsComponent);

    /// <summary>Component resources of the desired graph (they group resources and are counted apart from them).</summary>
    public int Components => UnchangedComponents + Changes.Count(c => c.IsComponent && c.Action != ChangeAction.Delete);

    /// <summary>Changes with something to know beyond their properties (engine upgrades and the like).</summary>
    public IEnumerable<ResourceChange> WithWarnings => Changes.Where(c => !c.Notices.IsEmpty);

    public bool IsEmpty => Changes.IsEmpty && Outputs.IsEmpty;
}
