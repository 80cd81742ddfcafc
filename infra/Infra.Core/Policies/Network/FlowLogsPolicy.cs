using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-005: every VPC has flow logs recording rejected (or all) traffic.</summary>
public sealed class FlowLogsPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-005";
    public override string Name => "VPC flow logs on";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["EC2.6", "CIS 3.7"];
    public override string HelpUri => Fsbp("ec2", "ec2-6");

    public override string Guideline =>
        "Declare an aws:ec2/flowLog for each VPC with trafficType ALL (or at least REJECT), delivered to CloudWatch Logs or S3, so that " +
        "investigations can see who tried to connect to what.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var vpcs = ctx.Facts.OfTypes(AwsTypes.Vpc).ToList();
        if (vpcs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no VPC"); yield break; }
        foreach (var vpc in vpcs)
        {
            var logs = ctx.Facts.ReferencedThrough(vpc.Name, "vpcId", AwsTypes.FlowLog)
                .Where(l => Text(l.Properties["trafficType"]) is "ALL" or "REJECT").ToList();
            yield return Finding.Check(logs.Count > 0, vpc.Name, vpc.Type,
                $"flow log {string.Join(", ", logs.Select(l => $"{l.Name} ({Text(l.Properties["trafficType"])})"))}",
                "no flow log records this VPC's traffic (ALL or REJECT)");
        }
    }
}
