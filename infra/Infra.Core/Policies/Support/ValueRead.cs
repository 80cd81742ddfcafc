using System.Globalization;
using Infra.Core.Graph;

namespace Infra.Core.Policies.Support;

/// <summary>Reads plain facts out of graph values, tolerating the shapes providers accept ("true" or true, "2" or 2).</summary>
public static class ValueRead
{
    /// <summary>A property path such as <c>vpcConfig.endpointPublicAccess</c>; list items are not traversed.</summary>
    public static Value? At(this MapValue map, string path)
    {
        Value? current = map;
        foreach (var part in path.Split('.'))
        {
            if (current is not MapValue m) return null;
            current = m[part];
        }
        return current;
    }

    public static string? Text(Value? v) => v switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Text,
        BoolValue b => b.Flag ? "true" : "false",
        _ => null,
    };

    public static bool? Bool(Value? v) => v switch
    {
        BoolValue b => b.Flag,
        StringValue { Text: "true" or "True" } => true,
        StringValue { Text: "false" or "False" } => false,
        _ => null,
    };

    public static decimal? Number(Value? v) => v switch
    {
        NumberValue n => n.Number,
        StringValue s when decimal.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static IEnumerable<Value> Items(Value? v) => v switch
    {
        ListValue l => l.Items,
        null or NullValue => [],
        _ => [v],
    };

    public static IEnumerable<string> Texts(Value? v) => Items(v).Select(Text).OfType<string>();

    /// <summary>The resource a value refers to, when it is a plain reference.</summary>
    public static string? RefName(Value? v) => v is RefValue r ? r.Resource : null;

    /// <summary>Every resource a value mentions, in references and interpolations.</summary>
    public static IEnumerable<string> RefNames(Value? v) => v?.References().Select(r => r.Resource) ?? [];

    /// <summary>How a value reads in a report: literal text, or the expression it was written as.</summary>
    public static string Show(Value? v) => v switch
    {
        null => "(not set)",
        StringValue s => s.Text,
        NumberValue n => n.Text,
        BoolValue b => b.Flag ? "true" : "false",
        NullValue => "null",
        RefValue r => r.Expression,
        InterpolationValue i => string.Concat(i.Parts.Select(Show)),
        ListValue l => "[" + string.Join(", ", l.Items.Select(Show)) + "]",
        FunctionValue f => $"{f.Function}(...)",
        MapValue => "{...}",
        _ => v.ToString(),
    };

    public static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
