using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>
/// MM-DATA-012: every bucket's requests are recorded by S3 server access logging into another bucket; a bucket that
/// receives access logs is not itself logged (AWS advises against it: logging a log bucket into itself loops).
/// </summary>
public sealed class BucketAccessLoggingPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-012";
    public override string Name => "S3 server access logging on";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["S3.9"];
    public override string HelpUri => Fsbp("s3", "s3-9");

    public override string Guideline =>
        "Declare aws:s3/bucketLogging for each bucket with a targetBucket of its own: a log bucket in the same account and region with ACLs " +
        "disabled (BucketOwnerEnforced) and a bucket policy that lets logging.s3.amazonaws.com put objects only for this account and the " +
        "logged bucket, SSE-S3 default encryption (server access logs cannot be delivered to an SSE-KMS bucket), every public-access block, " +
        "TLS only and a lifecycle rule that expires the logs. The log bucket itself is not logged (Amazon S3 user guide, " +
        "enable-server-access-logging: a target bucket should not have server access logging on).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var buckets = ctx.Facts.OfTypes(Types.Buckets).ToList();
        if (buckets.Count == 0) { yield return Finding.NotApplicable("(stack)", "no S3 buckets"); yield break; }
        var targets = S3AccessLogging.Targets(ctx.Graph);
        foreach (var b in buckets)
        {
            var logging = ctx.Facts.ReferencedThrough(b.Name, "bucket", S3AccessLogging.Types).FirstOrDefault();
            if (logging is not null)
            {
                var target = ctx.Facts.Target(logging.Properties["targetBucket"]);
                var kms = target is null ? null : ctx.Facts.ReferencedThrough(target.Name, "bucket", AwsTypes.BucketEncryption, Types.BucketEncryptionV2)
                    .SelectMany(c => Items(c.Properties["rules"]).OfType<MapValue>())
                    .Select(r => Text(r.At("applyServerSideEncryptionByDefault.sseAlgorithm")))
                    .FirstOrDefault(a => a is not null && a.StartsWith("aws:kms", StringComparison.Ordinal));
                if (target?.Name == b.Name)
                    yield return Finding.Fail(b.Name, b.Type, "logs its own access into itself, a loop that grows without end");
                else if (kms is not null)
                    yield return Finding.Fail(b.Name, b.Type, $"logs to {target!.Name}, whose default encryption is {kms}: S3 delivers server access logs only to SSE-S3 buckets, so none would arrive");
                else
                    yield return Finding.Pass(b.Name, b.Type,
                        $"server access logs to {target?.Name ?? Show(logging.Properties["targetBucket"]) + " (not declared by this program)"} under {Show(logging.Properties["targetPrefix"])}");
            }
            else if (b.Properties.At("logging.targetBucket") is { } inline)
                yield return Finding.Pass(b.Name, b.Type, $"server access logs to {Show(inline)} (inline logging)");
            else if (targets.Contains(b.Name))
                yield return Finding.Pass(b.Name, b.Type, "receives the server access logs of other buckets; a log bucket is not logged itself");
            else
                yield return Finding.Fail(b.Name, b.Type, "no server access logging: requests to the bucket are not recorded");
        }
    }
}
