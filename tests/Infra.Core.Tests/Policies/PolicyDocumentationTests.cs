using Infra.Core.Policies;
using Infra.Core.Policies.Model;

namespace Infra.Core.Tests.Policies;

/// <summary>The README's policy table is the pack: every id with its severity, enforcement and controls.</summary>
public class PolicyDocumentationTests
{
    [Fact]
    public void Readme_documents_every_policy_id()
    {
        var readme = File.ReadAllText(Path.Combine(Support.Repo.Root, "README.md"));
        foreach (var p in PolicyPack.Default)
            Assert.Contains($"| {p.Id} | {p.Name.Replace("|", "\\|")} | {p.Severity.ToString().ToLowerInvariant()} | {p.Enforcement.ToString().ToLowerInvariant()} | {(p.Controls.Length == 0 ? "-" : string.Join(", ", p.Controls))} |", readme);
    }
}
