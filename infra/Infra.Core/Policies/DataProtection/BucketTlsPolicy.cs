using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-004: every bucket's policy denies requests not made over TLS.</summary>
public sealed class BucketTlsPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-004";
    public override string Name => "S3 buckets accept only TLS requests";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["S3.5", "CIS 2.1.1"];
    public override string HelpUri => Fsbp("s3", "s3-5");

    public override string Guideline =>
        "Attach a bucket policy with a Deny statement for any principal on s3:* when aws:SecureTransport is false, covering the bucket and its " +
        "objects. Mattermost's AmazonS3SSL is on by default, so nothing legitimate is refused.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var buckets = ctx.Facts.OfTypes(Types.Buckets).ToList();
        if (buckets.Count == 0) { yield return Finding.NotApplicable("(stack)", "no S3 buckets"); yield break; }
        foreach (var b in buckets)
        {
            var denies = ctx.Facts.ReferencedThrough(b.Name, "bucket", AwsTypes.BucketPolicy)
                .SelectMany(p => PolicyDocuments.Statements(p.Properties["policy"]))
                .Any(s => s.Effect == "Deny" && DeniesInsecure(s.Condition) && s.Actions.Any(a => a is "s3:*" or "*"));
            yield return Finding.Check(denies, b.Name, b.Type, "the bucket policy denies requests without TLS (aws:SecureTransport false)",
                "no bucket policy denies requests made without TLS");
        }
    }

    private static bool DeniesInsecure(Value? condition) =>
        condition is MapValue c && c["Bool"] is MapValue b && Text(b["aws:SecureTransport"]) == "false";
}
