using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>An IAM policy document found in a resource's inputs, at a property path, with the action elements of its statements.</summary>
public sealed record FoundPolicyDocument(ResourceNode Node, string Path, IReadOnlyList<string> Actions, int NonLiteralActions);

/// <summary>
/// Every IAM policy document a graph holds, wherever it is: inline and managed identity policies, trust policies, key,
/// bucket and domain policies, and documents embedded deeper (a role's inline policies, Helm values). A document is any
/// value <see cref="PolicyDocuments.Document"/> reads as a map with a <c>Statement</c> (fn::toJSON of a map, JSON text,
/// JSON joined with fn::join); its actions are those of <c>Action</c> and <c>NotAction</c>.
/// </summary>
public static class GraphPolicyDocuments
{
    public static IEnumerable<FoundPolicyDocument> In(ResourceGraph graph) => graph.Nodes.SelectMany(In);

    public static IEnumerable<FoundPolicyDocument> In(ResourceNode node)
    {
        var found = new List<FoundPolicyDocument>();
        Walk(node, node.Properties, "", found);
        return found;
    }

    private static void Walk(ResourceNode node, Value value, string path, List<FoundPolicyDocument> found)
    {
        if (AsDocument(value) is { } doc)
        {
            var actions = new List<string>();
            var other = 0;
            foreach (var statement in Items(doc["Statement"]).OfType<MapValue>())
                foreach (var element in Items(statement["Action"]).Concat(Items(statement["NotAction"])))
                    if (Text(element) is { } a) actions.Add(a);
                    else other++;
            found.Add(new FoundPolicyDocument(node, path, actions, other));
            return;
        }
        switch (value)
        {
            case MapValue m:
                foreach (var (key, item) in m.Entries) Walk(node, item, path.Length == 0 ? key : $"{path}.{key}", found);
                break;
            case ListValue l:
                for (var i = 0; i < l.Items.Length; i++) Walk(node, l.Items[i], $"{path}[{i}]", found);
                break;
            case FunctionValue f:
                Walk(node, f.Argument, path, found);
                break;
        }
    }

    private static MapValue? AsDocument(Value value)
    {
        // Only text that looks like a policy is parsed: most strings of a graph are not JSON.
        if (value is StringValue s && !(s.Text.TrimStart().StartsWith('{') && s.Text.Contains("\"Statement\"", StringComparison.Ordinal))) return null;
        if (value is ListValue or RefValue or ConfigValue or NumberValue or BoolValue or NullValue) return null;
        if (value is FunctionValue { Function: not (FunctionValue.ToJson or FunctionValue.Secret or FunctionValue.Join) }) return null;
        return PolicyDocuments.Document(value) is { } map && map["Statement"] is not null ? map : null;
    }
}
