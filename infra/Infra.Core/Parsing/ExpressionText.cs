using System.Collections.Immutable;
using System.Text;
using Infra.Core.Graph;

namespace Infra.Core.Parsing;

/// <summary>
/// Reads Pulumi YAML's string expressions back into values: <c>${res.path}</c> is a reference,
/// <c>${namespace:key}</c> a configuration value, text around them makes an interpolation, and <c>$${</c> is a
/// literal <c>${</c>. The inverse of
/// <see cref="Rendering.PulumiYamlRenderer.Escape"/> and of how the renderers write references.
/// </summary>
public static class ExpressionText
{
    /// <summary>Parses one string scalar. Throws <see cref="FormatException"/> for an unterminated <c>${</c>.</summary>
    public static Value Parse(string text)
    {
        if (!text.Contains('$')) return new StringValue(text);
        var parts = new List<Value>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                literal.Append("${");
                i += 3;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0) throw new FormatException($"unterminated '${{' in \"{text}\"");
                if (literal.Length > 0) { parts.Add(new StringValue(literal.ToString())); literal.Clear(); }
                parts.Add(Symbol(text[(i + 2)..end].Trim()));
                i = end + 1;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }
        if (literal.Length > 0) parts.Add(new StringValue(literal.ToString()));
        return parts switch
        {
            [] => new StringValue(""),
            [StringValue s] => s,
            [RefValue r] => r,
            [ConfigValue c] => c,
            _ => new InterpolationValue([.. parts]),
        };
    }

    /// <summary>
    /// The inside of <c>${...}</c>: a namespaced name without a property path (<c>mattermost:licenseKey</c>,
    /// <c>aws:region</c>) is the stack's configuration, which Pulumi YAML offers under its full key; anything
    /// else is a resource or variable reference.
    /// </summary>
    public static Value Symbol(string expression) =>
        IsConfigKey(expression) ? new ConfigValue(expression) : Reference(expression);

    /// <summary>namespace:key, both parts plain names: what <c>pulumi config set</c> accepts and what no resource path looks like.</summary>
    public static bool IsConfigKey(string expression)
    {
        var colon = expression.IndexOf(':');
        return colon > 0 && colon < expression.Length - 1 && expression.IndexOfAny(['.', '[', ' ', '$', '{', '}']) < 0 && expression.IndexOf(':', colon + 1) < 0;
    }

    /// <summary>The inside of <c>${...}</c>: a resource or variable name, then an optional property path.</summary>
    public static RefValue Reference(string expression)
    {
        if (expression.Length == 0) throw new FormatException("empty reference '${}'");
        var end = expression.IndexOfAny(['.', '[']);
        if (end < 0) return new RefValue(expression, "");
        if (end == 0) throw new FormatException($"reference '${{{expression}}}' has no resource name");
        var path = expression[end] == '.' ? expression[(end + 1)..] : expression[end..];
        return new RefValue(expression[..end], path);
    }

    /// <summary>A map of exactly one <c>fn::</c> key is a function call, as Pulumi YAML writes it.</summary>
    public static Value MapOrFunction(ImmutableSortedDictionary<string, Value> entries) =>
        entries.Count == 1 && entries.Keys.First() is var key && key.StartsWith("fn::", StringComparison.Ordinal)
            ? new FunctionValue(key, entries[key])
            : new MapValue(entries);
}
