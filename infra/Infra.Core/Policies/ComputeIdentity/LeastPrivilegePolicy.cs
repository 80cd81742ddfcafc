using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>MM-IAM-001: no identity policy allows "*" actions, service-wide wildcards, or decrypt on every key; no administrator policies.</summary>
public sealed class LeastPrivilegePolicy : ComputeIdentityPolicyBase
{
    private static readonly string[] AdminPolicies = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

    public override string Id => "MM-IAM-001";
    public override string Name => "No wildcard actions on wildcard resources";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => ["IAM.1", "IAM.21", "KMS.1", "KMS.2"];
    public override string HelpUri => Fsbp("iam", "iam-1");

    public override string Guideline =>
        "Identity policies list the actions they need: no \"*\" or \"service:*\" actions (IAM.1, IAM.21), no kms:Decrypt on \"*\" (KMS.1, KMS.2), " +
        "and no AdministratorAccess, PowerUserAccess or IAMFullAccess attachments. Key, bucket and domain policies are resource policies and " +
        "are judged by their own policies (MM-DATA-004, MM-NET-010).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var p in IamFacts.All(ctx.Facts))
        {
            any = true;
            var problems = new List<string>();
            foreach (var s in p.Statements.Where(s => s.Allows))
            {
                var wildResources = s.Resources.Count == 0 || s.Resources.Any(Statement.IsWildcard);
                foreach (var a in s.Actions)
                {
                    if (a is "*" or "*:*") problems.Add(wildResources ? "allows \"*\" on \"*\" (full administrator)" : "allows every action (\"*\")");
                    else if (a.EndsWith(":*", StringComparison.Ordinal)) problems.Add($"allows every {a[..^2]} action ({a})");
                    else if (wildResources && a.StartsWith("kms:", StringComparison.Ordinal) && (a.Contains("Decrypt", StringComparison.Ordinal) || a.Contains('*')))
                        problems.Add($"allows {a} on every key");
                }
            }
            yield return Finding.Check(problems.Count == 0, p.Node.Name, p.Node.Type, $"{p.Statements.Count} statement(s), each with named actions", $"{p.Label}: {string.Join("; ", problems.Distinct())}");
        }
        foreach (var a in ctx.Facts.OfTypes(IamFacts.Attachments))
        {
            any = true;
            var arn = Text(a.Properties["policyArn"]) ?? "";
            var admin = AdminPolicies.FirstOrDefault(name => arn.EndsWith(":policy/" + name, StringComparison.Ordinal));
            yield return Finding.Check(admin is null, a.Name, a.Type, $"attaches {Show(a.Properties["policyArn"])}", $"attaches {admin}");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no identity policies");
    }
}
