using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.Network;

/// <summary>
/// MM-NET-010 (advisory): a search domain's access policy does not allow anonymous principals. Advisory by
/// design: Mattermost's OpenSearch client does not sign requests with SigV4, so Mattermost's docs ask for an
/// open principal and restrict access in the network instead.
/// </summary>
public sealed class SearchAccessPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-010";
    public override string Name => "Search domain access policy names its principals";
    public override Severity Severity => Severity.Medium;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => ["Opensearch.2", "ES.2"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/scale/opensearch-setup.html";

    public override string Guideline =>
        "Scanners flag an OpenSearch access policy that allows \"AWS\": \"*\". This is a documented deviation: Mattermost's OpenSearch client " +
        "does not sign requests with SigV4, and its docs ask for an open principal with access restricted by the network (the domain sits in " +
        "the VPC and its security group admits only the app, see MM-NET-002 and MM-NET-001). Advisory: it stays visible in every report; " +
        "fine-grained access control with an internal user is the alternative if the network boundary is not enough.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var domains = ctx.Facts.OfTypes(AwsTypes.OpenSearchDomain).ToList();
        if (domains.Count == 0) { yield return Finding.NotApplicable("(stack)", "no search domain"); yield break; }
        foreach (var d in domains)
        {
            var open = PolicyDocuments.Statements(d.Properties["accessPolicies"]).Any(s => s.Allows && PolicyDocuments.IsAnyone(s.Principal) && s.Condition is null);
            var inVpc = Support.ValueRead.Items(d.Properties.At("vpcOptions.subnetIds")).Any();
            yield return Finding.Check(!open, d.Name, d.Type, "the access policy names its principals",
                "the access policy allows any principal" + (inVpc ? "; access is limited only by the VPC and the domain's security group (Mattermost's documented setup)" : " and the domain is not in a VPC"));
        }
    }
}
