using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-006: every VPC's default security group is taken over and left without rules.</summary>
public sealed class DefaultSecurityGroupPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-006";
    public override string Name => "Default security group closed";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.2", "CIS 5.4"];
    public override string HelpUri => Fsbp("ec2", "ec2-2");

    public override string Guideline =>
        "AWS gives every VPC a default security group that allows all traffic between its members and all egress. Declare " +
        "aws:ec2/defaultSecurityGroup for the VPC with no ingress and no egress, which removes those rules, and use dedicated groups.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var vpcs = ctx.Facts.OfTypes(AwsTypes.Vpc).ToList();
        if (vpcs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no VPC"); yield break; }
        foreach (var vpc in vpcs)
        {
            var groups = ctx.Facts.ReferencedThrough(vpc.Name, "vpcId", AwsTypes.DefaultSecurityGroup).ToList();
            if (groups.Count == 0) { yield return Finding.Fail(vpc.Name, vpc.Type, "the default security group is not managed, so it keeps AWS's allow-all rules"); continue; }
            foreach (var g in groups)
            {
                var rules = Items(g.Properties["ingress"]).Count() + Items(g.Properties["egress"]).Count();
                yield return Finding.Check(rules == 0, g.Name, g.Type, "no ingress and no egress rules", $"{rules} rule(s) left on the default security group");
            }
        }
    }
}
