using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Policies.Governance;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;

namespace Infra.Core.Policies.Evaluation;

/// <summary>
/// Runs a pack over one context and applies the context's waivers: a failure covered by a valid waiver
/// (right policy and resource, a reason, not expired) becomes "waived" and stays in the results; an invalid
/// waiver waives nothing and fails MM-GOV-001. Results are sorted, so the same input gives the same report.
/// </summary>
public static class PolicyEvaluator
{
    public static StackAudit Evaluate(IReadOnlyList<Policy> pack, PolicyContext ctx, string source)
    {
        var results = new List<PolicyResult>();
        foreach (var policy in pack)
        {
            foreach (var f in policy.Evaluate(ctx))
            {
                var controls = f.Controls ?? policy.Controls;
                var result = new PolicyResult(policy.Id, f.Resource, f.ResourceType, f.Outcome, f.Message, controls);
                if (f.Outcome == Outcome.Fail && policy.Id != WaiverPolicy.PolicyId && ValidWaiver(ctx, policy.Id, f.Resource) is { } w)
                    result = result with
                    {
                        Outcome = Outcome.Waived,
                        Message = $"{f.Message} [waived until {w.Expires!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {w.Reason}]",
                        Waiver = w,
                    };
                results.Add(result);
            }
        }
        var order = pack.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new StackAudit(ctx.Graph.Stack, source, ctx, [.. results
            .OrderBy(r => order.GetValueOrDefault(r.PolicyId, int.MaxValue))
            .ThenBy(r => r.Resource, StringComparer.Ordinal)
            .ThenBy(r => r.Message, StringComparer.Ordinal)]);
    }

    private static Waiver? ValidWaiver(PolicyContext ctx, string policy, string resource) =>
        ctx.Waivers.FirstOrDefault(w => w.Policy == policy && w.Resources.Contains(resource, StringComparer.Ordinal)
            && WaiverPolicy.Problem(w, ctx.Today, ctx.PolicyIds, r => WaiverPolicy.ResourceExists(ctx, r)) is null);
}
