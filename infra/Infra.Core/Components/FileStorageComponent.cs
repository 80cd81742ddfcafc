using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>What the file store hands to the app tier.</summary>
public sealed record FileStorageRefs(Value BucketName, Value BucketArn, Value KeyArn);

/// <summary>
/// The S3 bucket all app nodes share (HA needs one shared file store): SSE-KMS with a bucket key,
/// versioning, every public-access block, ACLs disabled, a TLS-only policy and lifecycle rules that
/// expire old versions.
/// </summary>
public static class FileStorageComponent
{
    public const string Name = "fileStorage";
    public const string Bucket = "filesBucket";
    public const string Key = "filesKey";

    public static FileStorageRefs Build(GraphBuilder g, EnvironmentBlueprint bp)
    {
        var st = bp.Sizing.Storage;
        var c = g.Component(Name, ComponentTypes.FileStorage,
            $"S3 file store; forecast {st.LowGb:0.#}-{st.HighGb:0.#} GiB after {st.Months} months");
        KmsKeys.Add(c, bp, Key, "uploaded files in S3");
        var keyArn = V.Ref(Key, "arn");
        var bucket = V.Ref(Bucket, "id");
        var noncurrentDays = bp.Settings.IsProduction ? 90 : 30;

        c.Add(Bucket, AwsTypes.Bucket, V.Map(
            ("bucketPrefix", $"{bp.Prefix}-files-"),
            ("forceDestroy", false),
            ("tags", Tagging.Tags(bp, "files"))),
            $"shared file store of every app node (HA requires one shared store); forecast {st.LowGb:0.#}-{st.HighGb:0.#} GiB; never force-destroyed",
            KmsKeys.Stateful(bp));
        c.Add("filesBucketOwnership", AwsTypes.BucketOwnershipControls, V.Map(
            ("bucket", bucket),
            ("rule", V.Map(("objectOwnership", "BucketOwnerEnforced")))),
            "ACLs disabled; the bucket owner owns every object (FSBP S3.12)");
        c.Add("filesBucketPublicAccessBlock", AwsTypes.BucketPublicAccessBlock, V.Map(
            ("bucket", bucket),
            ("blockPublicAcls", true),
            ("blockPublicPolicy", true),
            ("ignorePublicAcls", true),
            ("restrictPublicBuckets", true)),
            "all four public-access blocks on (FSBP S3.2, S3.3, S3.8; CIS 2.1.4)");
        c.Add("filesBucketVersioning", AwsTypes.BucketVersioning, V.Map(
            ("bucket", bucket),
            ("versioningConfiguration", V.Map(("status", "Enabled")))),
            "versioning keeps overwritten and deleted files recoverable (FSBP S3.14)");
        c.Add("filesBucketEncryption", AwsTypes.BucketEncryption, V.Map(
            ("bucket", bucket),
            ("rules", V.List(V.Map(
                ("applyServerSideEncryptionByDefault", V.Map(("sseAlgorithm", "aws:kms"), ("kmsMasterKeyId", keyArn))),
                ("bucketKeyEnabled", true))))),
            "default encryption with the customer-managed key (FSBP S3.17); the bucket key cuts KMS requests");
        c.Add("filesBucketPolicy", AwsTypes.BucketPolicy, V.Map(
            ("bucket", bucket),
            ("policy", Iam.Document(V.Map(
                ("Sid", "DenyInsecureTransport"),
                ("Effect", "Deny"),
                ("Principal", "*"),
                ("Action", "s3:*"),
                ("Resource", V.List(V.Ref(Bucket, "arn"), V.Concat(V.Ref(Bucket, "arn"), "/*"))),
                ("Condition", V.Map(("Bool", V.Map(("aws:SecureTransport", "false"))))))))),
            "refuses any request not made over TLS (FSBP S3.5, CIS 2.1.1)",
            new NodeOptions { DependsOn = ["filesBucketPublicAccessBlock"] });
        c.Add("filesBucketLifecycle", AwsTypes.BucketLifecycle, V.Map(
            ("bucket", bucket),
            ("rules", V.List(
                V.Map(
                    ("id", "expire-old-versions"),
                    ("status", "Enabled"),
                    ("filter", V.Map(("prefix", ""))),
                    ("noncurrentVersionExpiration", V.Map(("noncurrentDays", noncurrentDays)))),
                V.Map(
                    ("id", "abort-incomplete-uploads"),
                    ("status", "Enabled"),
                    ("filter", V.Map(("prefix", ""))),
                    ("abortIncompleteMultipartUpload", V.Map(("daysAfterInitiation", 7))))))),
            $"old versions expire after {noncurrentDays} days and abandoned uploads after 7, so versioning does not grow storage without bound (FSBP S3.10, S3.13)",
            new NodeOptions { DependsOn = ["filesBucketVersioning"] });

        return new FileStorageRefs(V.Ref(Bucket, "bucket"), V.Ref(Bucket, "arn"), keyArn);
    }
}
