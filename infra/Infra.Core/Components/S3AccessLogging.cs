using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// S3 server access logging as the graph declares it: an <c>aws:s3/bucketLogging</c> (or the deprecated V2) resource
/// whose <c>bucket</c> is the logged bucket and <c>targetBucket</c> the bucket that receives the logs. The cost
/// estimate and the policies read it from here, so a log bucket is never mistaken for the file store.
/// </summary>
public static class S3AccessLogging
{
    public const string LoggingV2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";

    public static readonly string[] Types = [AwsTypes.BucketLogging, LoggingV2];

    /// <summary>The logging resources of the graph.</summary>
    public static IEnumerable<ResourceNode> Loggings(ResourceGraph graph) => graph.Nodes.Where(n => Types.Contains(n.Type));

    /// <summary>Names of the buckets that receive server access logs (the targetBucket of any logging resource).</summary>
    public static IReadOnlySet<string> Targets(ResourceGraph graph) =>
        Loggings(graph).SelectMany(n => n.Properties["targetBucket"]?.References() ?? []).Select(r => r.Resource).ToHashSet(StringComparer.Ordinal);
}
