using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-011 (advisory): load balancers write access logs.</summary>
public sealed class LoadBalancerLogsPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-011";
    public override string Name => "Load balancer access logs on";
    public override Severity Severity => Severity.Low;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => ["ELB.5"];
    public override string HelpUri => Fsbp("elb", "elb-5");

    public override string Guideline =>
        "Set accessLogs.enabled (on an ingress-built ALB: access_logs.s3.enabled=true in alb.ingress.kubernetes.io/load-balancer-attributes) " +
        "with an S3 bucket the region's Elastic Load Balancing account may write to. Advisory: the stacks do not build " +
        "an access-log bucket yet (it needs its own bucket policy and retention), so this is a known gap rather than a release blocker; VPC " +
        "flow logs (MM-NET-005) and the app's own logs cover investigations until then.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var lbs = ctx.Facts.OfTypes(Types.LoadBalancers).ToList();
        var ingresses = IngressLoadBalancers.All(ctx.Graph).ToList();
        if (lbs.Count == 0 && ingresses.Count == 0) { yield return Finding.NotApplicable("(stack)", "no load balancer and no ALB ingress"); yield break; }
        foreach (var alb in ingresses)
        {
            var attributes = alb.Attributes();
            yield return Finding.Check(attributes.GetValueOrDefault("access_logs.s3.enabled") == "true", alb.Node.Name, alb.Node.Type,
                $"{alb.Description}: access logs to {attributes.GetValueOrDefault("access_logs.s3.bucket") ?? "(no bucket named)"}",
                $"{alb.Description}: access logs are off (no access_logs.s3.enabled=true in load-balancer-attributes)");
        }
        foreach (var lb in lbs)
            yield return Finding.Check(Bool(lb.Properties.At("accessLogs.enabled")) == true, lb.Name, lb.Type,
                $"access logs to {Show(lb.Properties.At("accessLogs.bucket"))}", "access logs are off");
    }
}
