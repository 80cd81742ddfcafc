using System.Collections.Immutable;
using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>
/// Compares a base graph (what is deployed, read from a previous plan) with the desired graph and says,
/// per resource, what Pulumi would do: add, update property by property, replace, or delete. A replacement
/// comes from the replace-on-change rules of the type, a changed type, parent or provider, or a replaced
/// dependency whose new output feeds a replace-on-change input (walked in dependency order).
/// </summary>
public static class GraphDiff
{
    /// <summary>What the walk knows about the resources already compared (dependencies come first).</summary>
    private sealed class Walk
    {
        public readonly HashSet<string> Replaced = new(StringComparer.Ordinal);
        public readonly HashSet<string> MaybeReplaced = new(StringComparer.Ordinal);

        /// <summary>Replaced resources that end up in another VPC: a replaced VPC, and what is replaced because it is placed in one.</summary>
        public readonly HashSet<string> Moved = new(StringComparer.Ordinal);

        /// <summary>For every (possibly) replaced resource, where its replacement starts, for the resources it passes on to.</summary>
        public readonly Dictionary<string, ReplaceCause> Origins = new(StringComparer.Ordinal);

        public string? Gone(string resource) =>
            Replaced.Contains(resource) ? "replaced" : MaybeReplaced.Contains(resource) ? "possibly replaced" : null;
    }

    public static GraphDiffResult Compare(ResourceGraph before, ResourceGraph after)
    {
        var baseNodes = before.Nodes.Select(Normalize).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var desired = after.Nodes.Select(Normalize).ToList();
        var desiredByName = desired.ToDictionary(n => n.Name, StringComparer.Ordinal);

        var walk = new Walk();
        var changes = new Dictionary<string, ResourceChange>(StringComparer.Ordinal);
        var unchanged = 0;
        var unchangedComponents = 0;

        // Dependencies first, so that a replacement is known before the resources that take its outputs.
        foreach (var node in GraphOrder.Topological(after).Select(n => desiredByName[n.Name]))
        {
            if (!baseNodes.TryGetValue(node.Name, out var old))
            {
                changes[node.Name] = Change(node, ChangeAction.Add, [], [], node.Options);
                continue;
            }
            var change = CompareNode(old, node, walk);
            if (change is null)
            {
                if (node.IsComponent) unchangedComponents++;
                else unchanged++;
                continue;
            }
            changes[node.Name] = change;
        }

        var ordered = desired.Where(n => changes.ContainsKey(n.Name)).Select(n => changes[n.Name]).ToList();
        foreach (var old in before.Nodes.Select(Normalize).Where(n => !desiredByName.ContainsKey(n.Name)))
            ordered.Add(Change(old, ChangeAction.Delete, [], [], old.Options));

        return new GraphDiffResult([.. ordered], unchanged, CompareOutputs(before, after), [.. RenameHints(ordered, baseNodes, desiredByName)], unchangedComponents);
    }

    private static ResourceChange? CompareNode(ResourceNode old, ResourceNode node, Walk walk)
    {
        var reasons = new List<string>();
        var maybeReasons = new List<string>();
        if (old.Type != node.Type)
        {
            reasons.Add($"its type changes from {old.Type} to {node.Type}");
            var typeChange = Change(node, ChangeAction.Replace, [new PropertyChange("type", new StringValue(old.Type), new StringValue(node.Type), ForcesReplacement: true)], reasons, old.Options);
            Record(walk, typeChange, new ReplaceCause(node.Name, "type", "its type changed", []), moved: ReplaceRules.NetworkBoundaries.Contains(node.Type));
            return typeChange;
        }

        var properties = ValueDiff.Compare(old.Properties, node.Properties);
        // Outputs of a replaced dependency are new values, known only at deploy time.
        foreach (var (path, r) in ValuePaths.References(node.Properties))
        {
            var gone = walk.Gone(r.Resource);
            if (gone is null || properties.Any(p => p.Path == path)) continue;
            properties.Add(new PropertyChange(path, r, r, Note: $"new value: {r.Resource} is {gone}"));
        }

        var rules = ReplaceRules.For(node.Type);
        var triggered = new List<(ReplaceRule Rule, bool Certain)>();
        foreach (var rule in rules)
        {
            var outcome = Evaluate(rule, old.Properties, node.Properties, walk);
            if (outcome is { } certain) triggered.Add((rule, certain));
        }

        var ignored = node.Options.IgnoreChanges;
        for (var i = 0; i < properties.Count; i++)
        {
            var p = properties[i];
            if (ignored.Any(path => ValuePaths.IsWithin(p.Path, path)))
            {
                properties[i] = p with { Note = "ignored: the resource lists it in ignoreChanges" };
                continue;
            }
            var hit = triggered.Where(t => Covers(t.Rule, p.Path)).ToList();
            if (hit.Count > 0)
                properties[i] = p with { ForcesReplacement = hit.Any(h => h.Certain), MayForceReplacement = hit.All(h => !h.Certain) };
        }

        // Where the replacement starts: the first replaced dependency it takes from, else its own change.
        ReplaceCause? own = null;
        (ReplaceCause Origin, string Through)? inherited = null, maybeInherited = null;
        var movesVpc = false;
        foreach (var (rule, certain) in triggered)
        {
            var unchangedText = Equals(ValuePaths.Lookup(old.Properties, rule.Segments), ValuePaths.Lookup(node.Properties, rule.Segments));
            var dependency = unchangedText || rule.When == ReplaceWhen.AnotherVpc ? CascadeSource(rule, node.Properties, walk) : null;
            string why;
            if (dependency is null)
            {
                why = rule.Describe();
                own ??= new ReplaceCause(node.Name, rule.Path, RootWhy(rule), []);
            }
            else
            {
                why = rule.When == ReplaceWhen.AnotherVpc
                    ? $"{rule.Path} takes {dependency}, which moves to another VPC: {rule.Describe()}"
                    : $"{rule.Path} takes an output of {dependency}, which is {walk.Gone(dependency)}, and {rule.Describe()}";
                if (walk.Origins.TryGetValue(dependency, out var origin))
                {
                    if (certain) inherited ??= (origin, $"{node.Name}.{rule.Path}");
                    else maybeInherited ??= (origin, $"{node.Name}.{rule.Path}");
                }
                if (certain && walk.Moved.Contains(dependency)) movesVpc = true;
            }
            (certain ? reasons : maybeReasons).Add($"{why} [{rule.Source}]");
        }

        properties.AddRange(CompareOptions(old.Options, node.Options, reasons, walk, ref own, ref inherited, node.Name));

        var review = VersionChanges.For(old, node, walk.Replaced);
        if (review?.ReplaceReason is { } refused)
        {
            reasons.Add(refused);
            own ??= new ReplaceCause(node.Name, review.Path, review.RootWhy ?? "its version changed", []);
            for (var i = 0; i < properties.Count; i++)
                if (properties[i].Path == review.Path)
                    properties[i] = properties[i] with { ForcesReplacement = true };
        }

        var effective = properties.Where(p => p.Note is null || !p.Note.StartsWith("ignored", StringComparison.Ordinal)).ToList();
        if (effective.Count == 0 && reasons.Count == 0 && maybeReasons.Count == 0)
            return null;

        var action = reasons.Count > 0 ? ChangeAction.Replace : maybeReasons.Count > 0 ? ChangeAction.MaybeReplace : ChangeAction.Update;
        if (action == ChangeAction.MaybeReplace) inherited ??= maybeInherited;
        if (action == ChangeAction.Update) inherited = null;
        // A replacement that also comes from upstream is told from where it starts: the furthest cause explains the most.
        var cause = inherited is { } from ? from.Origin with { Through = from.Origin.Through.Add(from.Through) } : null;
        var change = Change(node, action, properties, reasons.Count > 0 ? reasons : maybeReasons, old.Options, cause, review?.Warnings ?? []);
        if (action is ChangeAction.Replace or ChangeAction.MaybeReplace)
            Record(walk, change, cause ?? own ?? new ReplaceCause(node.Name, null, "its inputs changed", []),
                moved: action == ChangeAction.Replace && (movesVpc || ReplaceRules.NetworkBoundaries.Contains(node.Type)));
        return change;
    }

    private static void Record(Walk walk, ResourceChange change, ReplaceCause origin, bool moved)
    {
        (change.Action == ChangeAction.Replace ? walk.Replaced : walk.MaybeReplaced).Add(change.Name);
        walk.Origins[change.Name] = origin;
        if (moved) walk.Moved.Add(change.Name);
    }

    private static string RootWhy(ReplaceRule rule) => rule.When switch
    {
        ReplaceWhen.Removed => $"{rule.Path} removed",
        ReplaceWhen.AddedOrRemoved => $"{rule.Path} added or removed",
        ReplaceWhen.Disabled => $"{rule.Path} switched off",
        _ => $"{rule.Path} changed",
    };

    /// <summary>Null when the rule does not fire; true when it certainly replaces, false when it may.</summary>
    private static bool? Evaluate(ReplaceRule rule, MapValue before, MapValue after, Walk walk)
    {
        var b = ValuePaths.Lookup(before, rule.Segments);
        var a = ValuePaths.Lookup(after, rule.Segments);
        var refs = a?.References().Select(r => r.Resource).ToList() ?? [];
        var dependencyReplaced = refs.Any(walk.Replaced.Contains);
        var dependencyMaybe = refs.Any(walk.MaybeReplaced.Contains);
        var changed = !Equals(b, a);
        switch (rule.When)
        {
            case ReplaceWhen.Changed:
                if (changed || dependencyReplaced) return true;
                return dependencyMaybe ? false : null;
            case ReplaceWhen.Removed:
                return b is not null && a is null ? true : null;
            case ReplaceWhen.AddedOrRemoved:
                return (b is null) != (a is null) ? true : null;
            case ReplaceWhen.Disabled:
                return IsTrue(b) && !IsTrue(a) ? true : null;
            case ReplaceWhen.AnotherVpc:
                // Inside its VPC the provider updates it; only what moves to another VPC cannot follow in place.
                return refs.Any(walk.Moved.Contains) ? true : null;
            default:
                return changed || dependencyReplaced || dependencyMaybe ? false : null;
        }
    }

    private static string? CascadeSource(ReplaceRule rule, MapValue after, Walk walk) =>
        ValuePaths.Lookup(after, rule.Segments)?.References().Select(r => r.Resource)
            .FirstOrDefault(r => rule.When == ReplaceWhen.AnotherVpc ? walk.Moved.Contains(r) : walk.Gone(r) is not null);

    private static bool IsTrue(Value? v) => v is BoolValue { Flag: true } || v is StringValue { Text: "true" };

    /// <summary>A change at <paramref name="path"/> is covered when it lies inside the rule's path, or contains it.</summary>
    private static bool Covers(ReplaceRule rule, string path)
    {
        var p = ValuePaths.WithoutIndices(path);
        return ValuePaths.IsWithin(p, rule.Path) || rule.Path.StartsWith(p + ".", StringComparison.Ordinal);
    }

    private static List<PropertyChange> CompareOptions(NodeOptions old, NodeOptions now, List<string> reasons, Walk walk,
        ref ReplaceCause? own, ref (ReplaceCause Origin, string Through)? inherited, string name)
    {
        var result = new List<PropertyChange>();
        static Value? S(string? s) => s is null ? null : new StringValue(s);
        static Value? L(ImmutableArray<string> items) => items.IsDefaultOrEmpty ? null : V.Strings(items);
        if (old.Parent != now.Parent)
        {
            reasons.Add($"it moves from component {old.Parent ?? "(none)"} to {now.Parent ?? "(none)"}: its URN changes, so Pulumi replaces it unless an alias keeps the old URN");
            result.Add(new PropertyChange("options.parent", S(old.Parent), S(now.Parent), ForcesReplacement: true));
            own ??= new ReplaceCause(name, "options.parent", "it moved to another component", []);
        }
        if (old.Provider != now.Provider)
        {
            reasons.Add($"its provider changes from {old.Provider ?? "(default)"} to {now.Provider ?? "(default)"}");
            result.Add(new PropertyChange("options.provider", S(old.Provider), S(now.Provider), ForcesReplacement: true));
            own ??= new ReplaceCause(name, "options.provider", "its provider changed", []);
        }
        else if (now.Provider is { } provider && walk.Replaced.Contains(provider))
        {
            reasons.Add($"its provider {provider} is replaced");
            result.Add(new PropertyChange("options.provider", S(provider), S(provider), ForcesReplacement: true, Note: $"{provider} is replaced"));
            if (walk.Origins.TryGetValue(provider, out var origin)) inherited ??= (origin, $"{name}.options.provider");
        }
        if (old.Protect != now.Protect) result.Add(new PropertyChange("options.protect", old.Protect, now.Protect));
        if (old.RetainOnDelete != now.RetainOnDelete) result.Add(new PropertyChange("options.retainOnDelete", old.RetainOnDelete, now.RetainOnDelete));
        if (!old.DependsOn.SequenceEqual(now.DependsOn)) result.Add(new PropertyChange("options.dependsOn", L(old.DependsOn), L(now.DependsOn)));
        if (!old.IgnoreChanges.SequenceEqual(now.IgnoreChanges)) result.Add(new PropertyChange("options.ignoreChanges", L(old.IgnoreChanges), L(now.IgnoreChanges)));
        if (!old.AdditionalSecretOutputs.SequenceEqual(now.AdditionalSecretOutputs))
            result.Add(new PropertyChange("options.additionalSecretOutputs", L(old.AdditionalSecretOutputs), L(now.AdditionalSecretOutputs)));
        return result;
    }

    private static ResourceChange Change(ResourceNode node, ChangeAction action, IEnumerable<PropertyChange> properties, IEnumerable<string> reasons,
        NodeOptions stateOptions, ReplaceCause? cause = null, ImmutableArray<string> warnings = default) =>
        new(node.Name, node.Type, node.Options.Parent, action, [.. properties], [.. reasons], StatefulTypes.RiskOf(node.Type),
            stateOptions.Protect, stateOptions.RetainOnDelete, node.IsComponent, cause, warnings.IsDefault ? [] : warnings);

    private static ImmutableArray<OutputChange> CompareOutputs(ResourceGraph before, ResourceGraph after)
    {
        var old = before.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var now = after.Outputs.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var result = new List<OutputChange>();
        foreach (var name in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var b = old.TryGetValue(name, out var ob) ? ValuePaths.Normalize(ob.Value) : null;
            var a = now.TryGetValue(name, out var oa) ? ValuePaths.Normalize(oa.Value) : null;
            if (b is null) result.Add(new OutputChange(name, ChangeAction.Add, null, a));
            else if (a is null) result.Add(new OutputChange(name, ChangeAction.Delete, b, null));
            else if (!Equals(a, b) || ob!.Secret != oa!.Secret) result.Add(new OutputChange(name, ChangeAction.Update, b, a));
        }
        return [.. result];
    }

    /// <summary>A deleted and an added resource of one type with the same inputs are most likely a rename.</summary>
    private static IEnumerable<string> RenameHints(List<ResourceChange> changes, Dictionary<string, ResourceNode> baseNodes, Dictionary<string, ResourceNode> desired)
    {
        var added = changes.Where(c => c.Action == ChangeAction.Add).Select(c => desired[c.Name]).ToList();
        foreach (var gone in changes.Where(c => c.Action == ChangeAction.Delete).Select(c => baseNodes[c.Name]))
        {
            var twin = added.FirstOrDefault(a => a.Type == gone.Type && a.Properties.Equals(gone.Properties));
            if (twin is not null)
                yield return $"{gone.Name} -> {twin.Name} looks like a rename: Pulumi would delete {gone.Name} and create {twin.Name}; add an alias to keep the resource";
        }
    }

    private static ResourceNode Normalize(ResourceNode n) => n with { Properties = (MapValue)ValuePaths.Normalize(n.Properties) };
}
