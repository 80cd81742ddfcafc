using System.Globalization;
using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Sizing;

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
        var c = g.Component(Name, ComponentTypes.Observability, "application logs, the alarms for capacity and errors, and the capacity dashboard");
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

    public const string Dashboard = "capacityDashboard";

    /// <summary>The dashboard's name is fixed by the graph, so the console link and the stack output never change.</summary>
    public static string DashboardName(EnvironmentBlueprint bp) => $"{bp.Prefix}-capacity";

    /// <summary>The app tier's hardware as CloudWatch sees it: instance type and count of the app nodes (or of the Kubernetes nodes).</summary>
    public static (string InstanceType, int Nodes, decimal Vcpu) AppHardware(EnvironmentBlueprint bp) =>
        bp.Sizing.Kubernetes is { } k
            ? (k.NodeInstanceType, k.TotalNodes, k.TotalNodes * (decimal)Catalog.InstanceTypes.Get(k.NodeInstanceType).VCpus)
            : (bp.Sizing.App.InstanceType, bp.Sizing.App.Nodes, bp.Sizing.App.ProvidedVcpu);

    /// <summary>
    /// A CloudWatch dashboard of the capacity signals beside the sized capacity: app CPU (the auto scaling group, or each
    /// node group), the pods' CPU where Container Insights reports it, database CPU and connections per instance, the load
    /// balancer's requests and 5xx. Horizontal annotations mark the alarms and the CPU the calibrated reference curve
    /// predicts at the projected peak and the design load, so a pilot's real curve can be read against its sizing.
    /// </summary>
    public void AddDashboard(AppTierRefs app, DatabaseRefs db, Value? clusterName = null, string? loadBalancerName = null)
    {
        var z = _bp.Sizing;
        var region = _bp.Settings.Region;
        var hardware = AppHardware(_bp);
        var dbVcpu = z.Database.ProvidedVcpu;
        var instances = (db.InstanceNames ?? [db.WriterName]).Select(n => (Value)V.Ref(n, "identifier")).ToList();
        string Pct(decimal v) => v.ToString("0", CultureInfo.InvariantCulture);
        decimal Predicted(CapacityCurve curve, int users, decimal vcpu) => vcpu <= 0 ? 0 : Math.Round(CapacityCurve.ReferenceCpuShare * curve.VcpuFor(users) / vcpu * 100, 0);
        MapValue Line(string label, decimal value) => V.Map(("label", label), ("value", value));
        var appPeak = Predicted(z.Load.AppCurve, z.Load.PeakConcurrent, hardware.Vcpu);
        var appDesign = Predicted(z.Load.AppCurve, z.Load.DesignLoad, hardware.Vcpu);
        var dbPeak = Predicted(z.Load.DatabaseCurve, z.Load.PeakConcurrent, dbVcpu);
        var dbDesign = Predicted(z.Load.DatabaseCurve, z.Load.DesignLoad, dbVcpu);
        var calibration = z.Load.Calibration is { } c ? $" Calibrated from {c.Evidence}." : "";

        var widgets = new List<Value>
        {
            Widget("text", 0, 0, 24, 3, V.Map(("markdown",
                $"## {_bp.Prefix}: capacity against its sizing\n" +
                $"Sized for a peak of **{z.Load.PeakConcurrent:#,0}** concurrent users (design load {z.Load.DesignLoad:#,0}, {z.Load.HeadroomPercent}% headroom): " +
                $"app {hardware.Nodes} x {hardware.InstanceType} ({hardware.Vcpu:0.##} vCPU), database {z.Database.Instances} x {z.Database.InstanceClass} ({dbVcpu:0.##} vCPU, max_connections {z.Database.MaxConnections}). " +
                $"The dashed lines are the CPU the reference curve predicts at the peak and the design load ({CapacityCurve.ReferenceCpuShare * 100:0} % of the vCPU at a tier's load) and the alarms.{calibration} " +
                $"Export these signals for sizing production with `project queries --stack {_bp.Settings.Stack}` (docs/pilot-to-production.md)."))),
            Graph(0, 3, 12, "App CPU % " + (app.AutoScalingGroupName is not null ? "(auto scaling group)" : "(node groups)"), "Average",
                [.. (app.AutoScalingGroupName is { } asg ? [asg] : app.NodeGroupAutoScalingGroups ?? [])
                    .Select(g => (Value)V.List("AWS/EC2", "CPUUtilization", "AutoScalingGroupName", g))],
                [Line("alarm 85 %", 85), Line($"predicted at the peak ({z.Load.PeakConcurrent:#,0} users): {Pct(appPeak)} %", appPeak),
                    Line($"predicted at the design load ({z.Load.DesignLoad:#,0}): {Pct(appDesign)} %", appDesign)], max: 100),
            Graph(12, 3, 12, "Database CPU % per instance", "Average",
                [.. instances.Select(i => (Value)V.List("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", i))],
                [Line("alarm 80 %", 80), Line($"predicted at the peak: {Pct(dbPeak)} % (average of the instances)", dbPeak),
                    Line($"predicted at the design load: {Pct(dbDesign)} %", dbDesign)], max: 100),
            Graph(0, 9, 12, "Database connections per instance", "Maximum",
                [.. instances.Select(i => (Value)V.List("AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", i))],
                [Line($"max_connections {z.Database.MaxConnections}", z.Database.MaxConnections),
                    Line($"alarm {(int)(z.Database.MaxConnections * 0.8m)}", (int)(z.Database.MaxConnections * 0.8m))]),
        };
        if (app.LoadBalancerArnSuffix is { } lb)
            widgets.Add(Graph(12, 9, 12, "Load balancer requests and target 5xx (per 5 minutes)", "Sum",
                [V.List("AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb), V.List("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", lb, V.Map(("yAxis", "right")))], []));
        else if (loadBalancerName is not null)
            // The controller's ALB is outside the graph: its LoadBalancer dimension (app/NAME/ID) is found by the name this tool gives it.
            widgets.Add(Graph(12, 9, 12, $"Load balancer {loadBalancerName}: requests and target 5xx (per 5 minutes)", "Sum",
                [V.List(V.Map(("expression", $"SEARCH('{{AWS/ApplicationELB,LoadBalancer}} MetricName=\"RequestCount\" LoadBalancer=\"{loadBalancerName}\"', 'Sum', 300)"), ("id", "requests"))),
                 V.List(V.Map(("expression", $"SEARCH('{{AWS/ApplicationELB,LoadBalancer}} MetricName=\"HTTPCode_Target_5XX_Count\" LoadBalancer=\"{loadBalancerName}\"', 'Sum', 300)"), ("id", "errors"), ("yAxis", "right")))], []));
        if (clusterName is not null)
            widgets.Add(Graph(0, 15, 12, "Mattermost pods CPU % of their limit (Container Insights, where the cluster reports it)", "Average",
                [V.List("ContainerInsights", "pod_cpu_utilization_over_pod_limit", "ClusterName", clusterName, "Namespace", "mattermost", "PodName", "mattermost")], [Line("alarm 85 %", 85)], max: 100));

        _scope.Add(Dashboard, AwsTypes.Dashboard, V.Map(
            ("dashboardName", DashboardName(_bp)),
            ("dashboardBody", V.Json(V.Map(("widgets", V.List(widgets)))))),
            $"capacity signals beside the sized capacity (peak {z.Load.PeakConcurrent:#,0}, design load {z.Load.DesignLoad:#,0}): what a pilot is watched with before production is sized (docs/pilot-to-production.md)");

        MapValue Graph(int x, int y, int width, string title, string stat, IReadOnlyList<Value> metrics, IReadOnlyList<MapValue> lines, int? max = null) =>
            Widget("metric", x, y, width, 6, V.Map(
                ("title", title), ("region", region), ("view", "timeSeries"), ("stacked", false), ("period", 300), ("stat", stat),
                ("metrics", V.List(metrics)),
                ("annotations", lines.Count == 0 ? null : V.Map(("horizontal", V.List([.. lines])))),
                ("yAxis", V.Map(("left", max is { } m ? V.Map(("min", 0), ("max", m)) : V.Map(("min", 0)))))));
    }

    private static MapValue Widget(string type, int x, int y, int width, int height, MapValue properties) =>
        V.Map(("type", type), ("x", x), ("y", y), ("width", width), ("height", height), ("properties", properties));

    /// <summary>
    /// What <c>project queries</c> needs to export this stack's capacity signals: the names AWS gives at deploy time (auto
    /// scaling groups, Aurora instances, the load balancer) beside the hardware they run on. Read with
    /// <c>pulumi stack output --json</c>; <c>project --from</c> checks every export against it.
    /// </summary>
    public Value CapacitySignals(AppTierRefs app, DatabaseRefs db, string? loadBalancerName = null)
    {
        var hardware = AppHardware(_bp);
        return V.Map(
            ("stack", _bp.Settings.Stack),
            ("appTier", _bp.Settings.AppTier == Settings.AppTierKind.Kubernetes ? "kubernetes" : "vm"),
            ("region", _bp.Settings.Region),
            ("dashboardName", DashboardName(_bp)),
            ("appAutoScalingGroups", V.List(app.AutoScalingGroupName is { } asg ? [asg] : [.. app.NodeGroupAutoScalingGroups ?? []])),
            ("appInstanceType", hardware.InstanceType),
            ("appNodes", hardware.Nodes),
            ("loadBalancer", app.LoadBalancerArnSuffix ?? (loadBalancerName is null ? null : new StringValue(loadBalancerName))),
            ("databaseClusterIdentifier", V.Ref(db.ClusterName, "clusterIdentifier")),
            ("databaseInstances", V.List([.. (db.InstanceNames ?? [db.WriterName]).Select(n => (Value)V.Ref(n, "identifier"))])),
            ("databaseInstanceClass", _bp.Sizing.Database.InstanceClass));
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
