using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;

namespace Infra.Core.Policies.Governance;

/// <summary>
/// MM-GOV-001: every waiver in the stack's config names a policy of the pack and resources of the stack, says
/// why, and has not expired. An expired or unexplained waiver is itself a failure and waives nothing.
/// </summary>
public sealed class WaiverPolicy : Policy
{
    public const string PolicyId = "MM-GOV-001";

    public override string Id => PolicyId;
    public override string Name => "Waivers are explained, current and precise";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => [];
    public override string Category => "governance";
    public override string HelpUri => "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/#enforcement-level";

    public override string Guideline =>
        "A waiver (mattermost:waivers in Pulumi.<stack>.yaml) names one policy id, the resources it covers, a reason and an expiry date " +
        "(YYYY-MM-DD). A waiver without a reason or expiry, past its expiry, naming an unknown policy or a resource the stack does not have " +
        "fails this policy and waives nothing. Waived results stay in every report. This policy cannot itself be waived.";

    public static string ResourceName(int index) => $"mattermost:waivers[{index}]";

    /// <summary>Why a waiver cannot be used, or null when it is valid on <paramref name="today"/>.</summary>
    public static string? Problem(Waiver w, DateOnly today, IReadOnlySet<string> policyIds, Func<string, bool> resourceExists)
    {
        var problems = new List<string>();
        if (w.Policy == PolicyId) problems.Add($"{PolicyId} cannot be waived");
        else if (!policyIds.Contains(w.Policy)) problems.Add($"names {w.Policy}, which is not a policy of this pack");
        if (string.IsNullOrWhiteSpace(w.Reason)) problems.Add("gives no reason");
        if (w.Expires is not { } expires) problems.Add("has no expiry date");
        else if (expires < today) problems.Add($"expired on {expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var unknown = w.Resources.Where(r => !resourceExists(r)).ToList();
        if (unknown.Count > 0) problems.Add($"covers {string.Join(", ", unknown)}, which the stack does not have");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public static bool ResourceExists(PolicyContext ctx, string resource) =>
        resource == "(stack)" || ctx.Graph.Contains(resource) ||
        (resource.StartsWith("output ", StringComparison.Ordinal) && ctx.Graph.Outputs.Any(o => "output " + o.Name == resource));

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Waivers.IsEmpty) { yield return Finding.NotApplicable("(stack)", "no waivers"); yield break; }
        for (var i = 0; i < ctx.Waivers.Length; i++)
        {
            var w = ctx.Waivers[i];
            var problem = Problem(w, ctx.Today, ctx.PolicyIds, r => ResourceExists(ctx, r));
            var expires = w.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never";
            yield return Finding.Check(problem is null, ResourceName(i), "waiver",
                $"waives {w.Policy} for {string.Join(", ", w.Resources)} until {expires}: {w.Reason}",
                $"waiver of {w.Policy} for {string.Join(", ", w.Resources)} {problem}");
        }
    }
}
