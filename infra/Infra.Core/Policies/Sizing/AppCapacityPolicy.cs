using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>MM-SIZE-001: the app tier carries the design load (projected peak plus the configured headroom).</summary>
public sealed class AppCapacityPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-001";
    public override string Name => "App tier carries the projected peak with headroom";
    public override Severity Severity => Severity.High;

    public override string Guideline =>
        "The Mattermost app nodes (or the Mattermost resource's replicas x CPU limit, capped by the EKS node groups) must carry the design load: the projected peak of concurrent users " +
        "times (1 + mattermost:headroomPercent). Capacity is read from the instance types and counts in the graph through Mattermost's reference-architecture " +
        "curve (users -> app vCPU, linear between the published tiers), calibrated when the stack sets mattermost:capacityCalibration. Raise the node count or instance type, or lower the projection if it is wrong.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("app capacity"); yield break; }
        var tiers = Capacity.App(ctx.Facts);
        if (tiers.Count == 0) { yield return Finding.Fail("(stack)", "", "no app tier found: no auto scaling group, instance or Mattermost resource"); yield break; }
        foreach (var t in tiers)
        {
            if (!t.Known) { yield return Finding.Fail(t.Resource, t.ResourceType, $"{t.Description}: capacity unknown (instance type not in the catalogue, or no CPU request), so the design load of {Users(basis.DesignLoad)} users cannot be shown to fit"); continue; }
            var users = Capacity.AppUsers(t.Vcpu, basis);
            var text = $"{t.Description} = {t.Vcpu:0.##} vCPU carries {Users(users)} users{Capacity.Calibrated(basis, CalibratedTier.App)}; design load {Users(basis.DesignLoad)} (peak {Users(basis.PeakConcurrent)} + {basis.HeadroomPercent}%); margin {Capacity.Margin(users, basis.DesignLoad)}";
            yield return Finding.Check(users >= basis.DesignLoad, t.Resource, t.ResourceType, text, text + ": under-sized");
        }
    }
}
