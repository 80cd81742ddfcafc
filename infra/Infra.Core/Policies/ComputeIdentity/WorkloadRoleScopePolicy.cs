using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>
/// MM-IAM-002: the roles workloads run as (instance roles, IRSA pod roles) reach only this stack's own bucket,
/// secrets, keys and log groups, carry no AWS-managed policy beyond the node basics, and a pod role can be
/// assumed only by its one service account.
/// </summary>
public sealed class WorkloadRoleScopePolicy : ComputeIdentityPolicyBase
{
    /// <summary>Services whose resources belong to one stack; statements on them must name this stack's resources.</summary>
    private static readonly string[] ScopedServices = ["s3:", "secretsmanager:", "kms:", "logs:", "ssm:GetParameter"];

    /// <summary>AWS-managed policies a node needs to run at all (Systems Manager, CloudWatch agent, EKS worker basics).</summary>
    private static readonly string[] NodeBasics =
    [
        "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy", "AmazonEKSWorkerNodePolicy", "AmazonEKSWorkerNodeMinimalPolicy",
        "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPullOnly", "service-role/AmazonEBSCSIDriverPolicy",
    ];

    public override string Id => "MM-IAM-002";
    public override string Name => "Instance and pod roles scoped to their own bucket and secret";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["IAM.21", "KMS.2"];
    public override string HelpUri => "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege";

    public override string Guideline =>
        "A role assumed by EC2 instances or pods (IRSA, EKS Pod Identity) may use S3, Secrets Manager, KMS, CloudWatch Logs and SSM parameters " +
        "only on resources of its own stack, named by reference (the files bucket and its objects, the database secret, their keys, its log " +
        "group), never \"*\" or another account's ARNs. AWS-managed policies are limited to the node basics (Systems Manager, CloudWatch agent, " +
        "EKS worker, CNI, ECR read). An IRSA role's trust policy names the one service account that may assume it (StringEquals on " +
        "ISSUER:sub = system:serviceaccount:NAMESPACE:NAME); without it any pod of the cluster can take the role's permissions.";

    /// <summary>system:serviceaccount:NAMESPACE:NAME as NAMESPACE/NAME.</summary>
    private static string ServiceAccount(string subject)
    {
        const string prefix = "system:serviceaccount:";
        if (!subject.StartsWith(prefix, StringComparison.Ordinal)) return subject;
        var rest = subject[prefix.Length..];
        var colon = rest.IndexOf(':');
        return colon < 0 ? rest : $"{rest[..colon]}/{rest[(colon + 1)..]}";
    }

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var roles = ctx.Facts.OfTypes(AwsTypes.Role).Where(IamFacts.IsWorkloadRole).ToList();
        if (roles.Count == 0) { yield return Finding.NotApplicable("(stack)", "no instance or pod roles"); yield break; }
        foreach (var role in roles)
        {
            var problems = new List<string>();
            var scoped = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var p in IamFacts.OfRole(ctx.Facts, role))
                foreach (var s in p.Statements.Where(s => s.Allows && s.Actions.Any(a => ScopedServices.Any(svc => a.StartsWith(svc, StringComparison.Ordinal)))))
                    foreach (var r in s.Resources)
                    {
                        // A secret the stack names by lookup (the organisation's own, for a Mattermost setting) is one it declares.
                        var names = ValueRead.RefNames(r).Where(n => ctx.Graph.Contains(n) || ctx.Graph.FindLookup(n) is { Function: AwsTypes.SecretLookup }).ToList();
                        if (names.Count == 0 || Statement.IsWildcard(r))
                            problems.Add($"{p.Label} allows {string.Join(", ", s.Actions)} on {ValueRead.Show(r)}, which is not a resource of this stack");
                        else scoped.UnionWith(names);
                    }
            var subjects = IamFacts.WebIdentitySubjects(role);
            if (subjects.Any(x => x is null))
                problems.Add("its trust policy lets any service account of the cluster assume it (no exact \"ISSUER:sub\" condition naming one service account)");
            foreach (var arn in IamFacts.ManagedArns(ctx.Facts, role))
                if (arn.StartsWith("arn:aws:iam::aws:policy/", StringComparison.Ordinal) && !NodeBasics.Contains(arn["arn:aws:iam::aws:policy/".Length..], StringComparer.Ordinal))
                    problems.Add($"attaches {arn}, which reaches beyond this stack's resources");
            var who = subjects.Count > 0 ? $"assumed only by {string.Join(", ", subjects.OfType<string>().Select(ServiceAccount))}; " : "";
            yield return Finding.Check(problems.Count == 0, role.Name, role.Type,
                who + (scoped.Count == 0 ? "no access to S3, secrets, keys or logs" : $"only this stack's {string.Join(", ", scoped)}"), string.Join("; ", problems.Distinct()));
        }
    }
}
