using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-004: a highly available stack survives the loss of any one zone: the app nodes left carry the
/// peak, the database has a failover target in another zone, the load balancer and search span zones, and
/// each zone's outbound traffic does not depend on another zone's NAT gateway. Production must be HA.
/// </summary>
public sealed class ZoneLossPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-004";
    public override string Name => "Highly available stacks survive the loss of any one zone";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["AutoScaling.2", "RDS.15", "ELB.13"];
    public override string HelpUri => HaDocs;

    public override string Guideline =>
        "Mattermost's HA guide asks that the components left after a failure carry the full load. After losing the zone holding the most app nodes, " +
        "the remaining nodes must carry the projected peak (without headroom); the database needs an instance in a second zone to fail over to; " +
        "the load balancer and the search domain span at least two zones; a private subnet's default route uses a NAT gateway in its own zone. " +
        "On Kubernetes the app's capacity is the Mattermost resource's replicas, counted as spread evenly over the node groups' zones, which " +
        "holds only if the resource declares pod anti-affinity on topology.kubernetes.io/zone for its own pods. " +
        "Production stacks must have mattermost:highAvailability on.";

    private const string ZoneKey = "topology.kubernetes.io/zone";

    /// <summary>
    /// The Mattermost resource asks the scheduler to keep its pods in different zones: a pod anti-affinity term
    /// (preferred or required) on the zone label that selects its own pods. The operator offers no topology
    /// spread constraints (mattermost-operator 07a736bb, apis/mattermost/v1beta1 Scheduling), only affinity.
    /// </summary>
    private static bool SpreadsOverZones(KubeObject mattermost)
    {
        var labels = KubernetesObjects.PodLabels(mattermost);
        var anti = mattermost.Spec.At("scheduling.affinity.podAntiAffinity") as MapValue;
        var terms = Items(anti?["requiredDuringSchedulingIgnoredDuringExecution"]).OfType<MapValue>()
            .Concat(Items(anti?["preferredDuringSchedulingIgnoredDuringExecution"]).OfType<MapValue>().Select(t => t["podAffinityTerm"]).OfType<MapValue>());
        return terms.Any(t => Text(t["topologyKey"]) == ZoneKey && KubernetesObjects.Selects(t["labelSelector"], labels));
    }

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var f = ctx.Facts;
        if (!ctx.HighAvailability)
        {
            if (ctx.IsProduction)
                yield return Finding.Fail("(stack)", "", $"production (from {ctx.EnvironmentSource}) runs without high availability: losing one zone stops the service");
            else
                yield return Finding.NotApplicable("(stack)", "high availability is off for this environment");
            yield break;
        }

        var unspread = KubernetesObjects.Mattermosts(f.Graph).Where(m => !SpreadsOverZones(m)).Select(m => m.Node.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var app in Capacity.App(f))
        {
            var zones = app.Zones.Count;
            if (zones < 2) { yield return Finding.Fail(app.Resource, app.ResourceType, $"{app.Description} in {zones} zone(s): losing it stops the app", "AutoScaling.2"); continue; }
            if (unspread.Contains(app.Resource))
            {
                yield return Finding.Fail(app.Resource, app.ResourceType, $"{app.Description} on nodes in {zones} zones, but no podAntiAffinity on {ZoneKey} " +
                    "keeps the replicas apart: the scheduler may put them all in one zone", "AutoScaling.2");
                continue;
            }
            var left = app.Units - SizingEngine.PerZone(app.Units, zones);
            var text = $"{app.Description} over {zones} zones ({string.Join(", ", app.Zones)}): at most {SizingEngine.PerZone(app.Units, zones)} in one zone, {left} left after losing it";
            if (ctx.Sizing is { } basis && app.Known)
            {
                var users = Capacity.AppUsers(left * app.UnitVcpu, basis);
                text += $", carrying {Users(users)} users against the peak of {Users(basis.PeakConcurrent)}";
                yield return Finding.Check(users >= basis.PeakConcurrent, app.Resource, app.ResourceType, text, text + ": not enough", "AutoScaling.2");
            }
            else yield return Finding.Check(left >= 1, app.Resource, app.ResourceType, text, text, "AutoScaling.2");
        }

        foreach (var db in Capacity.Database(f))
        {
            var zones = db.Instances.Select(i => i.Zone).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var groupZones = f.Target(db.Node.Properties["dbSubnetGroupName"]) is { } group
                ? f.Zones(Items(group.Properties["subnetIds"])).Order(StringComparer.Ordinal).ToList() : [];
            bool ok;
            string text;
            if (zones.Count >= 2)
            {
                ok = true;
                text = $"{db.Instances.Count} instances in {string.Join(", ", zones)}: a reader in another zone takes over from the writer";
            }
            else if (db.Instances.Count >= 2 && zones.Count == 0 && groupZones.Count >= 2)
            {
                ok = true;
                text = $"{db.Instances.Count} instances without fixed zones in a subnet group spanning {string.Join(", ", groupZones)}";
            }
            else
            {
                ok = false;
                text = db.Instances.Count < 2
                    ? $"{db.Description}: no reader to fail over to"
                    : $"{db.Instances.Count} instances all in {string.Join(", ", zones.DefaultIfEmpty("one zone"))}";
            }
            yield return Finding.Check(ok, db.Node.Name, db.Node.Type, text, text + ": losing that zone loses the database", "RDS.15");
        }

        foreach (var lb in f.OfTypes(Types.LoadBalancers))
        {
            var zones = f.Zones(Items(lb.Properties["subnets"])).Order(StringComparer.Ordinal).ToList();
            var text = $"load balancer in {zones.Count} zone(s)" + (zones.Count > 0 ? $": {string.Join(", ", zones)}" : "");
            yield return Finding.Check(zones.Count >= 2, lb.Name, lb.Type, text, text, "ELB.13");
        }

        foreach (var d in f.OfTypes(AwsTypes.OpenSearchDomain))
        {
            var aware = Bool(d.Properties.At("clusterConfig.zoneAwarenessEnabled")) == true;
            var zoneCount = Number(d.Properties.At("clusterConfig.zoneAwarenessConfig.availabilityZoneCount")) ?? (aware ? 2 : 1);
            var nodes = Number(d.Properties.At("clusterConfig.instanceCount")) ?? 1;
            var text = $"{nodes} data nodes, zone awareness {(aware ? $"on over {zoneCount} zones" : "off")}";
            yield return Finding.Check(aware && zoneCount >= 2 && nodes >= 2, d.Name, d.Type, text, text).WithoutControls();
        }

        foreach (var app in f.AppCompute)
            foreach (var subnet in app.Subnets.Select(f.Target).OfType<Graph.ResourceNode>().DistinctBy(s => s.Name))
            {
                if (f.NatOf(subnet) is not { } nat) continue;
                var natZone = f.Target(nat.Properties["subnetId"]) is { } natSubnet ? f.ZoneOf(natSubnet) : null;
                var zone = f.ZoneOf(subnet);
                var text = $"{subnet.Name} ({zone}) sends outbound traffic through {nat.Name} ({natZone ?? "unknown zone"})";
                yield return Finding.Check(natZone is not null && natZone == zone, subnet.Name, subnet.Type, text, text + ": losing that zone cuts this one off").WithoutControls();
            }
    }
}
