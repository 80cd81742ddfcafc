using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-008: application load balancers drop invalid headers and mitigate HTTP desync.</summary>
public sealed class LoadBalancerHardeningPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-008";
    public override string Name => "Load balancer drops invalid headers and mitigates desync";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["ELB.4", "ELB.12"];
    public override string HelpUri => Fsbp("elb", "elb-4");

    public override string Guideline =>
        "On every application load balancer set dropInvalidHeaderFields true (request smuggling through malformed headers) and " +
        "desyncMitigationMode defensive or strictest (the default is defensive). For an ALB the load balancer controller builds from an ingress " +
        "(the Mattermost resource's awsLoadBalancerController), put routing.http.drop_invalid_header_fields.enabled=true in the annotation " +
        "alb.ingress.kubernetes.io/load-balancer-attributes.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var lbs = ctx.Facts.OfTypes(Types.LoadBalancers).Where(lb => (Text(lb.Properties["loadBalancerType"]) ?? "application") == "application").ToList();
        var ingresses = IngressLoadBalancers.All(ctx.Graph).ToList();
        if (lbs.Count == 0 && ingresses.Count == 0) { yield return Finding.NotApplicable("(stack)", "no application load balancer and no ALB ingress"); yield break; }
        foreach (var alb in ingresses)
        {
            // The controller sets these through load-balancer-attributes; unset, the ALB keeps AWS's defaults (headers kept, defensive).
            var attributes = alb.Attributes();
            var problems = new List<string>();
            if (attributes.GetValueOrDefault("routing.http.drop_invalid_header_fields.enabled") != "true")
                problems.Add("load-balancer-attributes lacks routing.http.drop_invalid_header_fields.enabled=true");
            var desync = attributes.GetValueOrDefault("routing.http.desync_mitigation_mode") ?? "defensive";
            if (desync is not ("defensive" or "strictest")) problems.Add($"routing.http.desync_mitigation_mode is {desync}");
            yield return Finding.Check(problems.Count == 0, alb.Node.Name, alb.Node.Type, $"{alb.Description}: drops invalid headers; desync mitigation {desync}",
                $"{alb.Description}: {string.Join("; ", problems)}");
        }
        foreach (var lb in lbs)
        {
            var problems = new List<string>();
            if (Bool(lb.Properties["dropInvalidHeaderFields"]) != true) problems.Add("dropInvalidHeaderFields is not true");
            var desync = Text(lb.Properties["desyncMitigationMode"]) ?? "defensive";
            if (desync is not ("defensive" or "strictest")) problems.Add($"desyncMitigationMode is {desync}");
            yield return Finding.Check(problems.Count == 0, lb.Name, lb.Type, $"drops invalid headers; desync mitigation {desync}", string.Join("; ", problems));
        }
    }
}
