using System.Text.RegularExpressions;
using Infra.Core.Catalog;
using Infra.Core.Graph;

namespace Infra.Core.Policies.Support;

/// <summary>
/// One <c>MM_*</c> environment variable the program hands to Mattermost, where it is set, and its value as text. Parts of
/// the value known only at deployment (resource outputs, template placeholders) are <see cref="MattermostSettings.Opaque"/>
/// tokens. <see cref="Value"/> is null when the value comes from elsewhere (a Secret key reference); <see cref="AtBoot"/>
/// marks a value a script computes on the node (it holds a shell expansion), which only running the script shows.
/// </summary>
public sealed record MattermostVariable(ResourceNode Node, string Where, string Name, string? Value, bool AtBoot);

/// <summary>
/// Finds every <c>MM_*</c> variable in a graph by walking the values the program sends, so that it does not depend on how a
/// component builds them: container environment entries (<c>{name: MM_..., value: ...}</c>), map keys named <c>MM_*</c>
/// (Secret data, External Secrets templates, ConfigMaps), and <c>MM_*=</c> assignments in any text, such as the lines of
/// the environment files a boot script writes. Mattermost reads every variable whose upper-cased name starts with MM
/// (server/config/environment.go, GetEnvironment), so lower-case names count too.
/// </summary>
public static partial class MattermostVariables
{
    [GeneratedRegex(@"(?<![\w$\{])(?<name>[Mm][Mm]_\w+)=(?<value>[^\r\n]*)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex TemplateAction();

    public static bool IsMattermostName(string name) => name.Length > 3 && name.StartsWith("MM_", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<MattermostVariable> In(ResourceGraph graph) => graph.Nodes.SelectMany(In);

    public static IEnumerable<MattermostVariable> In(ResourceNode node)
    {
        var found = new List<MattermostVariable>();
        Walk(node, node.Properties, "", found);
        return found;
    }

    private static void Walk(ResourceNode node, Value value, string path, List<MattermostVariable> found)
    {
        switch (value)
        {
            case MapValue m:
                if (m["name"] is StringValue { Text: var envName } && IsMattermostName(envName) && (m["value"] is not null || m["valueFrom"] is not null))
                {
                    found.Add(new MattermostVariable(node, path, envName, m["value"] is { } v ? Text(v) : null, false));
                    return;
                }
                foreach (var (key, item) in m.Entries)
                {
                    var at = path.Length == 0 ? key : $"{path}.{key}";
                    if (IsMattermostName(key)) found.Add(new MattermostVariable(node, at, key, Text(item), false));
                    else Walk(node, item, at, found);
                }
                break;
            case ListValue l:
                for (var i = 0; i < l.Items.Length; i++) Walk(node, l.Items[i], $"{path}[{i}]", found);
                break;
            case FunctionValue f:
                Walk(node, f.Argument, path, found);
                break;
            case StringValue or InterpolationValue:
                var text = Text(value);
                var lines = 0;
                foreach (Match a in Assignment().Matches(text))
                {
                    lines++;
                    var raw = a.Groups["value"].Value;
                    var quote = a.Index > 0 ? text[a.Index - 1] : '\0';
                    // echo "MM_X=..." or 'MM_X=...': the value ends at the closing quote; MM_X="..." in a file: the quotes go.
                    if (quote is '"' or '\'') raw = raw.LastIndexOf(quote) is var end and >= 0 ? raw[..end] : raw;
                    else if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"') raw = Components.Scripts.EnvironmentFileText.Unquote(raw);
                    else if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'') raw = raw[1..^1];
                    else raw = raw.TrimEnd();
                    found.Add(new MattermostVariable(node, $"{path} (line {LineOf(text, a.Index)})", a.Groups["name"].Value, raw,
                        raw.Contains('$') || raw.Contains('`')));
                }
                break;
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>A value as text, deployment-time parts as opaque tokens and template actions (<c>{{ .password | urlquery }}</c>) as one token each.</summary>
    public static string Text(Value value) => TemplateAction().Replace(Render(value), m => MattermostSettings.Opaque("template"));

    private static string Render(Value value) => value switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Text,
        BoolValue b => b.Flag ? "true" : "false",
        RefValue r => MattermostSettings.Opaque($"{r.Resource}.{r.Path}"),
        ConfigValue c => MattermostSettings.Opaque(c.Key),
        InterpolationValue i => string.Concat(i.Parts.Select(Render)),
        FunctionValue { Function: FunctionValue.Secret } f => Render(f.Argument),
        _ => MattermostSettings.Opaque("computed"),
    };

    /// <summary>Why this variable would not take effect as written, or null. Values computed on the node or read from a Secret are not judged here.</summary>
    public static string? Problem(MattermostVariable v)
    {
        if (MattermostSettings.NameProblem(v.Name) is { } name) return name;
        if (v.Value is null || v.AtBoot || MattermostSettings.ByEnvVar(v.Name) is not { } setting) return null;
        var check = MattermostSettings.CheckValue(setting, v.Value);
        return check.Parses ? null : $"{v.Name}: {check.Message}";
    }
}
