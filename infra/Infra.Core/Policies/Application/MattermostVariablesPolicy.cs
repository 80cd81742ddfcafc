using System.Collections.Immutable;
using Infra.Core.Catalog;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.Application;

/// <summary>
/// MM-APP-001: every MM_* variable the program hands to Mattermost names a setting of the pinned server version (or a
/// variable the server reads besides its settings), with a value Mattermost parses. Mattermost ignores a misspelt name and a
/// value that does not parse without a message, so the setting silently keeps its default.
/// </summary>
public sealed class MattermostVariablesPolicy : Policy
{
    public override string Id => "MM-APP-001";
    public override string Name => "Mattermost variables name real settings";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => [];
    public override string Category => "application";
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/configure/environment-variables";

    public override string Guideline =>
        $"Every MM_* variable (boot script environment files, the Mattermost resource's environment, Secret and External Secrets keys) " +
        $"names a setting of Mattermost {MattermostSettings.PinnedVersion} as MM_<SECTION>_<SETTING>, or MM_CONFIG, MM_LICENSE or " +
        "MM_CUSTOM_DEFAULTS_PATH, and its value parses as Mattermost reads it: true or false, a whole number, list items separated by " +
        "single spaces (one connection URL per item). The settings are Catalog/Data/mattermost-settings.json (config.go and " +
        $"@mattermost/types {string.Join(" and ", MattermostSettings.TypesVersions)}); a setting listed by only one of those sources is " +
        "verified against the pinned version before it is used.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var group in MattermostVariables.In(ctx.Graph).GroupBy(v => v.Node))
        {
            any = true;
            var variables = group.ToList();
            var problems = variables.Select(MattermostVariables.Problem).OfType<string>().Distinct().ToList();
            var atBoot = variables.Count(v => v.AtBoot || v.Value is null);
            var note = atBoot > 0 ? $" ({atBoot} with a value read or computed on the node, judged when the script runs)" : "";
            yield return Finding.Check(problems.Count == 0, group.Key.Name, group.Key.Type,
                $"{variables.Count} MM_* variable(s) name settings of Mattermost {MattermostSettings.PinnedVersion} with values it parses{note}",
                string.Join("; ", problems));
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no Mattermost environment variables");
    }
}
