using System.Text;
using System.Text.RegularExpressions;
using Infra.Core.Rendering;
using Infra.Core.Settings;

namespace Infra.Core.Documentation;

/// <summary>
/// The configuration table of docs/configuration.md, made from the key specifications (<see cref="ConfigKeys"/>) and
/// the data they refer to (support windows, required and reserved tags), so that the page cannot say other than
/// what the reader accepts.
/// </summary>
public static partial class ConfigurationTable
{
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append(Rendering.Markdown.Header("Key", "Type / allowed", "pilot", "staging", "production", "What it does"));
        foreach (var spec in ConfigKeys.All)
            sb.Append(Rendering.Markdown.Row(
                Rendering.Markdown.Code(spec.Key),
                spec.Allowed,
                Default(spec, spec.Pilot),
                Default(spec, spec.Staging),
                Default(spec, spec.Production),
                Description(spec)));
        return sb.ToString();
    }

    private static string Default(ConfigKeySpec spec, string? value) =>
        spec.Required ? "**required**"
        : spec.Key == RequiredTagsKey ? "**required**: " + string.Join(", ", ConfigKeys.RequiredTags.Select(Rendering.Markdown.Code))
        : value is null ? "—"
        : Rendering.Markdown.Code(value);

    private const string RequiredTagsKey = "mattermost:tags";

    private static string Description(ConfigKeySpec spec)
    {
        var text = spec.Description;
        switch (spec.Key)
        {
            case "mattermost:kubernetesVersion":
                text += " Standard support ends: " + string.Join(", ", spec.Choices!.Select(v =>
                    SupportWindows.KubernetesWindow(v) is { } w ? $"{v} on {Date(w.StandardSupportEnds)}" : $"{v} (no window known)")) + ".";
                break;
            case "mattermost:postgresVersion":
                text += " Aurora standard support ends: " + string.Join(", ", SupportWindows.Postgres.Select(m => $"{m.Major} on {Date(m.Aurora.StandardSupportEnds)}")) +
                        "; releases: " + string.Join(", ", SupportWindows.Postgres.SelectMany(m => m.Minors.Select(v => v.Version))) + ".";
                break;
            case "mattermost:annualGrowthPercent":
                text += $" Registered users at the horizon are held to {Number(ConfigKeys.Find("mattermost:registeredUsers")!.Max)}, like registeredUsers.";
                break;
            case RequiredTagsKey:
                text += $" Required: {string.Join(" and ", ConfigKeys.RequiredTags.Select(t => $"`{t}`"))}. At most {ConfigKeys.MaxUserTags} (AWS allows 50 per resource; the tool sets the others). " +
                        "Set by the tool, never by a stack: " + string.Join(", ", ConfigKeys.ReservedTags.Select(t => $"`{t}`")) + " and `kubernetes.io/...`.";
                break;
        }
        if (spec.Tier == AppTierKind.Kubernetes) text += " *Kubernetes tier only.*";
        // Files named in a description become code, and the docs pages named become links (the table lives in docs/).
        text = SourceFile().Replace(text, m => $"`{m.Value}`");
        return DocsPage().Replace(text, m => $"[{m.Groups[1].Value}]({m.Groups[1].Value})");
    }

    private static string Number(decimal n) => n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![`\w/])(?:[A-Z][A-Za-z]+/)+[A-Za-z]+\.cs\b")]
    private static partial Regex SourceFile();

    [GeneratedRegex(@"\bdocs/([a-z0-9-]+\.md)")]
    private static partial Regex DocsPage();
}
