using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>What the file store hands to the app tier.</summary>
public sealed record FileStorageRefs(Value BucketName, Value BucketArn, Value KeyArn);

/// <summary>
/// The S3 bucket all app nodes share (HA needs one shared file store): SSE-KMS with a bucket key,
/// versioning, every public-access block, ACLs disabled, a TLS-only policy and lifecycle rules that
/// expire old versions; its server access logs (FSBP S3.9) go to a log bucket of its own, hardened the same
/// way except for its encryption (SSE-S3, the only default encryption S3 delivers access logs to).
/// </summary>
public static class FileStorageComponent
{
    public const string Name = "fileStorage";
    public const string Bucket = "filesBucket";
    public const string Key = "filesKey";
    public const string LogBucket = "filesAccessLogBucket";

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

        AddAccessLogs(c, bp, g);
        return new FileStorageRefs(V.Ref(Bucket, "bucket"), V.Ref(Bucket, "arn"), keyArn);
    }

    /// <summary>
    /// S3 server access logging of the files bucket into a bucket of its own (Amazon S3 user guide,
    /// enable-server-access-logging): same account and region; with ACLs disabled (BucketOwnerEnforced) the
    /// logging service is allowed by the bucket policy alone, limited to this account and the files bucket; default
    /// encryption SSE-S3, as S3 does not deliver access logs to a bucket whose default encryption is SSE-KMS; no
    /// Object Lock default retention and no access logging of its own. The logs expire with the stack's log retention.
    /// </summary>
    private static void AddAccessLogs(ComponentScope c, EnvironmentBlueprint bp, GraphBuilder g)
    {
        var days = bp.Settings.LogRetentionDays;
        var logBucket = V.Ref(LogBucket, "id");
        var logArn = V.Ref(LogBucket, "arn");
        var account = CallerIdentity.Ensure(g);

        c.Add(LogBucket, AwsTypes.Bucket, V.Map(
            ("bucketPrefix", $"{bp.Prefix}-access-logs-"),
            ("forceDestroy", false),
            ("tags", Tagging.Tags(bp, "files-access-logs"))),
            $"server access logs of the files bucket (FSBP S3.9), kept {days} days; never force-destroyed",
            KmsKeys.Stateful(bp));
        c.Add("filesAccessLogBucketOwnership", AwsTypes.BucketOwnershipControls, V.Map(
            ("bucket", logBucket),
            ("rule", V.Map(("objectOwnership", "BucketOwnerEnforced")))),
            "ACLs disabled (FSBP S3.12): log delivery is granted by the bucket policy, not the log-delivery group ACL");
        c.Add("filesAccessLogBucketPublicAccessBlock", AwsTypes.BucketPublicAccessBlock, V.Map(
            ("bucket", logBucket),
            ("blockPublicAcls", true),
            ("blockPublicPolicy", true),
            ("ignorePublicAcls", true),
            ("restrictPublicBuckets", true)),
            "all four public-access blocks on (FSBP S3.2, S3.3, S3.8; CIS 2.1.4)");
        c.Add("filesAccessLogBucketVersioning", AwsTypes.BucketVersioning, V.Map(
            ("bucket", logBucket),
            ("versioningConfiguration", V.Map(("status", "Enabled")))),
            "versioning (FSBP S3.14): an overwritten or deleted log stays recoverable until the lifecycle expires it");
        c.Add("filesAccessLogBucketEncryption", AwsTypes.BucketEncryption, V.Map(
            ("bucket", logBucket),
            ("rules", V.List(V.Map(("applyServerSideEncryptionByDefault", V.Map(("sseAlgorithm", "AES256"))))))),
            "SSE-S3: S3 delivers server access logs only to buckets whose default encryption is SSE-S3, not SSE-KMS (so FSBP S3.17 does not apply)");
        c.Add("filesAccessLogBucketPolicy", AwsTypes.BucketPolicy, V.Map(
            ("bucket", logBucket),
            ("policy", Iam.Document(
                V.Map(
                    ("Sid", "DenyInsecureTransport"),
                    ("Effect", "Deny"),
                    ("Principal", "*"),
                    ("Action", "s3:*"),
                    ("Resource", V.List(logArn, V.Concat(logArn, "/*"))),
                    ("Condition", V.Map(("Bool", V.Map(("aws:SecureTransport", "false")))))),
                V.Map(
                    ("Sid", "S3ServerAccessLogsPolicy"),
                    ("Effect", "Allow"),
                    ("Principal", V.Map(("Service", "logging.s3.amazonaws.com"))),
                    ("Action", "s3:PutObject"),
                    ("Resource", V.Concat(logArn, "/files/*")),
                    ("Condition", V.Map(
                        ("ArnLike", V.Map(("aws:SourceArn", V.Ref(Bucket, "arn")))),
                        ("StringEquals", V.Map(("aws:SourceAccount", account))))))))),
            "TLS only (FSBP S3.5); the S3 logging service may write only the files bucket's logs, only for this account",
            new NodeOptions { DependsOn = ["filesAccessLogBucketPublicAccessBlock"] });
        c.Add("filesAccessLogBucketLifecycle", AwsTypes.BucketLifecycle, V.Map(
            ("bucket", logBucket),
            ("rules", V.List(
                V.Map(
                    ("id", "expire-logs"),
                    ("status", "Enabled"),
                    ("filter", V.Map(("prefix", ""))),
                    ("expiration", V.Map(("days", days))),
                    ("noncurrentVersionExpiration", V.Map(("noncurrentDays", 7)))),
                V.Map(
                    ("id", "abort-incomplete-uploads"),
                    ("status", "Enabled"),
                    ("filter", V.Map(("prefix", ""))),
                    ("abortIncompleteMultipartUpload", V.Map(("daysAfterInitiation", 7))))))),
            $"access logs expire after {days} days (mattermost:logRetentionDays), their old versions 7 days later",
            new NodeOptions { DependsOn = ["filesAccessLogBucketVersioning"] });
        c.Add("filesBucketLogging", AwsTypes.BucketLogging, V.Map(
            ("bucket", V.Ref(Bucket, "id")),
            ("targetBucket", logBucket),
            ("targetPrefix", "files/")),
            "S3 server access logging of the files bucket (FSBP S3.9): every request, into the log bucket under files/",
            new NodeOptions { DependsOn = ["filesAccessLogBucketPolicy", "filesAccessLogBucketOwnership"] });
    }
}
