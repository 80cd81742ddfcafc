using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-005: the database refuses unencrypted connections (rds.force_ssl=1) and search requires HTTPS with TLS 1.2+.</summary>
public sealed class DataInTransitPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-005";
    public override string Name => "Database and search require TLS (rds.force_ssl)";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["RDS.38", "ES.8"];
    public override string HelpUri => Fsbp("rds", "rds-38");

    public override string Guideline =>
        "Give the database a parameter group with rds.force_ssl = 1 so that PostgreSQL refuses unencrypted connections (Mattermost connects " +
        "with sslmode=verify-full against the RDS CAs), and set the search domain's domainEndpointOptions.enforceHttps with a Policy-Min-TLS-1-2 TLS policy.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var db in ctx.Facts.OfTypes(AwsTypes.DbCluster, Types.RdsInstance))
        {
            any = true;
            var group = ctx.Facts.Target(db.Properties["dbClusterParameterGroupName"]) ?? ctx.Facts.Target(db.Properties["parameterGroupName"]);
            var value = group is null ? null : Items(group.Properties["parameters"]).OfType<MapValue>()
                .Where(p => Text(p["name"]) == "rds.force_ssl").Select(p => Text(p["value"])).FirstOrDefault();
            yield return Finding.Check(value == "1", db.Name, db.Type, $"rds.force_ssl = 1 in {group?.Name}",
                group is null ? "no parameter group of this program: rds.force_ssl is left at the engine default" : $"rds.force_ssl is {value ?? "not set"} in {group.Name}", "RDS.38");
        }
        foreach (var d in ctx.Facts.OfTypes(AwsTypes.OpenSearchDomain))
        {
            any = true;
            var https = Bool(d.Properties.At("domainEndpointOptions.enforceHttps")) == true;
            var policy = Text(d.Properties.At("domainEndpointOptions.tlsSecurityPolicy")) ?? "Policy-Min-TLS-1-0-2019-07 (the default)";
            var modern = policy.StartsWith("Policy-Min-TLS-1-2", StringComparison.Ordinal);
            yield return Finding.Check(https && modern, d.Name, d.Type, $"HTTPS enforced with {policy}",
                !https ? "HTTPS is not enforced" : $"TLS policy {policy} allows TLS below 1.2", "ES.8");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no databases or search domains");
    }
}
