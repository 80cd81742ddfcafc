using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>MM-CMP-002: app nodes get no public IP and run in private subnets.</summary>
public sealed class NoPublicIpPolicy : ComputeIdentityPolicyBase
{
    public override string Id => "MM-CMP-002";
    public override string Name => "No public IPs on app nodes";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.9", "EC2.25", "AutoScaling.5", "EC2.15"];
    public override string HelpUri => Fsbp("ec2", "ec2-9");

    public override string Guideline =>
        "App nodes run in private subnets (default route through NAT, not an internet gateway), their launch templates do not associate public " +
        "addresses and their subnets do not assign them. Users reach Mattermost through the load balancer; operators through Systems Manager.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var f = ctx.Facts;
        if (f.AppCompute.Count == 0) { yield return Finding.NotApplicable("(stack)", "no app nodes"); yield break; }
        foreach (var c in f.AppCompute)
        {
            var problems = new List<string>();
            var carrier = c.LaunchTemplate?.Properties ?? MapValue.Empty;
            if (Items(carrier["networkInterfaces"]).OfType<MapValue>().Any(nic => Bool(nic["associatePublicIpAddress"]) == true))
                problems.Add($"launch template {c.LaunchTemplate!.Name} associates a public IP");
            if (Bool(c.Node.Properties["associatePublicIpAddress"]) == true) problems.Add("associatePublicIpAddress is true");
            var subnets = c.Subnets.Select(f.Target).OfType<ResourceNode>().ToList();
            foreach (var s in subnets)
            {
                if (Bool(s.Properties["mapPublicIpOnLaunch"]) == true) problems.Add($"{s.Name} assigns public IPs");
                if (f.IsPublic(s)) problems.Add($"{s.Name} is a public subnet (default route to an internet gateway)");
            }
            yield return Finding.Check(problems.Count == 0, c.Node.Name, c.Node.Type,
                $"private subnets ({string.Join(", ", subnets.Select(s => s.Name))}), no public IP", string.Join("; ", problems));
        }
    }
}
