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
    public static GraphDiffResult Compare(ResourceGraph before, ResourceGraph after)
    {
        var baseNodes = before.Nodes.Select(Normalize).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var desired = after.Nodes.Select(Normalize).ToList();
        var desiredByName = desired.ToDictionary(n => n.Name, StringComparer.Ordinal);

        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var maybeReplaced = new HashSet<string>(StringComparer.Ordinal);
        var changes = new Dictionary<string, ResourceChange>(StringComparer.Ordinal);
        var unchanged = 0;

        // Dependencies first, so that a replacement is known before the resources that take its outputs.
        foreach (var node in GraphOrder.Topological(after).Select(n => desiredByName[n.Name]))
        {
            if (!baseNodes.TryGetValue(node.Name, out var old))
            {
                changes[node.Name] = Change(node, ChangeAction.Add, [], [], node.Options);
                continue;
            }
            var change = CompareNode(old, node, replaced, maybeReplaced);
            if (change is null) { unchanged++; continue; }
            changes[node.Name] = change;
            if (change.Action == ChangeAction.Replace) replaced.Add(node.Name);
            if (change.Action == ChangeAction.MaybeReplace) maybeReplaced.Add(node.Name);
        }

        var ordered = desired.Where(n => changes.ContainsKey(n.Name)).Select(n => changes[n.Name]).ToList();
        foreach (var old in before.Nodes.Select(Normalize).Where(n => !desiredByName.ContainsKey(n.Name)))
            ordered.Add(Change(old, ChangeAction.Delete, [], [], old.Options));

        return new GraphDiffResult([.. ordered], unchanged, CompareOutputs(before, after), [.. RenameHints(ordered, baseNodes, desiredByName)]);
    }

    private static ResourceChange? CompareNode(ResourceNode old, ResourceNode node, HashSet<string> replaced, HashSet<string> maybeReplaced)
    {
        var reasons = new List<string>();
        var maybeReasons = new List<string>();
        if (old.Type != node.Type)
        {
            reasons.Add($"its type changes from {old.Type} to {node.Type}");
            return Change(node, ChangeAction.Replace, [new PropertyChange("type", new StringValue(old.Type), new StringValue(node.Type), ForcesReplacement: true)], reasons, old.Options);
        }

        var properties = ValueDiff.Compare(old.Properties, node.Properties);
        // Outputs of a replaced dependency are new values, known only at deploy time.
        foreach (var (path, r) in ValuePaths.References(node.Properties))
        {
            var gone = replaced.Contains(r.Resource) ? "replaced" : maybeReplaced.Contains(r.Resource) ? "possibly replaced" : null;
            if (gone is null || properties.Any(p => p.Path == path)) continue;
            properties.Add(new PropertyChange(path, r, r, Note: $"new value: {r.Resource} is {gone}"));
        }

        var rules = ReplaceRules.For(node.Type);
        var triggered = new List<(ReplaceRule Rule, bool Certain)>();
        foreach (var rule in rules)
        {
            var outcome = Evaluate(rule, old.Properties, node.Properties, replaced, maybeReplaced);
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
        foreach (var (rule, certain) in triggered)
        {
            var unchangedText = Equals(ValuePaths.Lookup(old.Properties, rule.Segments), ValuePaths.Lookup(node.Properties, rule.Segments));
            var dependency = unchangedText ? CascadeSource(rule, node.Properties, replaced, maybeReplaced) : null;
            var why = dependency is null
                ? rule.Describe()
                : $"{rule.Path} takes an output of {dependency}, which is {(replaced.Contains(dependency) ? "replaced" : "possibly replaced")}, and {rule.Describe()}";
            (certain ? reasons : maybeReasons).Add($"{why} [{rule.Source}]");
        }

        properties.AddRange(CompareOptions(old.Options, node.Options, reasons, replaced));
        var effective = properties.Where(p => p.Note is null || !p.Note.StartsWith("ignored", StringComparison.Ordinal)).ToList();
        if (effective.Count == 0 && reasons.Count == 0 && maybeReasons.Count == 0)
            return null;

        var action = reasons.Count > 0 ? ChangeAction.Replace : maybeReasons.Count > 0 ? ChangeAction.MaybeReplace : ChangeAction.Update;
        return Change(node, action, properties, reasons.Count > 0 ? reasons : maybeReasons, old.Options);
    }

    /// <summary>Null when the rule does not fire; true when it certainly replaces, false when it may.</summary>
    private static bool? Evaluate(ReplaceRule rule, MapValue before, MapValue after, HashSet<string> replaced, HashSet<string> maybeReplaced)
    {
        var b = ValuePaths.Lookup(before, rule.Segments);
        var a = ValuePaths.Lookup(after, rule.Segments);
        var refs = a?.References().Select(r => r.Resource).ToList() ?? [];
        var dependencyReplaced = refs.Any(replaced.Contains);
        var dependencyMaybe = refs.Any(maybeReplaced.Contains);
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
            default:
                return changed || dependencyReplaced || dependencyMaybe ? false : null;
        }
    }

    private static string? CascadeSource(ReplaceRule rule, MapValue after, HashSet<string> replaced, HashSet<string> maybeReplaced) =>
        ValuePaths.Lookup(after, rule.Segments)?.References().Select(r => r.Resource)
            .FirstOrDefault(r => replaced.Contains(r) || maybeReplaced.Contains(r));

    private static bool IsTrue(Value? v) => v is BoolValue { Flag: true } || v is StringValue { Text: "true" };

    /// <summary>A change at <paramref name="path"/> is covered when it lies inside the rule's path, or contains it.</summary>
    private static bool Covers(ReplaceRule rule, string path)
    {
        var p = ValuePaths.WithoutIndices(path);
        return ValuePaths.IsWithin(p, rule.Path) || rule.Path.StartsWith(p + ".", StringComparison.Ordinal);
    }

    private static IEnumerable<PropertyChange> CompareOptions(NodeOptions old, NodeOptions now, List<string> reasons, HashSet<string> replaced)
    {
        static Value? S(string? s) => s is null ? null : new StringValue(s);
        static Value? L(ImmutableArray<string> items) => items.IsDefaultOrEmpty ? null : V.Strings(items);
        if (old.Parent != now.Parent)
        {
            reasons.Add($"it moves from component {old.Parent ?? "(none)"} to {now.Parent ?? "(none)"}: its URN changes, so Pulumi replaces it unless an alias keeps the old URN");
            yield return new PropertyChange("options.parent", S(old.Parent), S(now.Parent), ForcesReplacement: true);
        }
        if (old.Provider != now.Provider)
        {
            reasons.Add($"its provider changes from {old.Provider ?? "(default)"} to {now.Provider ?? "(default)"}");
            yield return new PropertyChange("options.provider", S(old.Provider), S(now.Provider), ForcesReplacement: true);
        }
        else if (now.Provider is { } provider && replaced.Contains(provider))
        {
            reasons.Add($"its provider {provider} is replaced");
            yield return new PropertyChange("options.provider", S(provider), S(provider), ForcesReplacement: true, Note: $"{provider} is replaced");
        }
        if (old.Protect != now.Protect) yield return new PropertyChange("options.protect", old.Protect, now.Protect);
        if (old.RetainOnDelete != now.RetainOnDelete) yield return new PropertyChange("options.retainOnDelete", old.RetainOnDelete, now.RetainOnDelete);
        if (!old.DependsOn.SequenceEqual(now.DependsOn)) yield return new PropertyChange("options.dependsOn", L(old.DependsOn), L(now.DependsOn));
        if (!old.IgnoreChanges.SequenceEqual(now.IgnoreChanges)) yield return new PropertyChange("options.ignoreChanges", L(old.IgnoreChanges), L(now.IgnoreChanges));
        if (!old.AdditionalSecretOutputs.SequenceEqual(now.AdditionalSecretOutputs))
            yield return new PropertyChange("options.additionalSecretOutputs", L(old.AdditionalSecretOutputs), L(now.AdditionalSecretOutputs));
    }

    private static ResourceChange Change(ResourceNode node, ChangeAction action, IEnumerable<PropertyChange> properties, IEnumerable<string> reasons, NodeOptions stateOptions) =>
        new(node.Name, node.Type, node.Options.Parent, action, [.. properties], [.. reasons], StatefulTypes.RiskOf(node.Type),
            stateOptions.Protect, stateOptions.RetainOnDelete);

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
