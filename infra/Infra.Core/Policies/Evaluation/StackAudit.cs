using System.Collections.Immutable;
using Infra.Core.Policies.Model;

namespace Infra.Core.Policies.Evaluation;

/// <summary>One stack's (or one input file's) results under the pack, after waivers.</summary>
/// <param name="Source">The file the results point at: Pulumi.&lt;stack&gt;.yaml, or the input file.</param>
public sealed record StackAudit(string Stack, string Source, PolicyContext Context, ImmutableArray<PolicyResult> Results)
{
    public IEnumerable<PolicyResult> Failures => Results.Where(r => r.Outcome == Outcome.Fail);

    public int MandatoryFailures(IReadOnlyList<Policy> pack) =>
        Failures.Count(r => pack.FirstOrDefault(p => p.Id == r.PolicyId)?.IsMandatory ?? true);

    public int Count(Outcome outcome) => Results.Count(r => r.Outcome == outcome);
}
