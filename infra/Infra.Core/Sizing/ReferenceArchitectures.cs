namespace Infra.Core.Sizing;

/// <summary>
/// Mattermost's current reference architectures (docs at mattermost/docs 9dd1c713, covering v11.10),
/// transcribed from shared/reference/mattermost-sizing.md Table 1. User counts are concurrent users.
/// Proxy rows are left out: an ALB or ingress takes the proxy's place here, and the docs say the proxy
/// was held fixed (oversized) in every test.
/// </summary>
public static class ReferenceArchitectures
{
    private const string Docs = "https://docs.mattermost.com/administration-guide/scale/scale-to-{0}-users.html (mattermost-sizing.md Table 1)";

    private static string Src(int users) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Docs, users);

    public static readonly IReadOnlyList<ReferenceTier> Tiers =
    [
        new(200, false, 1, "c7i.large", "db.r7g.large", 0, 0, "r6g.xlarge.search", Src(200)),
        new(2_000, true, 2, "c7i.large", "db.r7g.large", 1, 2, "r6g.xlarge.search", Src(2000)),
        new(15_000, true, 2, "c7i.xlarge", "db.r7g.xlarge", 1, 2, "r6g.xlarge.search", Src(15000)),
        new(30_000, true, 2, "c7i.2xlarge", "db.r7g.2xlarge", 1, 4, "r6g.2xlarge.search", Src(30000)),
        new(50_000, true, 5, "c7i.2xlarge", "db.r7g.2xlarge", 4, 4, "r6g.2xlarge.search", Src(50000)),
        new(80_000, true, 4, "c7i.4xlarge", "db.r7g.4xlarge", 3, 4, "r6g.2xlarge.search", Src(80000)),
        new(90_000, true, 5, "c7i.4xlarge", "db.r7g.4xlarge", 4, 4, "r6g.2xlarge.search", Src(90000)),
        new(100_000, true, 6, "c7i.4xlarge", "db.r7g.4xlarge", 5, 4, "r6g.2xlarge.search", Src(100000)),
        new(200_000, true, 14, "c7i.4xlarge", "db.r7g.4xlarge", 6, 4, "r6g.2xlarge.search", Src(200000)),
    ];

    public static ReferenceTier Smallest => Tiers[0];

    public static ReferenceTier Largest => Tiers[^1];

    /// <summary>The smallest tier whose user count covers <paramref name="users"/> (the largest tier beyond it).</summary>
    public static ReferenceTier Covering(decimal users) => Tiers.FirstOrDefault(t => t.ConcurrentUsers >= users) ?? Largest;

    /// <summary>The largest tier at or below <paramref name="users"/>, if any.</summary>
    public static ReferenceTier? Below(decimal users) => Tiers.LastOrDefault(t => t.ConcurrentUsers <= users);
}
