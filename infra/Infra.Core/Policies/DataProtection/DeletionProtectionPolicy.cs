using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-009: production databases have deletion protection and take a final snapshot; production buckets are never force-destroyed.</summary>
public sealed class DeletionProtectionPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-009";
    public override string Name => "Deletion protection and a final snapshot in production";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["RDS.7", "RDS.8"];
    public override string HelpUri => Fsbp("rds", "rds-7");

    public override string Guideline =>
        "In production set deletionProtection true, skipFinalSnapshot false and a finalSnapshotIdentifier on the database " +
        "(mattermost:deletionProtection), keep the Pulumi protect option on stateful resources, and never set forceDestroy on the files bucket.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!ctx.IsProduction) { yield return Finding.NotApplicable("(stack)", $"not production ({ctx.Environment?.ToString().ToLowerInvariant()}, from {ctx.EnvironmentSource})"); yield break; }
        var any = false;
        foreach (var db in ctx.Facts.OfTypes(AwsTypes.DbCluster, Types.RdsInstance))
        {
            any = true;
            var problems = new List<string>();
            if (Bool(db.Properties["deletionProtection"]) != true) problems.Add("deletionProtection is not true");
            if (Bool(db.Properties["skipFinalSnapshot"]) == true) problems.Add("skipFinalSnapshot is true");
            else if (db.Properties["finalSnapshotIdentifier"] is null) problems.Add("no finalSnapshotIdentifier");
            if (!db.Options.Protect) problems.Add("the Pulumi protect option is off");
            yield return Finding.Check(problems.Count == 0, db.Name, db.Type,
                $"deletion protection, final snapshot {Show(db.Properties["finalSnapshotIdentifier"])}, protected", string.Join("; ", problems),
                db.Type == AwsTypes.DbCluster ? "RDS.7" : "RDS.8");
        }
        foreach (var b in ctx.Facts.OfTypes(Types.Buckets))
        {
            any = true;
            var problems = new List<string>();
            if (Bool(b.Properties["forceDestroy"]) == true) problems.Add("forceDestroy is true: deleting the stack deletes every file");
            if (!b.Options.Protect) problems.Add("the Pulumi protect option is off");
            yield return Finding.Check(problems.Count == 0, b.Name, b.Type, "not force-destroyed, protected", string.Join("; ", problems)).WithoutControls();
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no databases or buckets");
    }
}
