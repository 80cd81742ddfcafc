using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-006: all four S3 Block Public Access settings are on for every bucket.</summary>
public sealed class BucketPublicAccessPolicy : DataProtectionPolicyBase
{
    private static readonly string[] Blocks = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

    public override string Id => "MM-DATA-006";
    public override string Name => "S3 public access fully blocked";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => ["S3.2", "S3.3", "S3.8", "CIS 2.1.4"];
    public override string HelpUri => Fsbp("s3", "s3-8");

    public override string Guideline =>
        "Declare an aws:s3/bucketPublicAccessBlock for each bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
        "restrictPublicBuckets all true. Mattermost serves files through its own API; nothing in the bucket is ever public.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var buckets = ctx.Facts.OfTypes(Types.Buckets).ToList();
        if (buckets.Count == 0) { yield return Finding.NotApplicable("(stack)", "no S3 buckets"); yield break; }
        foreach (var b in buckets)
        {
            var block = ctx.Facts.ReferencedThrough(b.Name, "bucket", AwsTypes.BucketPublicAccessBlock).FirstOrDefault();
            if (block is null) { yield return Finding.Fail(b.Name, b.Type, "no public access block for this bucket"); continue; }
            var off = Blocks.Where(k => Bool(block.Properties[k]) != true).ToList();
            yield return Finding.Check(off.Count == 0, b.Name, b.Type, $"all four blocks on ({block.Name})", $"{string.Join(", ", off)} not true in {block.Name}");
        }
    }
}
