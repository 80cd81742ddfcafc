using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-009: no subnet assigns public IP addresses on launch.</summary>
public sealed class PublicIpSubnetsPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-009";
    public override string Name => "Subnets do not assign public IPs on launch";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["EC2.15"];
    public override string HelpUri => Fsbp("ec2", "ec2-15");

    public override string Guideline =>
        "Set mapPublicIpOnLaunch false on every subnet, public ones included: the load balancer and NAT gateways get their addresses explicitly, " +
        "and nothing else should be given one by accident.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var subnets = ctx.Facts.OfTypes(AwsTypes.Subnet).ToList();
        if (subnets.Count == 0) { yield return Finding.NotApplicable("(stack)", "no subnets"); yield break; }
        foreach (var s in subnets)
            yield return Finding.Check(Bool(s.Properties["mapPublicIpOnLaunch"]) != true, s.Name, s.Type,
                "mapPublicIpOnLaunch is false", "mapPublicIpOnLaunch is true: instances launched here get public addresses");
    }
}
