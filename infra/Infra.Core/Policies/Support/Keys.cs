using Infra.Core.Components;
using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>Whether a key property names a customer-managed KMS key rather than an AWS-managed one or none.</summary>
public static class Keys
{
    public static bool IsCustomerManaged(Value? key, GraphFacts facts)
    {
        switch (key)
        {
            case null or NullValue:
                return false;
            case StringValue s:
                // A key ARN or id is the customer's; "alias/aws/..." names an AWS-managed key.
                return s.Text.Length > 0 && !s.Text.Contains("alias/aws/", StringComparison.Ordinal);
            default:
                foreach (var name in RefNames(key))
                {
                    if (facts.Graph.Find(name) is { Type: AwsTypes.KmsKey or AwsTypes.KmsAlias }) return true;
                    if (facts.Graph.FindLookup(name) is { } l && l.Function.StartsWith("aws:kms/", StringComparison.Ordinal)) return true;
                }
                return false;
        }
    }

    public static string Describe(Value? key) => key is null ? "no key" : Show(key);
}
