using Infra.Core.Sizing;

namespace Infra.Core.Tests.Sizing;

public class CacheTierTests
{
    [Theory]
    [InlineData(2_000, false, false, 0)]
    [InlineData(100_000, false, false, 0)]     // "above 100K": not at it
    [InlineData(100_001, false, true, 1)]
    [InlineData(200_000, false, true, 1)]      // the 200,000 tier's one cache.m7g.2xlarge
    [InlineData(300_000, false, true, 2)]
    [InlineData(1_000_000, false, true, 5)]
    [InlineData(2_000, true, true, 1)]         // mattermost:cache asks for one
    public void The_cache_follows_the_docs_threshold_and_shards_with_load(int load, bool requested, bool enabled, int shards)
    {
        var c = CacheTier.For(load, requested, highAvailability: true);
        Assert.Equal(enabled, c.Enabled);
        Assert.Equal(shards, c.Shards);
        Assert.Equal("cache.m7g.2xlarge", c.NodeType);
        Assert.Equal(enabled ? 1 : 0, c.ReplicasPerShard);
        Assert.False(string.IsNullOrWhiteSpace(c.Reason));
    }

    [Fact]
    public void Without_high_availability_there_is_no_replica()
    {
        var c = CacheTier.For(200_000, false, highAvailability: false);
        Assert.True(c.Enabled);
        Assert.Equal(0, c.ReplicasPerShard);
        Assert.Contains("no replica", c.Reason);
    }
}
