using Infra.Core.Catalog;
using Infra.Core.Policies.Model;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>MM-SIZE-003: a search cluster has at least the vCPU of the reference tier's search nodes.</summary>
public sealed class SearchCapacityPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-003";
    public override string Name => "Search nodes carry the projected peak";
    public override Severity Severity => Severity.Medium;

    public override string Guideline =>
        "When the stack runs OpenSearch, its data nodes must give at least the vCPU of the search cluster in the reference tier that covers the " +
        "design load (mattermost-sizing.md Table 1: 2 x r6g.xlarge.search up to 15,000 users, 4 x r6g.2xlarge.search from 30,000). " +
        "Stacks without a search domain use database search and are not applicable.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var domains = Capacity.Search(ctx.Facts);
        if (domains.Count == 0) { yield return Finding.NotApplicable("(stack)", "no search domain: Mattermost uses database search"); yield break; }
        if (ctx.Sizing is not { } basis) { yield return NoBasis("search capacity"); yield break; }
        var tier = ReferenceArchitectures.Covering(basis.DesignLoad);
        var needed = tier.SearchNodes * (InstanceTypes.Find(tier.SearchInstanceType)?.VCpus ?? 0);
        foreach (var d in domains)
        {
            var text = $"{d.Description} = {d.Vcpu:0.##} vCPU; the {Users(tier.ConcurrentUsers)}-user tier covering the design load of {Users(basis.DesignLoad)} runs {tier.SearchNodes} x {tier.SearchInstanceType} = {needed} vCPU";
            if (!d.Known) yield return Finding.Fail(d.Resource, d.ResourceType, $"{d.Description}: capacity unknown (instance type not in the catalogue)");
            else yield return Finding.Check(d.Vcpu >= needed, d.Resource, d.ResourceType, text, text + ": under-sized");
        }
    }
}
