using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// The app's log group and the alarms an operator needs first: app CPU, the 5xx rate, database CPU,
/// connections and free local storage. Thresholds follow the load-test coordinator's limits
/// (mattermost-sizing.md Table 13): CPU 85 %, server 5xx 2.5 %.
/// </summary>
public sealed class ObservabilityComponent
{
    public const string Name = "observability";
    public const string AppLogGroup = "appLogGroup";

    private readonly ComponentScope _scope;
    private readonly EnvironmentBlueprint _bp;

    private ObservabilityComponent(ComponentScope scope, EnvironmentBlueprint bp)
    {
        _scope = scope;
        _bp = bp;
    }

    public Value LogGroupName => V.Ref(AppLogGroup, "name");

    public Value LogGroupArn => V.Ref(AppLogGroup, "arn");

    public static ObservabilityComponent Start(GraphBuilder g, EnvironmentBlueprint bp)
    {
        var c = g.Component(Name, ComponentTypes.Observability, "application logs and the alarms for capacity and errors");
        c.Add(AppLogGroup, AwsTypes.LogGroup, V.Map(
            ("name", $"/mattermost/{bp.Settings.Stack}/app"),
            ("retentionInDays", bp.Settings.LogRetentionDays),
            ("tags", Tagging.Tags(bp, "app-logs"))),
            $"Mattermost server logs from every node, kept {bp.Settings.LogRetentionDays} days");
        return new ObservabilityComponent(c, bp);
    }

    public void AddAlarms(AppTierRefs app, DatabaseRefs db)
    {
        if (app.AutoScalingGroupName is { } asg)
            Alarm("appCpuAlarm", "Mattermost app nodes above 85 % CPU: add nodes before the peak (load-test coordinator limit)",
                ("namespace", "AWS/EC2"), ("metricName", "CPUUtilization"), ("statistic", "Average"),
                ("dimensions", V.Map(("AutoScalingGroupName", asg))), ("threshold", 85));
        else if (app.NodeGroupAutoScalingGroups is { Count: > 0 } groups)
            Alarm("appCpuAlarm", "the busiest Kubernetes node group above 85 % CPU: the Mattermost pods are near their limits (load-test coordinator limit)",
                ("threshold", 85),
                ("metricQueries", V.List(groups
                    .Select((asg, i) => (Value)Metric($"nodes{i}", "AWS/EC2", "CPUUtilization", "Average", V.Map(("AutoScalingGroupName", asg))))
                    .Prepend(V.Map(("id", "busiest"), ("expression", "MAX([" + string.Join(", ", groups.Select((_, i) => $"nodes{i}")) + "])"),
                        ("label", "node CPU % (busiest zone)"), ("returnData", true))))));
        if (app.LoadBalancerArnSuffix is { } lb)
            Alarm("app5xxRateAlarm", "more than 2.5 % of requests answered 5xx (load-test coordinator limit)",
                ("threshold", 2.5m),
                ("metricQueries", V.List(
                    V.Map(("id", "rate"), ("expression", "100 * errors / MAX([errors, requests])"), ("label", "5xx %"), ("returnData", true)),
                    Metric("errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", V.Map(("LoadBalancer", lb))),
                    Metric("requests", "AWS/ApplicationELB", "RequestCount", "Sum", V.Map(("LoadBalancer", lb))))));
        var cluster = V.Map(("DBClusterIdentifier", V.Ref(db.ClusterName, "clusterIdentifier")));
        Alarm("databaseCpuAlarm", "database above 80 % CPU: add a reader or move to the next class",
            ("namespace", "AWS/RDS"), ("metricName", "CPUUtilization"), ("statistic", "Average"), ("dimensions", cluster), ("threshold", 80));
        var connections = (int)(_bp.Sizing.Database.MaxConnections * 0.8m);
        Alarm("databaseConnectionsAlarm", $"more than 80 % of max_connections ({connections} of {_bp.Sizing.Database.MaxConnections}) in use",
            ("namespace", "AWS/RDS"), ("metricName", "DatabaseConnections"), ("statistic", "Maximum"), ("dimensions", cluster), ("threshold", connections));
        Alarm("databaseFreeStorageAlarm", "the writer has under 5 GiB of free local (temporary) storage; Aurora's cluster volume grows by itself",
            ("namespace", "AWS/RDS"), ("metricName", "FreeLocalStorage"), ("statistic", "Minimum"),
            ("dimensions", V.Map(("DBInstanceIdentifier", V.Ref(db.WriterName, "identifier")))),
            ("threshold", 5L * 1024 * 1024 * 1024), ("comparisonOperator", "LessThanThreshold"));
    }

    private static MapValue Metric(string id, string ns, string name, string stat, MapValue dimensions) =>
        V.Map(("id", id), ("metric", V.Map(("namespace", ns), ("metricName", name), ("stat", stat), ("period", 300), ("dimensions", dimensions))));

    private void Alarm(string name, string description, params (string Key, Value? Value)[] settings)
    {
        var props = V.Map(settings)
            .With("alarmDescription", $"{_bp.Prefix}: {description}")
            .With("evaluationPeriods", 3)
            .With("treatMissingData", "notBreaching")
            .With("tags", Tagging.Tags(_bp, name));
        if (props["comparisonOperator"] is null) props = props.With("comparisonOperator", "GreaterThanThreshold");
        if (props["metricQueries"] is null) props = props.With("period", 300);
        if (_bp.Settings.AlarmTopicArn is { } topic)
            props = props.With("alarmActions", V.Strings([topic])).With("okActions", V.Strings([topic]));
        _scope.Add(name, AwsTypes.MetricAlarm, props,
            description + (_bp.Settings.AlarmTopicArn is null ? "; no notification topic configured (mattermost:alarmTopicArn)" : "; notifies " + _bp.Settings.AlarmTopicArn));
    }
}
