using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>MM-NET-012 (advisory): the database does not listen on the engine's default port.</summary>
public sealed class DatabasePortPolicy : NetworkPolicyBase
{
    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["aurora-postgresql"] = 5432, ["postgres"] = 5432, ["aurora-mysql"] = 3306, ["mysql"] = 3306, ["mariadb"] = 3306,
    };

    public override string Id => "MM-NET-012";
    public override string Name => "Database not on the engine's default port";
    public override Severity Severity => Severity.Low;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => ["RDS.23"];
    public override string HelpUri => Fsbp("rds", "rds-23");

    public override string Guideline =>
        "RDS.23 asks for a non-default port. Advisory by design: every Mattermost example and the operator's readiness check use 5432, and a " +
        "custom port hides nothing from an attacker already inside the VPC; the database is reachable only from the app's security group " +
        "(MM-NET-002, and the reachability table). Set the cluster's port and Mattermost's DataSource together if the organisation requires it.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var dbs = ctx.Facts.OfTypes(AwsTypes.DbCluster, Types.RdsInstance).ToList();
        if (dbs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no database"); yield break; }
        foreach (var db in dbs)
        {
            var engine = Text(db.Properties["engine"]) ?? "";
            var port = (int?)Number(db.Properties["port"]) ?? DefaultPorts.GetValueOrDefault(engine);
            var isDefault = DefaultPorts.TryGetValue(engine, out var def) && port == def;
            yield return Finding.Check(!isDefault, db.Name, db.Type, $"{engine} on port {port}", $"{engine} on its default port {port}");
        }
    }
}
