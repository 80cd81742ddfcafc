using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>
/// Compares two values leaf by leaf: maps key by key, lists item by item, functions by their argument.
/// Lists of scalars that change length are reported whole, since an index shift says nothing useful; a map
/// that appears or disappears is reported key by key.
/// </summary>
public static class ValueDiff
{
    public static List<PropertyChange> Compare(Value? before, Value? after, string path = "")
    {
        var changes = new List<PropertyChange>();
        Walk(before, after, path, changes);
        return changes;
    }

    private static void Walk(Value? before, Value? after, string path, List<PropertyChange> changes)
    {
        if (Equals(before, after)) return;
        switch (before, after)
        {
            case (MapValue b, MapValue a):
                foreach (var key in b.Entries.Keys.Union(a.Entries.Keys).Order(StringComparer.Ordinal))
                    Walk(b[key], a[key], ValuePaths.Join(path, key), changes);
                return;
            // A map that appears or disappears is listed key by key, like any other map change.
            case (null, MapValue { Entries.Count: > 0 } a) when path.Length > 0:
                foreach (var (key, value) in a.Entries) Walk(null, value, ValuePaths.Join(path, key), changes);
                return;
            case (MapValue { Entries.Count: > 0 } b, null) when path.Length > 0:
                foreach (var (key, value) in b.Entries) Walk(value, null, ValuePaths.Join(path, key), changes);
                return;
            case (ListValue b, ListValue a) when b.Items.Length == a.Items.Length || (IsStructured(b) && IsStructured(a)):
                for (var i = 0; i < Math.Max(b.Items.Length, a.Items.Length); i++)
                    Walk(i < b.Items.Length ? b.Items[i] : null, i < a.Items.Length ? a.Items[i] : null, ValuePaths.Index(path, i), changes);
                return;
            case (FunctionValue b, FunctionValue a) when b.Function == a.Function:
                Walk(b.Argument, a.Argument, path, changes);
                return;
            default:
                changes.Add(new PropertyChange(path, before, after));
                return;
        }
    }

    private static bool IsStructured(ListValue l) => l.Items.Any(i => i is MapValue or ListValue);
}
