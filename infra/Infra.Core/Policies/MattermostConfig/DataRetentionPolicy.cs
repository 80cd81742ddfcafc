using System.Collections.Immutable;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.MattermostConfig;

/// <summary>
/// MM-CFG-008: where the stack declares a retention requirement (messages and files kept at most N days), Mattermost's
/// data retention deletes both after at most N days, and the program sets it.
/// </summary>
public sealed class DataRetentionPolicy : MattermostConfigPolicyBase
{
    public override string Id => "MM-CFG-008";
    public override string Name => "Data retention configured where the stack declares a retention requirement";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["MM.RETENTION"];
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/compliance-configuration-settings.html#data-retention-policies";

    public override string Guideline =>
        "When mattermost:app.compliance.retentionRequirementDays says how long messages and files may be kept, turn data retention on for both " +
        "(DataRetentionSettings.EnableMessageDeletion and EnableFileDeletion) with MessageRetentionDays and FileRetentionDays at most that many days: " +
        "mattermost:app.compliance.dataRetention.messageDays and fileDays. Mattermost keeps everything forever by default. Data retention is an " +
        "Enterprise feature (MM-CFG-009).";

    protected override IEnumerable<Finding> Evaluate(PolicyContext ctx, MattermostConfiguration app)
    {
        if (ctx.RetentionRequirementDays is not { } days)
        {
            yield return NotApplicable(app, "the stack declares no retention requirement (mattermost:app.compliance.retentionRequirementDays)");
            yield break;
        }
        var problems = new List<string>();
        foreach (var (what, enable, period, hours) in new[]
        {
            ("messages", "DataRetentionSettings.EnableMessageDeletion", "DataRetentionSettings.MessageRetentionDays", "DataRetentionSettings.MessageRetentionHours"),
            ("files", "DataRetentionSettings.EnableFileDeletion", "DataRetentionSettings.FileRetentionDays", "DataRetentionSettings.FileRetentionHours"),
        })
        {
            // Mattermost 10 and later read the hours when they are set (more than 0), else the days.
            var kept = app.Number(hours) is > 0 and var h ? h / 24.0 : app.Number(period) ?? double.MaxValue;
            if (!app.Flag(enable) || !app.IsSet(enable)) problems.Add($"{what} are never deleted ({app.Show(enable)})");
            else if (kept > days) problems.Add($"{what} are kept {kept:0.#} days ({app.Show(period)}), more than the {days} required");
        }
        yield return Check(problems.Count == 0, app,
            $"messages and files deleted within the {days} days required ({app.Show("DataRetentionSettings.MessageRetentionDays")}, {app.Show("DataRetentionSettings.FileRetentionDays")})",
            string.Join("; ", problems) + "; set mattermost:app.compliance.dataRetention");
    }
}
