using System.Globalization;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Sizing;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Sizing;

/// <summary>
/// MM-SIZE-002: writer and readers carry the design load, and every instance's max_connections covers the pools every
/// app node may open to it, inside what its class carries (<see cref="ConnectionBudget"/>: the same explanation the plan gives).
/// </summary>
public sealed class DatabaseCapacityPolicy : SizingPolicy
{
    public override string Id => "MM-SIZE-002";
    public override string Name => "Database writer and readers carry the projected peak with headroom";
    public override Severity Severity => Severity.High;

    public override string Guideline =>
        "Writer plus readers must give the database vCPU of Mattermost's reference curve at the design load, and the cluster parameter group's " +
        "max_connections, which applies to each instance, must cover the pools every app node may open to that instance: MaxOpenConns (100) x the most app nodes " +
        "(or pods, with the operator's surge pod) the app tier may run, + 3 for AWS automation. The HA guide's MaxOpenConns x (1 + readers) x app nodes is the " +
        "same summed over the cluster (mattermost-sizing.md Table 7). It must also stay within what the instance class's memory carries " +
        "(9,531,392 bytes per connection, Aurora's default formula) and PostgreSQL's 262,143. Add readers, move to a larger class, or change max_connections.";

    public override string HelpUri => HaDocs;

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (ctx.Sizing is not { } basis) { yield return NoBasis("database capacity"); yield break; }
        var maxAppNodes = Capacity.App(ctx.Facts).Sum(a => a.MaxUnits);
        foreach (var db in Capacity.Database(ctx.Facts))
        {
            if (!db.Known) { yield return Finding.Fail(db.Node.Name, db.Node.Type, $"{db.Description}: capacity unknown (instance class not in the catalogue)"); continue; }
            var users = Capacity.DatabaseUsers(db.Vcpu);
            var problems = new List<string>();
            if (users < basis.DesignLoad) problems.Add("under-sized");
            var text = $"{db.Description} = {db.Vcpu:0.##} vCPU carries {Users(users)} users; design load {Users(basis.DesignLoad)}; margin {Capacity.Margin(users, basis.DesignLoad)}";
            var cls = db.Instances.Select(i => i.InstanceClass).OfType<string>().FirstOrDefault();
            if (MaxConnections(ctx.Facts, db.Node) is { } max && cls is not null)
            {
                var budget = new ConnectionBudget(maxAppNodes, db.Readers, cls, max);
                text += "; " + budget.Explain();
                if (max < budget.Required) problems.Add($"max_connections {max} is below the {budget.Required} connections the app nodes may open to each instance");
                if (max > budget.Limit) problems.Add($"max_connections {max} is above the {budget.Limit} that {cls}'s memory carries");
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
