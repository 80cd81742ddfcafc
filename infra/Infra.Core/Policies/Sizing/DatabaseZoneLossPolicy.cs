using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-007: after losing the zone with the most database vCPU, the instances left still carry the
/// projected peak, as the app nodes must (MM-SIZE-004). The sizing engine adds readers until they do.
/// </summary>
public sealed class DatabaseZoneLossPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-007";
    public override string Name => "Database carries the projected peak after losing a zone";
    public override Severity Severity => Severity.High;
    public override string HelpUri => HaDocs;

    public override string Guideline =>
        "Mattermost's HA guide asks every remaining component to carry the full load after a failure. The database fails over to a reader in " +
        "another zone within seconds, and the instances left must then carry the peak until a replacement is added: spread writer and readers " +
        "over the zones and add readers until losing the fullest zone leaves enough vCPU for the projected peak.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!ctx.HighAvailability) { yield return Finding.NotApplicable("(stack)", "high availability is off for this environment"); yield break; }
        if (ctx.Sizing is not { } basis) { yield return NoBasis("the database after a zone loss"); yield break; }
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            if (!db.Known) continue;
            var worst = db.Instances.GroupBy(i => i.Zone ?? i.Name).Select(g => (Zone: g.Key, Vcpu: g.Sum(i => i.Vcpu))).OrderByDescending(z => z.Vcpu).ThenBy(z => z.Zone, StringComparer.Ordinal).First();
            var left = db.Vcpu - worst.Vcpu;
            var users = Capacity.DatabaseUsers(left, basis);
            var text = $"losing {worst.Zone} leaves {left:0.##} of {db.Vcpu:0.##} vCPU, carrying {Users(users)} users against the peak of {Users(basis.PeakConcurrent)}";
            yield return Finding.Check(users >= basis.PeakConcurrent, db.Node.Name, db.Node.Type, text, text + ": degraded until a reader is added");
        }
    }
}
