using System.Text.Json;
using Infra.Core.Graph;
using Infra.Core.Parsing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>One statement of an IAM, key, bucket or domain policy document.</summary>
public sealed record Statement(string Effect, IReadOnlyList<string> Actions, IReadOnlyList<Value> Resources, Value? Principal, Value? Condition)
{
    public bool Allows => Effect == "Allow";

    /// <summary>A resource is a wildcard when it is "*" or a literal ARN whose resource part has a "*".</summary>
    public static bool IsWildcard(Value resource) => resource is StringValue s && (s.Text == "*" || (s.Text.StartsWith("arn:", StringComparison.Ordinal) && s.Text.Split(':').Skip(5).Any(p => p.Contains('*'))));
}

/// <summary>
/// Reads policy documents in every shape a program may give them: <c>fn::toJSON</c> of a map (ours), a
/// JSON string, or a map. Statement and Action may be single values or lists.
/// </summary>
public static class PolicyDocuments
{
    public static IReadOnlyList<Statement> Statements(Value? document)
    {
        var map = Document(document);
        if (map is null) return [];
        return [.. Items(map["Statement"]).OfType<MapValue>().Select(s => new Statement(
            Text(s["Effect"]) ?? "",
            [.. Texts(s["Action"])],
            [.. Items(s["Resource"])],
            s["Principal"],
            s["Condition"]))];
    }

    private static MapValue? Document(Value? v)
    {
        switch (v)
        {
            case FunctionValue { Function: FunctionValue.ToJson } f:
                return f.Argument as MapValue;
            case FunctionValue { Function: FunctionValue.Secret } f:
                return Document(f.Argument);
            case MapValue m:
                return m;
            case StringValue s:
                try
                {
                    using var doc = JsonDocument.Parse(s.Text);
                    return JsonValues.Literal(doc.RootElement) as MapValue;
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>True when the principal is anyone: "*" or {"AWS": "*"}.</summary>
    public static bool IsAnyone(Value? principal) => principal switch
    {
        StringValue { Text: "*" } => true,
        MapValue m => Texts(m["AWS"]).Contains("*"),
        _ => false,
    };
}
