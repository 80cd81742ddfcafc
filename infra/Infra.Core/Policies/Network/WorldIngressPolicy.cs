using System.Collections.Immutable;
using Infra.Core.Analysis;
using Infra.Core.Policies.Model;

namespace Infra.Core.Policies.Network;

/// <summary>
/// MM-NET-001: nothing is open to the internet (0.0.0.0/0 or ::/0) except TCP 443 and 80 on the public
/// load balancer's security group. Reads every ingress rule through <see cref="Reachability"/>.
/// </summary>
public sealed class WorldIngressPolicy : NetworkPolicyBase
{
    private static readonly int[] AllowedPorts = [443, 80];

    public override string Id => "MM-NET-001";
    public override string Name => "No ingress from the internet except HTTPS/HTTP on the public load balancer";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => ["EC2.18", "EC2.19", "EC2.13", "EC2.14", "EC2.53", "EC2.54", "CIS 5.2", "CIS 5.3"];
    public override string HelpUri => Fsbp("ec2", "ec2-18");

    public override string Guideline =>
        "Only the load balancer's security group may accept traffic from 0.0.0.0/0 or ::/0, and only on TCP 443 (and 80, which the listener " +
        "only redirects). Mattermost's 8065, gossip 8074, metrics 8067, PostgreSQL 5432, OpenSearch 443/9200 and SSH/RDP must never be open to " +
        "the world; use Systems Manager instead of SSH. Narrow mattermost:allowedClientCidrs to the organisation's networks where possible.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var lbGroups = ctx.Facts.LoadBalancerGroups;
        var flows = Reachability.Flows(ctx.Graph).Where(f => f.Direction == "ingress").ToList();
        if (flows.Count == 0) { yield return Finding.NotApplicable("(stack)", "no security group ingress rules"); yield break; }
        foreach (var rule in flows.GroupBy(f => f.Rule, StringComparer.Ordinal))
        {
            var type = ctx.Graph.Find(rule.Key)?.Type ?? "";
            var bad = rule.Where(f => f.FromWorld && !(lbGroups.Contains(f.Target) && f.Protocol == "tcp" && f.FromPort == f.ToPort && AllowedPorts.Contains(f.FromPort))).ToList();
            var desc = string.Join("; ", rule.Select(f => $"{f.Source} -> {f.Target} {(f.Protocol == "-1" ? "all" : f.Protocol)}/{f.Ports}"));
            if (bad.Count == 0)
                yield return Finding.Pass(rule.Key, type, rule.Any(f => f.FromWorld) ? $"{desc}: the public load balancer on an allowed port" : $"{desc}: not from the internet");
            else
                yield return Finding.Fail(rule.Key, type, string.Join("; ", bad.Select(f =>
                    $"{f.Source} may reach {f.Target} on {(f.Protocol == "-1" ? "all protocols" : f.Protocol)}/{f.Ports}" +
                    (lbGroups.Contains(f.Target) ? " (only TCP 443 and 80 are allowed from the internet)" : " (not the public load balancer)"))));
        }
    }
}
