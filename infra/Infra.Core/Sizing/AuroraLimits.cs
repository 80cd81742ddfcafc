using Infra.Core.Catalog;

namespace Infra.Core.Sizing;

/// <summary>
/// The limits of Aurora PostgreSQL that a plan must stay inside, as data with their sources. A plan that
/// needs more is refused (<see cref="NoPlanFitsException"/>) rather than rendered for AWS to reject.
/// </summary>
public static class AuroraLimits
{
    /// <summary>Aurora Replicas (readers) one DB cluster may have besides its writer.</summary>
    public const int MaxReplicas = 15;

    public const string MaxReplicasSource =
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-replicas-adding.html (\"one primary DB instance and up to 15 Aurora Replicas\")";

    /// <summary>
    /// PostgreSQL's own ceiling on max_connections: MAX_BACKENDS = 0x3FFFF (src/backend/utils/misc/guc_tables.c
    /// declares max_connections with that maximum; the PostgreSQL docs' max_connections range), which Aurora's
    /// docs repeat ("up to 262,143").
    /// </summary>
    public const int MaxConnectionsHardLimit = 262_143;

    public const string MaxConnectionsSource =
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Managing.html (default LEAST({DBInstanceClassMemory/9531392},5000); a larger value may be set up to 262,143 = PostgreSQL's MAX_BACKENDS, guc_tables.c)";

    /// <summary>
    /// Bytes of instance memory Aurora's default formula budgets per connection (DBInstanceClassMemory/9531392).
    /// Each connection is a PostgreSQL backend process with its own memory, so a value above what the class's
    /// memory carries at this rate is refused even though PostgreSQL would accept it.
    /// </summary>
    public const long MemoryBytesPerConnection = 9_531_392;

    /// <summary>Connections Aurora keeps for its own automation ("plus at least 3 more connections to support AWS automation").</summary>
    public const int AutomationConnections = 3;

    /// <summary>
    /// The most connections the class's memory carries at Aurora's per-connection budget. DBInstanceClassMemory is
    /// the class's memory less what the OS and RDS reserve; the docs' worked example counts a GiB as 10^9 bytes
    /// (db.r4.large, 15.25 GiB: 15.25 x 10^9 / 9531392 = 1600), which stays below the nominal memory, so this does too.
    /// </summary>
    public static int MemoryConnections(string instanceClass)
    {
        var gib = InstanceTypes.Get(instanceClass).MemoryGiB;
        return (int)Math.Min(MaxConnectionsHardLimit, Math.Floor(gib * 1_000_000_000m / MemoryBytesPerConnection));
    }

    /// <summary>The highest max_connections this plan sets for <paramref name="instanceClass"/>: memory first, then PostgreSQL's ceiling.</summary>
    public static int MaxConnections(string instanceClass) => Math.Min(MaxConnectionsHardLimit, MemoryConnections(instanceClass));

    /// <summary>Aurora PostgreSQL's default shared_buffers, in 8 kB pages: SUM({DBInstanceClassMemory/12038},-50003).</summary>
    public const string SharedBuffersFormula = "SUM({DBInstanceClassMemory/12038},-50003)";

    public const string SharedBuffersSource =
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Reference.ParameterGroups.html (shared_buffers default " + SharedBuffersFormula + "); " +
        "https://repost.aws/knowledge-center/rds-aurora-postgresql-shared-buffers (Aurora's default is 50-75 % of memory by class)";

    /// <summary>Aurora's default shared_buffers for <paramref name="instanceClass"/>, in MiB (memory counted as for <see cref="MemoryConnections"/>).</summary>
    public static long SharedBuffersMiB(string instanceClass)
    {
        var memory = InstanceTypes.Get(instanceClass).MemoryGiB * 1_000_000_000m;
        var pages = Math.Floor(memory / 12038m) - 50003m;
        return (long)Math.Floor(pages * 8192m / (1024m * 1024m));
    }
}
