using System.Collections.Immutable;
using Infra.Core.Analysis;
using Infra.Core.Policies.Model;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-004: Mattermost's cluster gossip port (8074 TCP and UDP) is open only between app nodes.</summary>
public sealed class GossipPolicy : NetworkPolicyBase
{
    public const int GossipPort = 8074;

    public override string Id => "MM-NET-004";
    public override string Name => "Cluster gossip only between app nodes";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.18"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html";

    public override string Guideline =>
        "ClusterSettings.GossipPort (8074, TCP and UDP) carries cluster state between Mattermost nodes. Any rule that opens 8074 on the app's " +
        "security group must have that same group as its source; no load balancer, address range or other group may reach it. On Kubernetes " +
        "the same holds for NetworkPolicies (MM-K8S-004).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var f = ctx.Facts;
        if (f.AppGroups.Count == 0) { yield return Finding.NotApplicable("(stack)", "no security group attached to app nodes"); yield break; }
        var flows = Reachability.Flows(ctx.Graph)
            .Where(fl => fl.Direction == "ingress" && f.AppGroups.Contains(fl.Target) && fl.Covers(GossipPort)).ToList();
        if (flows.Count == 0) { yield return Finding.Pass(string.Join(", ", f.AppGroups.Order(StringComparer.Ordinal)), "", $"no rule opens {GossipPort}"); yield break; }
        foreach (var rule in flows.GroupBy(fl => fl.Rule, StringComparer.Ordinal))
        {
            var type = ctx.Graph.Find(rule.Key)?.Type ?? "";
            var bad = rule.Where(fl => fl.Source != fl.Target).ToList();
            yield return bad.Count == 0
                ? Finding.Pass(rule.Key, type, $"{GossipPort}/{string.Join("+", rule.Select(fl => fl.Protocol).Distinct())} only from {rule.First().Target} itself")
                : Finding.Fail(rule.Key, type, string.Join("; ", bad.Select(fl => $"{fl.Source} may reach gossip port {GossipPort} on {fl.Target} ({(fl.Protocol == "-1" ? "all" : fl.Protocol)}/{fl.Ports})")));
        }
    }
}
