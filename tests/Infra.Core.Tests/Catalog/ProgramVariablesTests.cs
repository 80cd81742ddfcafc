using Infra.Core.Catalog;
using Infra.Core.Policies.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>
/// Every MM_* variable the program sets, in every graph it can send, names a setting of the pinned Mattermost version (or
/// a variable the server reads besides its settings) and has a value Mattermost parses for that setting. The variables are
/// read from the graph's values as sent (the boot script's text, the Mattermost resource's environment, the External
/// Secrets template), not from the components' source, so the check holds however the components build them.
/// </summary>
public class ProgramVariablesTests
{
    public static IEnumerable<object[]> Graphs => ProgramGraphs.Names;

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Every_variable_names_a_real_setting_with_a_value_it_parses(string graph)
    {
        var variables = MattermostVariables.In(ProgramGraphs.Get(graph)).ToList();

        // The extraction finds the variables of either tier, or the check would pass on nothing.
        Assert.True(variables.Count >= 12, $"{variables.Count} variables found in {graph}");
        Assert.Contains(variables, v => v.Name == "MM_SERVICESETTINGS_SITEURL" && v.Value is not null && v.Value.StartsWith("https://", StringComparison.Ordinal));
        Assert.Contains(variables, v => v.Name == "MM_CLUSTERSETTINGS_GOSSIPPORT" && v.Value == "8074");

        var problems = variables.Select(v => (v, problem: MattermostVariables.Problem(v))).Where(p => p.problem is not null)
            .Select(p => $"{p.v.Node.Name} {p.v.Where}: {p.problem}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Only_values_a_script_computes_on_the_node_are_left_to_running_it(string graph)
    {
        // Values built at boot (the connection strings from the rotated secret, the licence) are checked by running the
        // refresher (CredentialsRefresherTests); every other value is known now and checked above, except plain strings
        // that take a resource output (a bucket name, an endpoint), which need no parsing.
        foreach (var v in MattermostVariables.In(ProgramGraphs.Get(graph)))
        {
            if (!v.AtBoot) continue;
            Assert.Contains(v.Name, new[] { "MM_CONFIG", "MM_SQLSETTINGS_DATASOURCE", "MM_SQLSETTINGS_DATASOURCEREPLICAS", "MM_LICENSE" });
        }
    }

    [Fact]
    public void The_readers_of_the_kubernetes_tier_are_one_connection_url_per_item()
    {
        var v = Assert.Single(MattermostVariables.In(ProgramGraphs.Get("staging")), v => v.Name == "MM_SQLSETTINGS_DATASOURCEREPLICAS");
        Assert.Equal("databaseCredentialsSync", v.Node.Name);
        var items = v.Value!.Split(' ');
        Assert.Equal(Infra.Core.Tests.Support.Repo.Plan("staging").Blueprint.Sizing.Database.Readers, items.Length);
        Assert.All(items, i => Assert.StartsWith("postgres://", i));
    }

    [Fact]
    public void A_misspelt_variable_in_the_boot_script_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("pilot"), "appLaunchTemplate", "MM_CLUSTERSETTINGS_GOSSIPPORT=", "MM_CLUSTERSETTINGS_GOSSIPORT=");
        var problems = MattermostVariables.In(graph).Select(MattermostVariables.Problem).OfType<string>().ToList();
        Assert.Contains(problems, p => p.Contains("MM_CLUSTERSETTINGS_GOSSIPORT is not a Mattermost 11.7.0 setting (did you mean MM_CLUSTERSETTINGS_GOSSIPPORT?)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_mattermost_cannot_parse_in_the_boot_script_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("pilot"), "appLaunchTemplate", "MM_METRICSSETTINGS_ENABLE=true", "MM_METRICSSETTINGS_ENABLE=yes");
        var problems = MattermostVariables.In(graph).Select(MattermostVariables.Problem).OfType<string>().ToList();
        Assert.Contains(problems, p => p.StartsWith("MM_METRICSSETTINGS_ENABLE: 'yes' is not a boolean", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_variable_in_the_mattermost_resource_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("production"), "mattermostInstallation", "MM_LOGSETTINGS_CONSOLEJSON", "MM_LOGSETTINGS_CONSOLEJASON");
        var problems = MattermostVariables.In(graph).Select(MattermostVariables.Problem).OfType<string>().ToList();
        Assert.Contains(problems, p => p.Contains("did you mean MM_LOGSETTINGS_CONSOLEJSON?", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_key_of_the_external_secret_template_fails()
    {
        var graph = GraphText.Replace(ProgramGraphs.Get("production"), "databaseCredentialsSync", "MM_SQLSETTINGS_DATASOURCEREPLICAS", "MM_SQLSETTINGS_DATASOURCEREPLICA");
        var problems = MattermostVariables.In(graph).Select(MattermostVariables.Problem).OfType<string>().ToList();
        Assert.Contains(problems, p => p.Contains("did you mean MM_SQLSETTINGS_DATASOURCEREPLICAS?", StringComparison.Ordinal));
    }

    [Fact]
    public void Comma_separated_readers_in_the_external_secret_template_fail()
    {
        // Mattermost splits a list variable on single spaces only (server/config/environment.go).
        var graph = GraphText.Replace(ProgramGraphs.Get("production"), "databaseCredentialsSync", "connect_timeout=10 postgres://", "connect_timeout=10,postgres://");
        var problems = MattermostVariables.In(graph).Select(MattermostVariables.Problem).OfType<string>().ToList();
        Assert.Contains(problems, p => p.Contains("is not one connection URL", StringComparison.Ordinal));
    }
}
