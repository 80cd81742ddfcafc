using System.Globalization;

namespace Infra.Core.Sizing;

/// <summary>
/// The database connections Mattermost can open, per Aurora instance, and the max_connections that covers them.
/// <para>
/// Mattermost opens one connection pool per data source on every app node: one to the writer (DataSource) and one
/// to each reader (DataSourceReplicas), each limited to MaxOpenConns (mattermost/mattermost
/// server/public/utils/sql/sql_utils.go SetupConnection: SetMaxOpenConns(*settings.MaxOpenConns) on every pool).
/// The writer gets the writes and Mattermost spreads the reads over the readers itself, so a reader's pool is
/// usually less busy than the writer's, but each pool may grow to MaxOpenConns: every instance must accept
/// MaxOpenConns x app nodes. The docs' rule MaxOpenConns x (1 + readers) x app nodes is that summed over the
/// cluster (mattermost-sizing.md Table 7); max_connections is a per-instance setting, so it takes the share.
/// </para>
/// </summary>
/// <param name="AppNodesAtMost">The most app nodes or pods that may run at once (VM: the auto scaling group's maxSize; Kubernetes: replicas + the operator's surge pod).</param>
/// <param name="Readers">Aurora readers; each is a data source of its own.</param>
/// <param name="InstanceClass">The class of every instance (the writer's and the readers' are the same).</param>
/// <param name="MaxConnections">The max_connections the parameter group sets on every instance.</param>
public sealed record ConnectionBudget(int AppNodesAtMost, int Readers, string InstanceClass, int MaxConnections)
{
    public const string Source = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html (Database section; mattermost-sizing.md Table 7); " +
                                 "mattermost/mattermost server/public/utils/sql/sql_utils.go (one pool of MaxOpenConns per data source); " + AuroraLimits.MaxConnectionsSource;

    /// <summary>At least this many, as the docs' tested setting (1024 on r5.xlarge), where the class's memory allows it.</summary>
    public const int Floor = 1024;

    /// <summary>Connections one instance may be asked for: MaxOpenConns from every app node.</summary>
    public int PerInstance => SizingEngine.MaxOpenConnsPerDataSource * AppNodesAtMost;

    /// <summary>The docs' cluster-wide total: MaxOpenConns x (1 + readers) x app nodes.</summary>
    public int ClusterTotal => PerInstance * (1 + Readers);

    /// <summary>What an instance must accept: every pool full, plus Aurora's own automation connections.</summary>
    public int Required => PerInstance + AuroraLimits.AutomationConnections;

    /// <summary>The most this class carries (its memory at Aurora's per-connection budget, within PostgreSQL's ceiling).</summary>
    public int Limit => AuroraLimits.MaxConnections(InstanceClass);

    /// <summary>The setting covers every pool and stays inside what the class carries.</summary>
    public bool Fits => MaxConnections >= Required && MaxConnections <= Limit;

    /// <summary>
    /// The setting for <paramref name="appNodesAtMost"/> app nodes: what the pools need + 25 %, rounded up to a
    /// hundred, at least <see cref="Floor"/>, never above what the class's memory carries (where the need itself is
    /// above that, the plan does not fit and is refused).
    /// </summary>
    public static ConnectionBudget For(int appNodesAtMost, int readers, string instanceClass)
    {
        var need = SizingEngine.MaxOpenConnsPerDataSource * appNodesAtMost + AuroraLimits.AutomationConnections;
        var limit = AuroraLimits.MaxConnections(instanceClass);
        var wanted = Math.Max(Floor, (int)Math.Ceiling(need * 1.25m / 100) * 100);
        return new ConnectionBudget(appNodesAtMost, readers, instanceClass, Math.Min(wanted, Math.Max(limit, need)));
    }

    /// <summary>The most app nodes whose pools <paramref name="instanceClass"/> can carry.</summary>
    public static int MaxAppNodes(string instanceClass) =>
        (AuroraLimits.MaxConnections(instanceClass) - AuroraLimits.AutomationConnections) / SizingEngine.MaxOpenConnsPerDataSource;

    /// <summary>The one explanation of the number, shown by the plan and by the audit.</summary>
    public string Explain() => string.Create(CultureInfo.InvariantCulture,
        $"max_connections {MaxConnections} on each instance: every app node (at most {AppNodesAtMost}) keeps one pool of up to MaxOpenConns " +
        $"{SizingEngine.MaxOpenConnsPerDataSource} per data source (the writer, and each of {Readers} reader{(Readers == 1 ? "" : "s")}), " +
        $"so an instance serves at most {SizingEngine.MaxOpenConnsPerDataSource} x {AppNodesAtMost} = {PerInstance} + {AuroraLimits.AutomationConnections} for AWS automation; " +
        $"the docs' MaxOpenConns x (1 + readers) x app nodes = {ClusterTotal} is the whole cluster's; set to that need + 25 %, at least {Floor}, " +
        $"within the {Limit} that {InstanceClass} carries ({AuroraLimits.MemoryBytesPerConnection:#,0} bytes of memory per connection)");
}
