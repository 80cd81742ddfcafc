using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>How one resource type is encrypted at rest, and which controls that satisfies.</summary>
/// <param name="Check">Returns null when the resource is encrypted with a customer-managed key, else what is missing.</param>
/// <param name="Exempt">Returns why a customer-managed key cannot apply to this resource (it is encrypted otherwise), else null.</param>
public sealed record EncryptionRule(string Type, string What, ImmutableArray<string> Controls, Func<ResourceNode, GraphFacts, string?> Check,
    Func<ResourceNode, GraphFacts, string?>? Exempt = null);

/// <summary>
/// Encryption at rest as data: one row per resource type, naming the properties that must hold a
/// customer-managed KMS key. Add a row to cover a new type.
/// </summary>
public static class EncryptionRules
{
    private static string? Key(MapValue props, string enabledPath, string keyPath, GraphFacts f, string enabledMeans = "true")
    {
        if (enabledPath.Length > 0 && Text(props.At(enabledPath)) != enabledMeans) return $"{enabledPath} is not {enabledMeans}";
        return Keys.IsCustomerManaged(props.At(keyPath), f) ? null : $"{keyPath} is {Keys.Describe(props.At(keyPath))}, not a customer-managed KMS key";
    }

    private static string? Volumes(ResourceNode n, GraphFacts f)
    {
        var devices = Items(n.Properties["blockDeviceMappings"]).OfType<MapValue>().Select(m => m["ebs"]).OfType<MapValue>().ToList();
        if (devices.Count == 0) return "no blockDeviceMappings: the volumes take the AMI's settings, which are not encrypted with a customer key";
        var problems = devices.Select(d => Key(d, "encrypted", "kmsKeyId", f)).OfType<string>().ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>An EKS node group's disks are what its launch template says; without one EKS takes the account's EBS defaults.</summary>
    private static string? NodeGroup(ResourceNode n, GraphFacts f)
    {
        var lt = f.Target(n.Properties.At("launchTemplate.id")) ?? f.Target(n.Properties.At("launchTemplate.name"));
        if (lt is null) return "no launch template of this program: the nodes' disks (diskSize) take the account's EBS defaults, at best the AWS-managed aws/ebs key";
        return Volumes(lt, f) is { } p ? $"its launch template {lt.Name}: {p}" : null;
    }

    private static string? Instance(ResourceNode n, GraphFacts f)
    {
        var problems = new List<string>();
        if (n.Properties["rootBlockDevice"] is MapValue root) { if (Key(root, "encrypted", "kmsKeyId", f) is { } p) problems.Add("root volume: " + p); }
        else if (n.Properties.At("launchTemplate.id") is null) problems.Add("no rootBlockDevice: the root volume takes the AMI's settings");
        foreach (var d in Items(n.Properties["ebsBlockDevices"]).OfType<MapValue>())
            if (Key(d, "encrypted", "kmsKeyId", f) is { } p) problems.Add("data volume: " + p);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string? Bucket(ResourceNode b, GraphFacts f)
    {
        var rules = f.ReferencedThrough(b.Name, "bucket", AwsTypes.BucketEncryption, Types.BucketEncryptionV2)
            .SelectMany(c => Items(c.Properties["rules"]).OfType<MapValue>()).ToList();
        if (b.Properties.At("serverSideEncryptionConfiguration.rule") is MapValue inline) rules.Add(inline);
        if (rules.Count == 0) return "no default encryption configuration: S3 uses SSE-S3 with an AWS-owned key";
        foreach (var r in rules)
        {
            var alg = Text(r.At("applyServerSideEncryptionByDefault.sseAlgorithm"));
            if (alg is not ("aws:kms" or "aws:kms:dsse")) return $"sseAlgorithm is {alg ?? "not set"}, not aws:kms";
            if (!Keys.IsCustomerManaged(r.At("applyServerSideEncryptionByDefault.kmsMasterKeyId"), f)) return "SSE-KMS with the AWS-managed aws/s3 key, not a customer-managed key";
        }
        return null;
    }

    /// <summary>
    /// A bucket that receives S3 server access logs can only be encrypted by default with SSE-S3: the Amazon S3 user guide
    /// (enable-server-access-logging) does not support SSE-KMS default encryption on a server access logging destination.
    /// </summary>
    private static string? AccessLogTarget(ResourceNode b, GraphFacts f)
    {
        if (!S3AccessLogging.Targets(f.Graph).Contains(b.Name)) return null;
        var algorithms = f.ReferencedThrough(b.Name, "bucket", AwsTypes.BucketEncryption, Types.BucketEncryptionV2)
            .SelectMany(c => Items(c.Properties["rules"]).OfType<MapValue>())
            .Select(r => Text(r.At("applyServerSideEncryptionByDefault.sseAlgorithm"))).ToList();
        return algorithms.Count > 0 && algorithms.All(a => a == "AES256")
            ? "SSE-S3 (AES256): it receives S3 server access logs, which S3 delivers only to buckets encrypted by default with SSE-S3"
            : null;
    }

    private static string? ClusterMember(ResourceNode n, GraphFacts f) =>
        f.Target(n.Properties["clusterIdentifier"]) is { } cluster
            ? Key(cluster.Properties, "storageEncrypted", "kmsKeyId", f) is { } p ? $"its cluster {cluster.Name}: {p}" : null
            : "its cluster is not declared in this program, so its encryption cannot be checked";

    private static string? Eks(ResourceNode n, GraphFacts f)
    {
        var configs = Items(n.Properties["encryptionConfig"]).OfType<MapValue>().ToList();
        var secrets = configs.FirstOrDefault(c => Texts(c["resources"]).Contains("secrets"));
        if (secrets is null) return "no encryptionConfig for secrets: Kubernetes secrets are not envelope-encrypted";
        return Keys.IsCustomerManaged(secrets.At("provider.keyArn"), f) ? null : "encryptionConfig.provider.keyArn is not a customer-managed key";
    }

    private static string? Search(ResourceNode n, GraphFacts f)
    {
        var problems = new List<string>();
        if (Key(n.Properties, "encryptAtRest.enabled", "encryptAtRest.kmsKeyId", f) is { } p) problems.Add(p);
        if (Bool(n.Properties.At("nodeToNodeEncryption.enabled")) != true) problems.Add("nodeToNodeEncryption is off");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public static readonly IReadOnlyList<EncryptionRule> All =
    [
        new(AwsTypes.DbCluster, "database cluster storage and snapshots", ["RDS.27", "RDS.4", "CIS 2.3.1"], (n, f) => Key(n.Properties, "storageEncrypted", "kmsKeyId", f)),
        new(AwsTypes.DbClusterInstance, "database instance storage (the cluster's volume)", ["RDS.3", "CIS 2.3.1"], ClusterMember),
        new(Types.RdsInstance, "database instance storage", ["RDS.3", "RDS.4", "CIS 2.3.1"], (n, f) => Key(n.Properties, "storageEncrypted", "kmsKeyId", f)),
        new(AwsTypes.Bucket, "S3 default encryption", ["S3.17"], Bucket, AccessLogTarget),
        new(Types.BucketV2, "S3 default encryption", ["S3.17"], Bucket, AccessLogTarget),
        new(AwsTypes.LaunchTemplate, "EBS volumes of launched instances", ["EC2.3"], Volumes),
        new(Types.Ec2Instance, "EBS volumes", ["EC2.3"], Instance),
        new(Types.EbsVolume, "EBS volume", ["EC2.3"], (n, f) => Key(n.Properties, "encrypted", "kmsKeyId", f)),
        new(AwsTypes.EksNodeGroup, "EBS volumes of the Kubernetes nodes", ["EC2.3"], NodeGroup),
        new(AwsTypes.EksCluster, "Kubernetes secrets (envelope encryption)", ["EKS.3"], Eks),
        new(AwsTypes.OpenSearchDomain, "search index at rest and between nodes", ["Opensearch.1", "ES.1", "ES.3"], Search),
    ];
}
