using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-007: bucket versioning is on, so overwritten and deleted files stay recoverable.</summary>
public sealed class BucketVersioningPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-007";
    public override string Name => "S3 versioning on";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["S3.14"];
    public override string HelpUri => Fsbp("s3", "s3-14");

    public override string Guideline =>
        "Declare aws:s3/bucketVersioning with status Enabled for each bucket, and a lifecycle rule that expires noncurrent versions so that " +
        "storage does not grow without bound.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var buckets = ctx.Facts.OfTypes(Types.Buckets).ToList();
        if (buckets.Count == 0) { yield return Finding.NotApplicable("(stack)", "no S3 buckets"); yield break; }
        foreach (var b in buckets)
        {
            var enabled = ctx.Facts.ReferencedThrough(b.Name, "bucket", AwsTypes.BucketVersioning, Types.BucketVersioningV2)
                .Any(v => Text(v.Properties.At("versioningConfiguration.status")) == "Enabled")
                || Bool(b.Properties.At("versioning.enabled")) == true;
            yield return Finding.Check(enabled, b.Name, b.Type, "versioning Enabled", "versioning is not enabled");
        }
    }
}
