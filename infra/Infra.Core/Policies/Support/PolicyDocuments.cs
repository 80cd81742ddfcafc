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
/// JSON string, a map, or JSON text assembled with <c>fn::join</c> (an IRSA trust policy, whose condition keys
/// are named after the cluster's OIDC issuer). Statement and Action may be single values or lists.
/// </summary>
public static class PolicyDocuments
{
    /// <summary>Stands for a part of joined JSON text that is computed at deployment time and is not a plain reference.</summary>
    public const string Computed = "(computed)";

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

    /// <summary>A JSON document in any of the shapes above, as a map; null when it is not one.</summary>
    public static MapValue? Document(Value? v)
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
                return Parse(s.Text, JsonValues.Literal);
            case FunctionValue { Function: FunctionValue.Join } j when JoinedText(j) is { } text:
                // References inside the text were written as "${res.path}" (literal "${" escaped), so reading the
                // strings as expressions gives them back as references that the policies can follow.
                return Parse(text, JsonValues.Expression);
            case InterpolationValue i:
                return Parse(string.Concat(i.Parts.Select(Part)), JsonValues.Expression);
            default:
                return null;
        }
    }

    private static MapValue? Parse(string text, Func<JsonElement, Value> convert)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return convert(doc.RootElement) as MapValue;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The text of <c>fn::join [separator, [parts]]</c>: literal parts as they are, references as expressions, anything else as <see cref="Computed"/>.</summary>
    private static string? JoinedText(FunctionValue join) =>
        join.Argument is ListValue { Items: [StringValue separator, ListValue parts] }
            ? string.Join(separator.Text, parts.Items.Select(Part))
            : null;

    private static string Part(Value v) => v switch
    {
        StringValue s => Rendering.PulumiYamlRenderer.Escape(s.Text),
        RefValue r => r.Expression,
        ConfigValue c => c.Expression,
        NumberValue n => n.Text,
        _ => Computed,
    };

    /// <summary>True when the principal is anyone: "*" or {"AWS": "*"}.</summary>
    public static bool IsAnyone(Value? principal) => principal switch
    {
        StringValue { Text: "*" } => true,
        MapValue m => Texts(m["AWS"]).Contains("*"),
        _ => false,
    };
}
