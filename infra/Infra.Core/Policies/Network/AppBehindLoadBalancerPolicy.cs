using System.Collections.Immutable;
using Infra.Core.Analysis;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.Network;

/// <summary>
/// MM-NET-003: the app is reachable only through the load balancer (or ingress): the app's security groups
/// accept traffic only from load-balancer groups, from themselves, and (on EKS) from the cluster's groups.
/// </summary>
public sealed class AppBehindLoadBalancerPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-003";
    public override string Name => "App reachable only through the load balancer or ingress";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.18", "EC2.19"];
    public override string HelpUri => "https://docs.mattermost.com/deployment-guide/reference-architecture/application-architecture.html";

    public override string Guideline =>
        "Mattermost listens on 8065 behind a proxy or load balancer that terminates TLS. The app's security group may accept traffic only from the " +
        "load balancer's security group (or the group an ingress controller's ALB uses), from itself (cluster gossip, pod-to-pod on EKS) and from " +
        "the EKS cluster's security group; never from address ranges, which would bypass the load balancer and its TLS.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var f = ctx.Facts;
        if (f.AppGroups.Count == 0) { yield return Finding.NotApplicable("(stack)", "no security group attached to app nodes"); yield break; }
        // The EKS control plane reaches the nodes through the cluster's security groups, or the one EKS creates
        // (referenced as ${cluster.vpcConfig.clusterSecurityGroupId}, so its source is the cluster itself).
        var clusterGroups = f.OfTypes(AwsTypes.EksCluster).SelectMany(c => Support.ValueRead.RefNames(c.Properties.At("vpcConfig.securityGroupIds")).Append(c.Name)).ToHashSet(StringComparer.Ordinal);
        var flows = Reachability.Flows(ctx.Graph).Where(fl => fl.Direction == "ingress" && f.AppGroups.Contains(fl.Target)).ToList();
        foreach (var group in f.AppGroups.Order(StringComparer.Ordinal))
            if (!flows.Any(fl => fl.Target == group))
                yield return Finding.Pass(group, AwsTypes.SecurityGroup, "no ingress rules");
        foreach (var rule in flows.GroupBy(fl => fl.Rule, StringComparer.Ordinal))
        {
            var type = ctx.Graph.Find(rule.Key)?.Type ?? "";
            var bad = rule.Where(fl => !(f.LoadBalancerGroups.Contains(fl.Source) || fl.Source == fl.Target || clusterGroups.Contains(fl.Source))).ToList();
            string Describe(Flow fl) => $"{fl.Source} -> {fl.Target} {(fl.Protocol == "-1" ? "all" : fl.Protocol)}/{fl.Ports}";
            yield return bad.Count == 0
                ? Finding.Pass(rule.Key, type, string.Join("; ", rule.Select(Describe)) + ": from the load balancer, the app itself or the cluster")
                : Finding.Fail(rule.Key, type, string.Join("; ", bad.Select(Describe)) + ": bypasses the load balancer");
        }
    }
}
