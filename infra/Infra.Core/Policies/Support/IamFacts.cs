using Infra.Core.Components;
using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>An identity policy document and where it lives.</summary>
public sealed record IdentityPolicy(ResourceNode Node, string Label, IReadOnlyList<Statement> Statements);

/// <summary>Identity (not resource) policies: inline role/user/group policies, managed policies, and roles' inline policies.</summary>
public static class IamFacts
{
    public static readonly string[] Carriers = [AwsTypes.RolePolicy, Types.IamPolicy, Types.UserPolicy, Types.GroupPolicy];
    public static readonly string[] Attachments = [AwsTypes.RolePolicyAttachment, Types.PolicyAttachment, Types.UserPolicyAttachment, Types.GroupPolicyAttachment];

    public static IEnumerable<IdentityPolicy> All(GraphFacts f)
    {
        foreach (var n in f.OfTypes(Carriers))
            yield return new IdentityPolicy(n, n.Name, PolicyDocuments.Statements(n.Properties["policy"]));
        foreach (var role in f.OfTypes(AwsTypes.Role))
            foreach (var (inline, i) in Items(role.Properties["inlinePolicies"]).OfType<MapValue>().Select((p, i) => (p, i)))
                yield return new IdentityPolicy(role, $"{role.Name} inline policy {Text(inline["name"]) ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}", PolicyDocuments.Statements(inline["policy"]));
    }

    /// <summary>The identity policies that apply to a role: its inline policies, role policies and attached policies of this program.</summary>
    public static IEnumerable<IdentityPolicy> OfRole(GraphFacts f, ResourceNode role)
    {
        var attachedNodes = f.ReferencedThrough(role.Name, "role", Attachments).Concat(f.ReferencedThrough(role.Name, "roles", Attachments))
            .Select(a => f.Target(a.Properties["policyArn"])).OfType<ResourceNode>().Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return All(f).Where(p => p.Node.Name == role.Name
            || (p.Node.Type == AwsTypes.RolePolicy && RefNames(p.Node.Properties["role"]).Contains(role.Name))
            || attachedNodes.Contains(p.Node.Name));
    }

    /// <summary>AWS-managed policies attached to a role (literal ARNs).</summary>
    public static IEnumerable<string> ManagedArns(GraphFacts f, ResourceNode role) =>
        f.ReferencedThrough(role.Name, "role", Attachments).Concat(f.ReferencedThrough(role.Name, "roles", Attachments))
            .Select(a => a.Properties["policyArn"]).OfType<StringValue>().Select(s => s.Text);

    /// <summary>
    /// The service accounts an IRSA (web identity) role's trust policy admits, from the "ISSUER:sub" conditions of
    /// its allowing statements; null for a statement that admits any subject of the issuer (no :sub condition, or
    /// one with a wildcard), which lets every pod of the cluster assume the role.
    /// </summary>
    public static IReadOnlyList<string?> WebIdentitySubjects(ResourceNode role)
    {
        var result = new List<string?>();
        foreach (var s in PolicyDocuments.Statements(role.Properties["assumeRolePolicy"]))
        {
            if (!s.Allows || !s.Actions.Contains("sts:AssumeRoleWithWebIdentity")) continue;
            var subjects = new List<string>();
            var wildcard = false;
            foreach (var op in new[] { "StringEquals", "StringLike" })
                if ((s.Condition as MapValue)?[op] is MapValue conditions)
                    foreach (var (key, value) in conditions.Entries.Where(kv => kv.Key.EndsWith(":sub", StringComparison.Ordinal)))
                        foreach (var subject in Texts(value))
                        {
                            if (op == "StringLike" && subject.IndexOfAny(['*', '?']) >= 0) wildcard = true;
                            else subjects.Add(subject);
                        }
            if (wildcard || subjects.Count == 0) result.Add(null);
            else result.AddRange(subjects);
        }
        return result;
    }

    /// <summary>Roles that workloads run as: EC2 instance roles, EKS pod identity and IRSA (web identity) roles.</summary>
    public static bool IsWorkloadRole(ResourceNode role)
    {
        foreach (var s in PolicyDocuments.Statements(role.Properties["assumeRolePolicy"]))
        {
            if (!s.Allows) continue;
            if (s.Actions.Contains("sts:AssumeRoleWithWebIdentity")) return true;
            if (s.Principal is MapValue p && Texts(p["Service"]).Any(svc => svc is "ec2.amazonaws.com" or "pods.eks.amazonaws.com")) return true;
        }
        return false;
    }
}
