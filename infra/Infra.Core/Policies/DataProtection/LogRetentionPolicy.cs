using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>
/// MM-DATA-011: every CloudWatch log group keeps its events for a set period, at least a year in production; log
/// groups that AWS services create on first write (an EKS cluster's control-plane logs, an RDS cluster's exported
/// logs) are declared by the program first, so that the retention applies to them too.
/// </summary>
public sealed class LogRetentionPolicy : DataProtectionPolicyBase
{
    /// <summary>FSBP CloudWatch.16's default MinRetentionTime (AWS Config rule cw-loggroup-retention-period-check).</summary>
    public const int ProductionMinimumDays = 365;

    public override string Id => "MM-DATA-011";
    public override string Name => "Log groups keep events for a set period (a year or more in production)";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["CloudWatch.16"];
    public override string HelpUri => Fsbp("cloudwatch", "cloudwatch-16");

    public override string Guideline =>
        $"Set retentionInDays on every CloudWatch log group (mattermost:logRetentionDays), at least {ProductionMinimumDays} in production, the default " +
        "minimum of FSBP CloudWatch.16 (AWS Config rule cw-loggroup-retention-period-check). Without it CloudWatch keeps events forever: " +
        "CloudWatch.16 counts that as compliant, this pack does not, because logs hold personal data and cost money for as long as they are kept. " +
        "Log groups that a service creates on first write have no retention: declare them first with the name the service uses " +
        "(/aws/eks/<cluster>/cluster for EKS control-plane logs, /aws/rds/cluster/<cluster>/<log type> for Aurora log exports), which needs " +
        "a fixed cluster name.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var groups = ctx.Facts.OfTypes(AwsTypes.LogGroup).ToList();
        var declared = groups.Select(g => Text(g.Properties["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var any = false;
        foreach (var g in groups)
        {
            any = true;
            var days = Number(g.Properties["retentionInDays"]);
            var where = Text(g.Properties["name"]) ?? Show(g.Properties["name"]);
            if (days is null or 0)
                yield return Finding.Fail(g.Name, g.Type, $"{where}: no retentionInDays, so its events are kept forever");
            else if (ctx.IsProduction && days < ProductionMinimumDays)
                yield return Finding.Fail(g.Name, g.Type, $"{where}: kept {days} days, under the {ProductionMinimumDays} days production keeps (CloudWatch.16)");
            else
                yield return Finding.Pass(g.Name, g.Type, $"{where}: kept {days} days");
        }
        foreach (var (node, names) in ServiceLogGroups(ctx.Graph))
        {
            any = true;
            if (names is null)
            {
                yield return Finding.Fail(node.Name, node.Type, "writes logs to a log group that AWS creates without retention, and its name is not fixed, so the program cannot declare the group first");
                continue;
            }
            var missing = names.Where(n => !declared.Contains(n)).ToList();
            yield return Finding.Check(missing.Count == 0, node.Name, node.Type,
                $"its log group{(names.Count == 1 ? "" : "s")} {string.Join(", ", names)} declared with a retention",
                $"AWS creates {string.Join(", ", missing)} on first write, without retention; declare {(missing.Count == 1 ? "it" : "them")} first");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no log groups");
    }

    /// <summary>
    /// Resources that make a service create log groups, with the names it gives them (null when the resource's own
    /// name is not fixed): EKS control-plane logs (/aws/eks/NAME/cluster, Amazon EKS user guide "control-plane-logs")
    /// and RDS log exports (/aws/rds/cluster/ID/TYPE or /aws/rds/instance/ID/TYPE, Amazon RDS user guide
    /// "publishing logs to CloudWatch Logs").
    /// </summary>
    private static IEnumerable<(ResourceNode Node, IReadOnlyList<string>? Names)> ServiceLogGroups(ResourceGraph graph)
    {
        foreach (var n in graph.Nodes)
        {
            switch (n.Type)
            {
                case AwsTypes.EksCluster when Texts(n.Properties["enabledClusterLogTypes"]).Any():
                    yield return (n, Text(n.Properties["name"]) is { } cluster ? [$"/aws/eks/{cluster}/cluster"] : null);
                    break;
                case AwsTypes.DbCluster or Types.RdsInstance when Texts(n.Properties["enabledCloudwatchLogsExports"]).Any():
                    var kind = n.Type == AwsTypes.DbCluster ? "cluster" : "instance";
                    var id = Text(n.Properties[n.Type == AwsTypes.DbCluster ? "clusterIdentifier" : "identifier"]);
                    yield return (n, id is null ? null : [.. Texts(n.Properties["enabledCloudwatchLogsExports"]).Select(t => $"/aws/rds/{kind}/{id}/{t}")]);
                    break;
            }
        }
    }
}
