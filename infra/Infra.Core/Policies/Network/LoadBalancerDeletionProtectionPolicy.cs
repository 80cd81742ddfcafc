using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-013: in production the load balancer cannot be deleted by accident, on both app tiers.</summary>
public sealed class LoadBalancerDeletionProtectionPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-013";
    public override string Name => "Load balancer deletion protection in production";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["ELB.6"];
    public override string HelpUri => Fsbp("elb", "elb-6");

    public override string Guideline =>
        "In production set enableDeletionProtection on the load balancer (VM tier) or, for an ALB that the AWS Load Balancer Controller builds " +
        "from an ingress (Kubernetes tier), deletion_protection.enabled=true in the alb.ingress.kubernetes.io/load-balancer-attributes " +
        "annotation: the site's only entry point then survives a mistaken delete, also one by the controller. Other environments are not " +
        "held to it, so that they can be torn down freely (docs/deploying.md, \"Tearing a stack down safely\", says how to lift it).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var lbs = ctx.Facts.OfTypes(Types.LoadBalancers).ToList();
        var ingresses = IngressLoadBalancers.All(ctx.Graph).ToList();
        if (lbs.Count == 0 && ingresses.Count == 0) { yield return Finding.NotApplicable("(stack)", "no load balancer and no ALB ingress"); yield break; }
        if (!ctx.IsProduction) { yield return Finding.NotApplicable("(stack)", $"not production ({ctx.Environment?.ToString().ToLowerInvariant()}, from {ctx.EnvironmentSource})"); yield break; }
        foreach (var alb in ingresses)
            yield return Finding.Check(alb.Attributes().GetValueOrDefault("deletion_protection.enabled") == "true", alb.Node.Name, alb.Node.Type,
                $"{alb.Description}: deletion_protection.enabled=true",
                $"{alb.Description}: no deletion_protection.enabled=true in load-balancer-attributes");
        foreach (var lb in lbs)
            yield return Finding.Check(Bool(lb.Properties["enableDeletionProtection"]) == true, lb.Name, lb.Type,
                "enableDeletionProtection is true", "enableDeletionProtection is not true");
    }
}
