using System.Collections.Immutable;
using Infra.Core.Catalog;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>
/// MM-IAM-004: every action of every IAM policy document names a real action. IAM stores a misspelt action without
/// complaint and it matches nothing: an Allow then grants nothing (the workload fails at run time) and a Deny denies nothing.
/// </summary>
public sealed class RealActionsPolicy : ComputeIdentityPolicyBase
{
    public override string Id => "MM-IAM-004";
    public override string Name => "IAM actions exist";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => [];
    public override string HelpUri => "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html";

    public override string Guideline =>
        "Every Action and NotAction of every policy document (identity, trust, key, bucket and domain policies, wherever the program " +
        "puts them) is an action of the AWS Service Authorization Reference, and a wildcard matches at least one; IAM accepts a " +
        $"misspelt action and it then matches nothing. The catalogue is Catalog/Data/iam-actions.json ({IamActions.SourceRepo} @ " +
        $"{IamActions.SourceCommit[..8]}); a service the program starts to use is added to it from its reference page.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var d in GraphPolicyDocuments.In(ctx.Graph))
        {
            any = true;
            var problems = d.Actions.Select(IamActions.Problem).OfType<string>().Distinct().ToList();
            var computed = d.NonLiteralActions > 0 ? $"; {d.NonLiteralActions} computed at deployment, not judged" : "";
            yield return Finding.Check(problems.Count == 0, d.Node.Name, d.Node.Type,
                $"{d.Path}: {d.Actions.Count} action(s), each a real action{computed}",
                $"{d.Path}: {string.Join("; ", problems)}");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no IAM policy documents");
    }
}
