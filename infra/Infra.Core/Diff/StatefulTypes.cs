using System.Collections.Frozen;
using Infra.Core.Components;

namespace Infra.Core.Diff;

/// <summary>
/// Resource types that hold data (or guard it): replacing or deleting one of them is where data is lost,
/// so the diff calls it out in a banner and exits with code 3 for an explicit approval.
/// </summary>
public static class StatefulTypes
{
    private static readonly FrozenDictionary<string, string> Risks = new Dictionary<string, string>
    {
        [AwsTypes.DbCluster] = "Aurora cluster: the database and all its data (only a snapshot restore brings it back)",
        [AwsTypes.DbClusterInstance] = "Aurora instance: the data stays in the cluster volume, but replacing the writer fails over and drops every connection",
        ["aws:rds/instance:Instance"] = "RDS instance: the database and all its data",
        [AwsTypes.Bucket] = "S3 bucket: every uploaded file",
        ["aws:s3/bucketV2:BucketV2"] = "S3 bucket: every uploaded file",
        [AwsTypes.KmsKey] = "KMS key: whatever it encrypted can no longer be decrypted once the key is deleted",
        ["aws:secretsmanager/secret:Secret"] = "secret: its value (generated credentials cannot be recovered)",
        [AwsTypes.EksCluster] = "EKS cluster: every workload, persistent volume claim and in-cluster secret",
        [AwsTypes.OpenSearchDomain] = "OpenSearch domain: the search index (rebuilt only by re-indexing every message)",
        ["aws:efs/fileSystem:FileSystem"] = "EFS file system: every file on it",
        ["kubernetes:core/v1:PersistentVolumeClaim"] = "persistent volume claim: its volume is deleted with it under the default reclaim policy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What is lost when a resource of this type is replaced or deleted; null when it holds no data.</summary>
    public static string? RiskOf(string type) => Risks.GetValueOrDefault(type);

    public static bool IsStateful(string type) => Risks.ContainsKey(type);

    public static IEnumerable<string> All => Risks.Keys.Order(StringComparer.Ordinal);
}
