using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Network;

/// <summary>
/// MM-NET-002: databases live only in database subnets (no route to or from the internet) and are not
/// publicly accessible; search domains sit inside the VPC.
/// </summary>
public sealed class PrivateDataStoresPolicy : NetworkPolicyBase
{
    public override string Id => "MM-NET-002";
    public override string Name => "Databases only in database subnets, not publicly accessible";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => ["RDS.2", "RDS.18", "CIS 2.3.3", "Opensearch.2", "ES.2"];
    public override string HelpUri => Fsbp("rds", "rds-2");

    public override string Guideline =>
        "Database instances set publiclyAccessible false and their subnet group holds only database subnets: subnets whose route table has no " +
        "default route (no internet gateway, no NAT), so the database can neither be reached from nor reach the internet. OpenSearch domains " +
        "are placed in the VPC (vpcOptions) so that they have no public endpoint.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var f = ctx.Facts;
        var any = false;
        foreach (var i in f.OfTypes(AwsTypes.DbClusterInstance, Types.RdsInstance))
        {
            any = true;
            var isPublic = Bool(i.Properties["publiclyAccessible"]) == true;
            yield return Finding.Check(!isPublic, i.Name, i.Type, "publiclyAccessible is false", "publiclyAccessible is true: the instance gets a public address", "RDS.2", "CIS 2.3.3");
        }
        foreach (var group in f.OfTypes(AwsTypes.DbSubnetGroup))
        {
            any = true;
            var problems = new List<string>();
            var subnets = Items(group.Properties["subnetIds"]).Select(f.Target).ToList();
            if (subnets.Count == 0) problems.Add("no subnets");
            foreach (var s in subnets)
            {
                if (s is null) { problems.Add("a subnet that is not declared in this program (its routes cannot be checked)"); continue; }
                if (f.RouteTableOf(s) is not { } rt) { problems.Add($"{s.Name} has no route table association (its routes cannot be checked)"); continue; }
                var defaults = f.DefaultRouteTargets(rt);
                if (defaults.Count > 0) problems.Add($"{s.Name} has a default route via {string.Join(", ", defaults.Select(Show))}");
                if (Bool(s.Properties["mapPublicIpOnLaunch"]) == true) problems.Add($"{s.Name} assigns public IPs");
            }
            yield return Finding.Check(problems.Count == 0, group.Name, group.Type,
                $"{subnets.Count} database subnets, none with a route to or from the internet", string.Join("; ", problems), "RDS.18");
        }
        foreach (var d in f.OfTypes(AwsTypes.OpenSearchDomain))
        {
            any = true;
            var inVpc = Items(d.Properties.At("vpcOptions.subnetIds")).Any();
            yield return Finding.Check(inVpc, d.Name, d.Type, "inside the VPC (vpcOptions), no public endpoint", "no vpcOptions: the domain gets a public endpoint", "Opensearch.2", "ES.2");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no databases or search domains");
    }
}
