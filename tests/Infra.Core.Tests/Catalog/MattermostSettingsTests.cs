using Infra.Core.Catalog;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Catalog;

/// <summary>The settings catalogue itself: what it holds, how it is looked up, and how names and values are judged.</summary>
public class MattermostSettingsTests
{
    [Fact]
    public void The_catalogue_is_for_the_server_version_every_stack_installs()
    {
        // A version bump must come with the settings of the new version (Catalog/Data/refresh.py).
        Assert.Equal("11.7.0", MattermostSettings.PinnedVersion);
        Assert.Equal(["11.6.0", "11.8.0"], MattermostSettings.TypesVersions.ToArray());
        foreach (var stack in new[] { "pilot", "staging", "production" })
            Assert.Equal(MattermostSettings.PinnedVersion, Repo.Settings(stack).MattermostVersion);
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, "examples")))
        {
            var planner = new Infra.Core.Planning.Planner(dir);
            foreach (var stack in planner.Loader.AvailableStacks())
                Assert.Equal(MattermostSettings.PinnedVersion, planner.Loader.Load(stack).MattermostVersion);
        }
    }

    [Fact]
    public void Every_variable_name_follows_mattermosts_rule_from_section_and_field()
    {
        // server/config/environment.go: MM_ + upper-cased Go field names joined by "_" (nested fields included).
        Assert.True(MattermostSettings.All.Length > 600, $"{MattermostSettings.All.Length} settings");
        Assert.All(MattermostSettings.All, s => Assert.Equal("MM_" + s.Key.Replace('.', '_').ToUpperInvariant(), s.EnvVar));
        Assert.Equal(MattermostSettings.All.Length, MattermostSettings.All.Select(s => s.EnvVar).Distinct().Count());
        Assert.All(MattermostSettings.All, s => Assert.NotEmpty(s.Sources));
        Assert.All(MattermostSettings.All, s => Assert.True(s.GoType is not null || s.TsType is not null, s.Key));
    }

    [Fact]
    public void Settings_are_found_by_variable_and_by_section_and_name()
    {
        var replicas = MattermostSettings.ByEnvVar("MM_SQLSETTINGS_DATASOURCEREPLICAS")!;
        Assert.Equal("SqlSettings.DataSourceReplicas", replicas.Key);
        Assert.Equal("[]string", replicas.GoType);
        Assert.Equal("string[]", replicas.TsType);
        Assert.Equal(SettingKind.StringList, replicas.Kind);
        Assert.True(replicas.Sensitive);
        Assert.Same(replicas, MattermostSettings.ByKey("SqlSettings.DataSourceReplicas"));
        Assert.Same(replicas, MattermostSettings.ByEnvVar("mm_sqlsettings_datasourcereplicas")); // Mattermost upper-cases names

        Assert.Equal("MM_CLUSTERSETTINGS_GOSSIPPORT", MattermostSettings.ByKey("ClusterSettings.GossipPort")!.EnvVar);
        Assert.Equal(SettingKind.Int, MattermostSettings.ByKey("ClusterSettings.GossipPort")!.Kind);
        Assert.Equal(SettingKind.Bool, MattermostSettings.ByKey("ClusterSettings.EnableGossipEncryption")!.Kind);
        Assert.Equal("MM_MESSAGEEXPORTSETTINGS_GLOBALRELAYSETTINGS_SMTPPASSWORD",
            MattermostSettings.ByKey("MessageExportSettings.GlobalRelaySettings.SMTPPassword")!.EnvVar);
        // Newer than config.go @ 004a635e: known from the web app's types only.
        var ldap = MattermostSettings.ByKey("LdapSettings.MaximumLoginAttempts")!;
        Assert.Null(ldap.GoType);
        Assert.Equal(SettingKind.Int, ldap.Kind);
        Assert.Null(MattermostSettings.ByKey("SqlSettings.DataSourceReplica"));
        Assert.Null(MattermostSettings.ByEnvVar("MM_CONFIG"));
    }

    [Theory]
    [InlineData("MM_CLUSTERSETTINGS_GOSSIPORT", "did you mean MM_CLUSTERSETTINGS_GOSSIPPORT?")]
    [InlineData("MM_SQLSETTINGS_DATASOURCEREPLICA", "did you mean MM_SQLSETTINGS_DATASOURCEREPLICAS?")]
    [InlineData("MM_VERSION", "is not a Mattermost 11.7.0 setting")]
    [InlineData("MM_CLUSTERSETTINGS_ENABLEEXPERIMENTALGOSSIPENCRYPTION", "listed only by config.go")]
    [InlineData("MM_TEAMSETTINGS_ENABLECHANNELCATEGORYSORTING", "listed only by types@11.8.0")]
    [InlineData("MM_SQLSETTINGS_REPLICALAGSETTINGS", "cannot be set from the environment")]
    [InlineData("MM_MESSAGEEXPORTSETTINGS_GLOBALRELAYSETTINGS", "names the group")]
    public void Names_mattermost_would_ignore_are_reported(string name, string expected)
    {
        Assert.Contains(expected, MattermostSettings.NameProblem(name));
    }

    [Theory]
    [InlineData("MM_CONFIG")]
    [InlineData("MM_LICENSE")]
    [InlineData("MM_SERVICESETTINGS_SITEURL")]
    [InlineData("MM_CLUSTERSETTINGS_ENABLEGOSSIPENCRYPTION")]
    [InlineData("MM_LDAPSETTINGS_MAXIMUMLOGINATTEMPTS")]
    public void Settings_of_the_pinned_version_and_the_special_variables_are_accepted(string name)
    {
        Assert.Null(MattermostSettings.NameProblem(name));
    }

    [Fact]
    public void The_special_variables_cite_where_the_server_reads_them()
    {
        Assert.Equal(["MM_CONFIG", "MM_CUSTOM_DEFAULTS_PATH", "MM_LICENSE"], MattermostSettings.SpecialVariables.Select(v => v.Name).Order().ToArray());
        Assert.All(MattermostSettings.SpecialVariables, v =>
        {
            Assert.Equal("mattermost/mattermost", v.Repo);
            Assert.Matches("^[0-9a-f]{40}$", v.Commit);
            Assert.StartsWith("server/", v.Path);
        });
        Assert.Equal("server/channels/app/platform/license.go", MattermostSettings.Special("MM_LICENSE")!.Path);
    }

    [Theory]
    // Values as strconv.ParseBool, strconv.ParseInt(value, 10, 0) and strings.Split(value, " ") take them.
    [InlineData("ClusterSettings.Enable", "true", true)]
    [InlineData("ClusterSettings.Enable", "False", true)]
    [InlineData("ClusterSettings.Enable", "1", true)]
    [InlineData("ClusterSettings.Enable", "yes", false)]
    [InlineData("ClusterSettings.Enable", "", false)]
    [InlineData("ClusterSettings.GossipPort", "8074", true)]
    [InlineData("ClusterSettings.GossipPort", "-1", true)]
    [InlineData("ClusterSettings.GossipPort", "8074.0", false)]
    [InlineData("ClusterSettings.GossipPort", " 8074", false)]
    [InlineData("ServiceSettings.TLSStrictTransportMaxAge", "63072000", true)]
    [InlineData("ServiceSettings.TLSStrictTransportMaxAge", "99999999999999999999", false)]
    [InlineData("ServiceSettings.TrustedProxyIPHeader", "X-Forwarded-For X-Real-IP", true)]
    [InlineData("ServiceSettings.TrustedProxyIPHeader", "X-Forwarded-For  X-Real-IP", false)]
    [InlineData("ServiceSettings.TrustedProxyIPHeader", "", false)]
    [InlineData("SqlSettings.DataSourceReplicas", "postgres://u:p@r1:5432/mm postgres://u:p@r2:5432/mm", true)]
    [InlineData("SqlSettings.DataSourceReplicas", "postgres://u:p@r1:5432/mm,postgres://u:p@r2:5432/mm", false)]
    [InlineData("SqlSettings.DataSourceReplicas", "postgres://u:p@r1:5432/mm ", false)]
    [InlineData("PluginSettings.PluginStates", "{\"com.mattermost.calls\":{\"Enable\":true}}", true)]
    [InlineData("PluginSettings.PluginStates", "[1]", false)]
    [InlineData("ServiceSettings.SiteURL", "anything at all", true)]
    public void Values_are_judged_the_way_mattermost_parses_them(string key, string value, bool parses)
    {
        var check = MattermostSettings.CheckValue(MattermostSettings.ByKey(key)!, value);
        Assert.True(check.Known);
        Assert.Equal(parses, check.Parses);
        if (!parses) Assert.False(string.IsNullOrWhiteSpace(check.Message));
    }

    [Fact]
    public void Deployment_time_parts_are_opaque_tokens_that_keep_list_items_apart()
    {
        var replicas = MattermostSettings.ByKey("SqlSettings.DataSourceReplicas")!;
        var host = (string n) => MattermostSettings.Opaque($"databaseReader{n}.endpoint");
        Assert.True(MattermostSettings.CheckValue(replicas, $"postgres://{MattermostSettings.Opaque("template")}@{host("1")}:5432/mm postgres://x@{host("2")}:5432/mm").Parses);
        Assert.False(MattermostSettings.CheckValue(replicas, $"postgres://x@{host("1")}:5432/mm,postgres://x@{host("2")}:5432/mm").Parses);
        var port = MattermostSettings.CheckValue(MattermostSettings.ByKey("ClusterSettings.GossipPort")!, MattermostSettings.Opaque("port.value"));
        Assert.False(port.Known);
    }
}
