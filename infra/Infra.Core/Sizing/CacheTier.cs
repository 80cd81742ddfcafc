using System.Globalization;

namespace Infra.Core.Sizing;

/// <summary>The Redis cache tier's sizing: ElastiCache for Redis OSS (7.1 or later), sharded for throughput.</summary>
/// <param name="Enabled">Whether the plan deploys a cache.</param>
/// <param name="NodeType">The node type of every shard's primary and replica.</param>
/// <param name="Shards">Node groups (cluster mode shards).</param>
/// <param name="ReplicasPerShard">Replicas per shard, in another zone with automatic failover under HA.</param>
public sealed record CacheSizing(bool Enabled, string NodeType, int Shards, int ReplicasPerShard, string Reason);

/// <summary>
/// When and how big the cache is. Mattermost recommends Redis above 100,000 users (not below), from v10.4, with the
/// Enterprise Advanced licence, and starts at one cache.m7g.2xlarge, the 200,000 tier's node; it says to scale on CPU
/// because Redis is single-threaded (mattermost-sizing.md §1.5, redis.rst). So a larger node adds memory and network
/// but not command throughput: the plan keeps the docs' node and adds shards, one per 200,000 users of design load
/// (each shard a primary on its own core). Not yet wired into the plan: see issue 19.
/// </summary>
public static class CacheTier
{
    public const string Source = "https://docs.mattermost.com/administration-guide/scale/redis.html (mattermost-sizing.md §1.5; Table 1, 200,000 tier: 1 x cache.m7g.2xlarge)";

    /// <summary>Above this design load the docs recommend Redis.</summary>
    public const int ThresholdUsers = 100_000;

    /// <summary>The users the docs' starting node carried (the 200,000 tier).</summary>
    public const int UsersPerShard = 200_000;

    public const string StartNode = "cache.m7g.2xlarge";

    public static CacheSizing For(int designLoad, bool requested, bool highAvailability)
    {
        if (!requested && designLoad <= ThresholdUsers)
            return new(false, StartNode, 0, 0,
                $"no cache: the design load {Users(designLoad)} is not above the {Users(ThresholdUsers)} users above which Mattermost recommends Redis, and mattermost:cache does not ask for one");
        var shards = Math.Max(1, (int)Math.Ceiling(designLoad / (decimal)UsersPerShard));
        var replicas = highAvailability ? 1 : 0;
        var why = requested && designLoad <= ThresholdUsers
            ? "mattermost:cache asks for a cache"
            : $"the design load {Users(designLoad)} is above the {Users(ThresholdUsers)} users above which Mattermost recommends Redis";
        return new(true, StartNode, shards, replicas,
            $"{why}; {shards} shard{(shards == 1 ? "" : "s")} of {StartNode} (the docs' starting node, which carried {Users(UsersPerShard)} users): " +
            "Redis runs commands on one thread, so throughput grows by shards, not by a larger node" +
            (replicas > 0 ? "; one replica per shard in another zone with automatic failover" : "; no replica without high availability"));
    }

    private static string Users(decimal n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
