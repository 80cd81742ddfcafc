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
        "desyncMitigationMode defensive or strictest (the default is defensive).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var lbs = ctx.Facts.OfTypes(Types.LoadBalancers).Where(lb => (Text(lb.Properties["loadBalancerType"]) ?? "application") == "application").ToList();
        if (lbs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no application load balancer"); yield break; }
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
