using System.Globalization;
using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>What the database hands to the app tier.</summary>
/// <param name="InstanceNames">Every instance's node, writer first (the dashboard and the capacity signals name them).</param>
public sealed record DatabaseRefs(Value WriterEndpoint, IReadOnlyList<Value> ReaderEndpoints, Value SecretArn, Value KeyArn, string ClusterName, string WriterName,
    IReadOnlyList<string>? InstanceNames = null);

/// <summary>
/// Aurora PostgreSQL: a writer and the sized readers, each with its own endpoint (Mattermost balances
/// reads itself and wants instance endpoints, not the reader endpoint), KMS-encrypted, with automated
/// backups and credentials generated and kept by RDS in Secrets Manager.
/// </summary>
public static class DatabaseComponent
{
    public const string Name = "database";
    public const string Cluster = "databaseCluster";
    public const string Writer = "databaseWriter";
    public const string Key = "databaseKey";

    private const string HaDoc = "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html (Database; mattermost-sizing.md Table 7)";

    public static DatabaseRefs Build(GraphBuilder g, EnvironmentBlueprint bp, NetworkRefs net)
    {
        var s = bp.Settings;
        var db = bp.Sizing.Database;
        var c = g.Component(Name, ComponentTypes.Database,
            $"Aurora PostgreSQL {s.PostgresVersion}: writer + {db.Readers} reader(s) of {db.InstanceClass}");
        var family = $"aurora-postgresql{s.PostgresMajorVersion}";

        KmsKeys.Add(c, bp, Key, "database storage, snapshots, Performance Insights and the credentials secret");
        var keyArn = V.Ref(Key, "arn");

        c.Add("databaseSubnetGroup", AwsTypes.DbSubnetGroup, V.Map(
            ("description", $"{bp.Prefix} database subnets"),
            ("subnetIds", V.List(net.DatabaseSubnetIds)),
            ("tags", Tagging.Tags(bp, "database"))),
            "the database lives only in the database subnets, which have no internet route");

        var workMem = db.Readers > 0 ? "32768" : "16384";
        var parameters = new (string Name, string Value, string Apply)[]
        {
            ("rds.force_ssl", "1", "immediate"),
            ("max_connections", db.MaxConnections.ToString(CultureInfo.InvariantCulture), "pending-reboot"),
            ("random_page_cost", "1.1", "immediate"),
            ("work_mem", workMem, "immediate"),
            ("autovacuum_max_workers", "4", "pending-reboot"),
            ("autovacuum_vacuum_cost_limit", "500", "immediate"),
            ("tcp_keepalives_idle", "5", "immediate"),
            ("tcp_keepalives_interval", "1", "immediate"),
            ("tcp_keepalives_count", "5", "immediate"),
        };
        c.Add("databaseClusterParameters", AwsTypes.DbClusterParameterGroup, V.Map(
            ("family", family),
            ("description", $"{bp.Prefix}: TLS only and Mattermost's tuning"),
            ("parameters", V.List(parameters.Select(p => (Value)V.Map(("name", p.Name), ("value", p.Value), ("applyMethod", p.Apply))))),
            ("tags", Tagging.Tags(bp, "database-cluster-parameters"))),
            $"rds.force_ssl=1 (TLS in transit, FSBP RDS.38 intent); max_connections {db.MaxConnections}, work_mem {workMem} kB, random_page_cost 1.1, autovacuum and keepalives from {HaDoc}");
        c.Add("databaseInstanceParameters", AwsTypes.DbParameterGroup, V.Map(
            ("family", family),
            ("description", $"{bp.Prefix}: instance settings"),
            ("parameters", V.List(V.Map(("name", "log_min_duration_statement"), ("value", "2000"), ("applyMethod", "immediate")))),
            ("tags", Tagging.Tags(bp, "database-instance-parameters"))),
            "instance-level parameters: log statements slower than 2 s for troubleshooting");

        c.Add("databaseMonitoringRole", AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("monitoring.rds.amazonaws.com")),
            ("description", $"{bp.Prefix} RDS enhanced monitoring"),
            ("tags", Tagging.Tags(bp, "database-monitoring"))),
            "lets RDS publish OS metrics of the database instances (FSBP RDS.6)");
        c.Add("databaseMonitoringPolicy", AwsTypes.RolePolicyAttachment, V.Map(
            ("role", V.Ref("databaseMonitoringRole", "name")),
            ("policyArn", "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")),
            "AWS-managed policy for enhanced monitoring");

        // A fixed identifier, so that the log group RDS exports to (named after it) can be declared first with a retention;
        // RDS would otherwise create it on the first export, kept forever (MM-DATA-011). The final snapshot is named the same way.
        var clusterIdentifier = bp.Prefix;
        var logGroup = c.Add("databaseLogGroup", AwsTypes.LogGroup, V.Map(
            ("name", $"/aws/rds/cluster/{clusterIdentifier}/postgresql"),
            ("retentionInDays", s.LogRetentionDays),
            ("tags", Tagging.Tags(bp, "database-logs"))),
            $"RDS exports the PostgreSQL log to this group (its name is fixed by RDS); created first so that it is kept {s.LogRetentionDays} days, not forever");

        var finalSnapshot = s.DeletionProtection;
        c.Add(Cluster, AwsTypes.DbCluster, V.Map(
            ("clusterIdentifier", clusterIdentifier),
            ("engine", "aurora-postgresql"),
            ("engineVersion", s.PostgresVersion),
            ("databaseName", "mattermost"),
            ("masterUsername", "mmadmin"),
            ("manageMasterUserPassword", true),
            ("masterUserSecretKmsKeyId", keyArn),
            ("storageEncrypted", true),
            ("kmsKeyId", keyArn),
            ("dbSubnetGroupName", V.Ref("databaseSubnetGroup", "name")),
            ("vpcSecurityGroupIds", V.List(V.Ref(net.DatabaseSecurityGroup, "id"))),
            ("dbClusterParameterGroupName", V.Ref("databaseClusterParameters", "name")),
            // A new major version in mattermost:postgresVersion is the decision to upgrade: it is reviewed in the diff, which
            // names it one-way with an outage. So the cluster always allows it (AWS refuses a major upgrade without the flag),
            // and names the instances' parameter group, whose family follows the major version: AWS requires it in the
            // upgrade request when instances use a custom group (the provider drops it again from requests that are no major upgrade).
            ("allowMajorVersionUpgrade", true),
            ("dbInstanceParameterGroupName", V.Ref("databaseInstanceParameters", "name")),
            ("port", 5432),
            ("backupRetentionPeriod", s.BackupRetentionDays),
            ("preferredBackupWindow", "03:00-04:00"),
            ("preferredMaintenanceWindow", "sun:04:30-sun:05:30"),
            ("copyTagsToSnapshot", true),
            ("deletionProtection", s.DeletionProtection),
            ("skipFinalSnapshot", !finalSnapshot),
            ("finalSnapshotIdentifier", finalSnapshot ? new StringValue($"{bp.Prefix}-final") : null),
            ("enabledCloudwatchLogsExports", V.Strings(["postgresql"])),
            ("iamDatabaseAuthenticationEnabled", false),
            ("tags", Tagging.Tags(bp, "database"))),
            $"Aurora PostgreSQL {s.PostgresVersion} (Mattermost's reference load tests ran on Aurora); KMS-encrypted storage (FSBP RDS.27), {s.BackupRetentionDays}-day backups, "
            + (s.DeletionProtection ? "deletion protection and a final snapshot (FSBP RDS.7); " : "no deletion protection (mattermost:deletionProtection); ")
            + "the master password is generated by RDS and kept in Secrets Manager, never in config or outputs",
            KmsKeys.Stateful(bp, new NodeOptions { DependsOn = [logGroup.Name] }));

        var zones = s.AvailabilityZones;
        var readers = new List<Value>();
        for (var i = 0; i <= db.Readers; i++)
        {
            var name = i == 0 ? Writer : $"databaseReader{i}";
            var zone = zones[i % zones.Length];
            c.Add(name, AwsTypes.DbClusterInstance, V.Map(
                ("clusterIdentifier", V.Ref(Cluster, "id")),
                ("engine", "aurora-postgresql"),
                ("engineVersion", s.PostgresVersion),
                ("instanceClass", db.InstanceClass),
                ("availabilityZone", zone),
                ("dbParameterGroupName", V.Ref("databaseInstanceParameters", "name")),
                ("publiclyAccessible", false),
                ("autoMinorVersionUpgrade", true),
                ("promotionTier", i == 0 ? 0 : 1),
                ("performanceInsightsEnabled", true),
                ("performanceInsightsKmsKeyId", keyArn),
                ("monitoringInterval", 60),
                ("monitoringRoleArn", V.Ref("databaseMonitoringRole", "arn")),
                ("copyTagsToSnapshot", true),
                ("tags", Tagging.Tags(bp, name))),
                i == 0
                    ? $"writer {db.InstanceClass} in {zone}; not publicly accessible (FSBP RDS.2)"
                    : $"reader {i} of {db.Readers} ({db.InstanceClass}) in {zone}: read capacity and the failover target if the writer's zone is lost",
                KmsKeys.Stateful(bp, new NodeOptions { DependsOn = i == 0 ? [] : [Writer] }));
            if (i > 0) readers.Add(V.Ref(name, "endpoint"));
        }

        return new DatabaseRefs(V.Ref(Cluster, "endpoint"), readers, V.Ref(Cluster, "masterUserSecrets[0].secretArn"), keyArn, Cluster, Writer,
            [Writer, .. Enumerable.Range(1, db.Readers).Select(i => $"databaseReader{i}")]);
    }
}
