using System.Text;
using Infra.Core.Graph;
using Infra.Core.Policies.Support;
using Infra.Core.Rendering;

namespace Infra.Core.Reporting;

/// <summary>
/// For auditors: the Mattermost settings a program locks (read from its MM_* variables, so it works for anyone's program),
/// secrets by reference only. What the configuration policies judged is here in full.
/// </summary>
public static class MattermostConfigurationMarkdown
{
    public static string Section(ResourceGraph graph, string heading = "### Mattermost configuration")
    {
        var apps = MattermostConfiguration.In(graph);
        if (apps.Count == 0) return "";
        var sb = new StringBuilder();
        sb.Append(heading).Append("\n\n");
        sb.Append("Settings the program hands Mattermost as environment variables: locked, the System Console cannot change them. ")
          .Append("Any other setting keeps Mattermost's default until an administrator changes it.\n\n");
        foreach (var app in apps)
        {
            if (apps.Count > 1) sb.Append("`").Append(app.Node.Name).Append("`:\n\n");
            sb.Append(Markdown.Header("Setting", "Value", "Set in"));
            foreach (var (setting, v) in app.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append(Markdown.Row(setting,
                    v.Value is null ? "[secret: from a Kubernetes Secret]" : v.AtBoot ? "[read on the node at boot]" : Markdown.Code(v.Value), v.Node.Name));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
