using System.Text;
using Infra.Core.Policies;

namespace Infra.Core.Documentation;

/// <summary>The policy table of docs/policies.md: every policy of the pack with its severity, enforcement and controls.</summary>
public static class PolicyTable
{
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append(Rendering.Markdown.Header("Id", "Policy", "Severity", "Enforcement", "Controls"));
        foreach (var p in PolicyPack.Default)
            sb.Append(Rendering.Markdown.Row(p.Id, p.Name, p.Severity.ToString().ToLowerInvariant(), p.Enforcement.ToString().ToLowerInvariant(),
                p.Controls.Length == 0 ? "-" : string.Join(", ", p.Controls)));
        return sb.ToString();
    }
}
