using System.Text.Json;

namespace Infra.Core.Parsing;

/// <summary>
/// Reads any input the <c>check</c> command accepts, deciding by content: a JSON document with
/// <c>steps</c> is <c>pulumi preview --json</c>, one with <c>resources</c> is our JSON plan, anything else is
/// read as a Pulumi YAML program.
/// </summary>
public static class InputReader
{
    public static ParsedInput Read(string text, string file, string? stack = null)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ParseException(file, $"JSON syntax error: {e.Message}", e.LineNumber + 1);
            }
            using (doc)
            {
                if (PreviewJsonParser.Looks(doc.RootElement)) return PreviewJsonParser.Parse(doc.RootElement, file, stack);
                if (JsonPlanParser.Looks(doc.RootElement))
                {
                    var parsed = JsonPlanParser.Parse(doc.RootElement, file);
                    return stack is null ? parsed : parsed with { Graph = new Graph.ResourceGraph(stack, parsed.Graph.Nodes, parsed.Graph.Lookups, parsed.Graph.Outputs) };
                }
                throw new ParseException(file, "a JSON input must be 'pulumi preview --json' output (with \"steps\") or a plan from 'plan --format json' (with \"resources\")");
            }
        }
        return new ParsedInput(file, InputKind.PulumiYaml, PulumiYamlParser.Parse(text, file, stack), null);
    }
}
