using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-008: automated database backups are kept at least 7 days, 30 in production.</summary>
public sealed class BackupRetentionPolicy : DataProtectionPolicyBase
{
    public const int MinimumDays = 7;
    public const int ProductionDays = 30;

    public override string Id => "MM-DATA-008";
    public override string Name => $"Backups retained (>= {MinimumDays} days, >= {ProductionDays} in production)";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["RDS.11"];
    public override string HelpUri => Fsbp("rds", "rds-11");

    public override string Guideline =>
        $"Set backupRetentionPeriod to at least {MinimumDays} days, and at least {ProductionDays} in production (mattermost:backupRetentionDays; " +
        "AWS allows 1-35). Without it RDS keeps one day, which does not survive a problem found after a weekend.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var dbs = ctx.Facts.OfTypes(AwsTypes.DbCluster, Types.RdsInstance).Where(d => d.Properties["replicateSourceDb"] is null).ToList();
        if (dbs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no databases"); yield break; }
        var need = ctx.IsProduction ? ProductionDays : MinimumDays;
        foreach (var db in dbs)
        {
            var days = Number(db.Properties["backupRetentionPeriod"]);
            var text = $"{(days is null ? "backupRetentionPeriod not set (RDS keeps 1 day)" : $"{days} days of backups")}; {need} needed ({(ctx.IsProduction ? "production" : ctx.Environment?.ToString().ToLowerInvariant())}, from {ctx.EnvironmentSource})";
            yield return Finding.Check((days ?? 1) >= need, db.Name, db.Type, text, text);
        }
    }
}
