using Infra.Core.Graph;

namespace Infra.Core.Tests.Parsing;

/// <summary>Names the first difference between two values, so that a failed round trip says where it broke.</summary>
internal static class GraphDiff
{
    public static string? First(Value a, Value b, string path = "")
    {
        if (a.Equals(b)) return null;
        switch (a, b)
        {
            case (MapValue x, MapValue y):
                foreach (var k in x.Entries.Keys.Union(y.Entries.Keys))
                {
                    if (x[k] is not { } xv) return $"{path}.{k}: missing on the left";
                    if (y[k] is not { } yv) return $"{path}.{k}: missing on the right";
                    if (First(xv, yv, $"{path}.{k}") is { } d) return d;
                }
                return $"{path}: maps differ";
            case (ListValue x, ListValue y):
                if (x.Items.Length != y.Items.Length) return $"{path}: {x.Items.Length} vs {y.Items.Length} items";
                for (var i = 0; i < x.Items.Length; i++)
                    if (First(x.Items[i], y.Items[i], $"{path}[{i}]") is { } d) return d;
                return $"{path}: lists differ";
            default:
                return $"{path}: {a} vs {b}";
        }
    }

    public static string? First(ResourceGraph a, ResourceGraph b)
    {
        if (a.Nodes.Length != b.Nodes.Length) return $"{a.Nodes.Length} vs {b.Nodes.Length} nodes";
        foreach (var (x, y) in a.Nodes.Zip(b.Nodes))
        {
            if (x.Name != y.Name || x.Type != y.Type) return $"{x.Name} {x.Type} vs {y.Name} {y.Type}";
            if (First(x.Properties, y.Properties, x.Name) is { } d) return d;
            if (!x.Options.Equals(y.Options)) return $"{x.Name}: options {x.Options} vs {y.Options}";
            if (x.Reason != y.Reason) return $"{x.Name}: reason '{x.Reason}' vs '{y.Reason}'";
        }
        return null;
    }
}
