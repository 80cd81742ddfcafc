using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-007: the EKS API endpoint is private, or public only to named address ranges.</summary>
public sealed class EksEndpointPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-007";
    public override string Name => "EKS endpoint not public to the world";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EKS.1"];
    public override string HelpUri => Fsbp("eks", "eks-1");

    public override string Guideline =>
        "Set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false; if operators need the public endpoint, list their address " +
        "ranges in publicAccessCidrs. AWS defaults endpointPublicAccess to true and publicAccessCidrs to 0.0.0.0/0, so leaving them out " +
        "exposes the Kubernetes API to the internet.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var clusters = ctx.Facts.OfTypes(AwsTypes.EksCluster).ToList();
        if (clusters.Count == 0) { yield return Finding.NotApplicable("(stack)", "no EKS cluster"); yield break; }
        foreach (var c in clusters)
        {
            var publicAccess = Bool(c.Properties.At("vpcConfig.endpointPublicAccess")) ?? true;
            var cidrs = Texts(c.Properties.At("vpcConfig.publicAccessCidrs")).ToList();
            if (!publicAccess) { yield return Finding.Pass(c.Name, c.Type, "public endpoint off"); continue; }
            var world = cidrs.Count == 0 || cidrs.Any(x => x is "0.0.0.0/0" or "::/0");
            yield return Finding.Check(!world, c.Name, c.Type, $"public endpoint only for {string.Join(", ", cidrs)}",
                cidrs.Count == 0 ? "public endpoint on with no publicAccessCidrs, which defaults to 0.0.0.0/0" : $"public endpoint open to {string.Join(", ", cidrs)}");
        }
    }
}
