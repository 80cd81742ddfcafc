using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>MM-IAM-003 (advisory): databases use IAM authentication. Advisory: Mattermost cannot use it.</summary>
public sealed class DatabaseIamAuthPolicy : ComputeIdentityPolicyBase
{
    public override string Id => "MM-IAM-003";
    public override string Name => "Database IAM authentication";
    public override Severity Severity => Severity.Low;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => ["RDS.10", "RDS.12"];
    public override string HelpUri => Fsbp("rds", "rds-12");

    public override string Guideline =>
        "RDS.10/RDS.12 ask for IAM database authentication. Advisory by design: Mattermost's SqlSettings.DataSource takes only a password DSN " +
        "(security-baseline.md §1.4), so the stacks instead give Mattermost its own database users, whose passwords are generated into " +
        "Secrets Manager and rotated there by alternating users, and read them on the app nodes or through External Secrets with their role " +
        "(the master password stays RDS-managed, for administration only, MM-IAM-005); no password appears in config, the program or outputs (MM-DATA-010).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var dbs = ctx.Facts.OfTypes(AwsTypes.DbCluster, Types.RdsInstance).ToList();
        if (dbs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no databases"); yield break; }
        foreach (var db in dbs)
        {
            var managed = Bool(db.Properties["manageMasterUserPassword"]) == true;
            yield return Finding.Check(Bool(db.Properties["iamDatabaseAuthenticationEnabled"]) == true, db.Name, db.Type, "IAM database authentication on",
                "IAM database authentication off" + (managed ? "; the password is RDS-managed in Secrets Manager and rotated" : ""),
                db.Type == AwsTypes.DbCluster ? "RDS.12" : "RDS.10");
        }
    }
}
