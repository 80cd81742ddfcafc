using System.Globalization;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Settings;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>MM-SIZE-002: writer and readers carry the design load, and max_connections covers every app node's pools.</summary>
public sealed class DatabaseCapacityPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-002";
    public override string Name => "Database writer and readers carry the projected peak with headroom";
    public override Severity Severity => Severity.High;

    public override string Guideline =>
        "Writer plus readers must give the database vCPU of Mattermost's reference curve at the design load, and the cluster parameter group's " +
        "max_connections must cover MaxOpenConns (100) x (1 + readers) x the most app nodes the app tier may run (the HA guide's rule, " +
        "mattermost-sizing.md Table 7). Add readers, move to a larger class, or raise max_connections.";

    public override string HelpUri => HaDocs;

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("database capacity"); yield break; }
        var maxAppNodes = Capacity.App(ctx.Facts).Sum(a => a.MaxUnits);
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            if (!db.Known) { yield return Finding.Fail(db.Node.Name, db.Node.Type, $"{db.Description}: capacity unknown (instance class not in the catalogue)"); continue; }
            var users = Capacity.DatabaseUsers(db.Vcpu, basis);
            var problems = new List<string>();
            if (users < basis.DesignLoad) problems.Add("under-sized");
            var text = $"{db.Description} = {db.Vcpu:0.##} vCPU carries {Users(users)} users{Capacity.Calibrated(basis, CalibratedTier.Database)}; design load {Users(basis.DesignLoad)}; margin {Capacity.Margin(users, basis.DesignLoad)}";
            var needed = SizingEngine.MaxOpenConnsPerDataSource * (1 + db.Readers) * maxAppNodes;
            if (MaxConnections(ctx.Facts, db.Node) is { } max)
            {
                text += $"; max_connections {max} for {needed} pooled connections ({SizingEngine.MaxOpenConnsPerDataSource} x {1 + db.Readers} data sources x {maxAppNodes} app nodes)";
                if (max < needed) problems.Add($"max_connections {max} is below the {needed} connections the app nodes may open");
            }
            else text += "; max_connections left at the engine default (derived from memory)";
            yield return Finding.Check(problems.Count == 0, db.Node.Name, db.Node.Type, text, text + ": " + string.Join("; ", problems));
        }
    }

    private static int? MaxConnections(GraphFacts facts, ResourceNode db)
    {
        var group = facts.Target(db.Properties["dbClusterParameterGroupName"]) ?? facts.Target(db.Properties["parameterGroupName"]);
        if (group is null) return null;
        var p = Items(group.Properties["parameters"]).OfType<MapValue>().FirstOrDefault(p => Text(p["name"]) == "max_connections");
        return p is not null && int.TryParse(Text(p["value"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
