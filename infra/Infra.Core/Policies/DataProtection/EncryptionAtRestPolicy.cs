using System.Collections.Immutable;
using Infra.Core.Policies.Model;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-001: data at rest is encrypted with customer-managed KMS keys (table: <see cref="EncryptionRules"/>).</summary>
public sealed class EncryptionAtRestPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-001";
    public override string Name => "Encryption at rest with customer-managed KMS keys";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => [.. EncryptionRules.All.SelectMany(r => r.Controls).Distinct()];
    public override string HelpUri => Fsbp("rds", "rds-27");

    public override string Guideline =>
        "Encrypt every data store with a customer-managed KMS key so that access to the data is granted per key: Aurora storageEncrypted with " +
        "kmsKeyId (RDS.27/RDS.3), S3 default encryption aws:kms with the bucket's own key (S3.17), EBS volumes in launch templates encrypted " +
        "with kmsKeyId (EC2.3), EKS secrets envelope encryption (EKS.3), OpenSearch encryptAtRest with kmsKeyId and node-to-node encryption. " +
        "A bucket that receives S3 server access logs takes SSE-S3 instead (S3 delivers access logs only to SSE-S3 buckets) and is reported not applicable.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var n in ctx.Graph.Nodes)
        {
            foreach (var rule in EncryptionRules.All.Where(r => r.Type == n.Type))
            {
                any = true;
                if (rule.Exempt?.Invoke(n, ctx.Facts) is { } why) { yield return Finding.NotApplicable(n.Name, $"{rule.What}: {why}"); continue; }
                var problem = rule.Check(n, ctx.Facts);
                yield return problem is null
                    ? Finding.Pass(n.Name, n.Type, $"{rule.What}: encrypted with a customer-managed key", [.. rule.Controls])
                    : Finding.Fail(n.Name, n.Type, $"{rule.What}: {problem}", [.. rule.Controls]);
            }
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no data stores");
    }
}
