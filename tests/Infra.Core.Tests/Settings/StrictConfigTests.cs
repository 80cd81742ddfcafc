using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>
/// The reader refuses what Pulumi would apply differently or what this tool would otherwise skip: keys in
/// our namespace, its near-misses, the project's own namespace or none at all, whatever the value's shape;
/// nulls, second documents, the other app tier's settings.
/// </summary>
public class StrictConfigTests
{
    private static StackSettings Load(string yaml, string stack = "staging", string project = TempProject.ProjectYaml)
    {
        using var p = new TempProject(yaml, stack, project);
        return new StackSettingsLoader(p.Directory).Load(stack);
    }

    private static IReadOnlyList<ConfigProblem> Problems(string yaml, string stack = "staging", string project = TempProject.ProjectYaml)
    {
        using var p = new TempProject(yaml, stack, project);
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack));
        return e.Problems;
    }

    [Theory]
    // Without a namespace, whatever the shape of the value.
    [InlineData(new[] { "allowedClientCidrs:", "  - 203.0.113.0/24" }, "config.allowedClientCidrs", "did you mean mattermost:allowedClientCidrs?")]
    [InlineData(new[] { "highAvailability: false" }, "config.highAvailability", "did you mean mattermost:highAvailability?")]
    [InlineData(new[] { "waivers:", "  - policy: MM-NET-011", "    resources: [loadBalancer]" }, "config.waivers", "did you mean mattermost:waivers?")]
    // A misspelt or capitalised namespace.
    [InlineData(new[] { "matermost:highAvailability: false" }, "config.matermost:highAvailability", "did you mean mattermost:highAvailability?")]
    [InlineData(new[] { "Mattermost:highAvailability: false" }, "config.Mattermost:highAvailability", "did you mean mattermost:highAvailability?")]
    [InlineData(new[] { "mattermots:allowedClientCidrs: [203.0.113.0/24]" }, "config.mattermots:allowedClientCidrs", "did you mean mattermost:allowedClientCidrs?")]
    [InlineData(new[] { "matermost:tags:", "  team: chat" }, "config.matermost:tags", "did you mean mattermost:tags?")]
    // The project's own namespace: what `pulumi config set highAvailability false` writes.
    [InlineData(new[] { "mattermost-infra:highAvailability: false" }, "config.mattermost-infra:highAvailability", "pulumi config set mattermost:highAvailability")]
    [InlineData(new[] { "mattermost-infra:region: eu-west-1" }, "config.mattermost-infra:region", "did you mean aws:region?")]
    // Our namespace, a key that does not exist, whatever the shape.
    [InlineData(new[] { "mattermost:allowedClientCidr:", "  - 203.0.113.0/24" }, "config.mattermost:allowedClientCidr", "did you mean mattermost:allowedClientCidrs?")]
    [InlineData(new[] { "mattermost:HighAvailability: false" }, "config.mattermost:HighAvailability", "did you mean mattermost:highAvailability?")]
    public void Keys_that_are_ours_but_unknown_are_errors_with_a_suggestion(string[] lines, string key, string suggestion)
    {
        var problem = Assert.Single(Problems(TempProject.With(lines)));
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Equal(key, problem.Key);
        Assert.Contains(suggestion, problem.Message);
    }

    [Fact]
    public void The_project_namespace_is_read_from_the_project_file()
    {
        var project = TempProject.ProjectYaml.Replace("name: mattermost-infra", "name: chat-platform");
        var problem = Assert.Single(Problems(TempProject.With("chat-platform:registeredUsers: 9000"), project: project));
        Assert.Equal("config.chat-platform:registeredUsers", problem.Key);
        Assert.Contains("project's own namespace", problem.Message);
        Assert.Contains("did you mean mattermost:registeredUsers?", problem.Message);
        Assert.Equal("chat-platform", Load(TempProject.MinimalStack, project: project).ProjectName);
    }

    [Fact]
    public void Project_file_keys_in_our_namespaces_are_checked_too()
    {
        var project = TempProject.ProjectYaml + "\n  highAvailability:\n    value: false\n";
        var problem = Assert.Single(Problems(TempProject.MinimalStack, project: project));
        Assert.Equal("Pulumi.yaml", problem.File);
        Assert.Equal("config.highAvailability", problem.Key);
    }

    [Fact]
    public void Other_providers_namespaces_pass_untouched()
    {
        var s = Load(TempProject.With(
            "aws:profile: corp-admin",
            "aws:allowedAccountIds: [\"111122223333\"]",
            "aws:defaultTags:",
            "  tags:",
            "    team: chat",
            "kubernetes:context: ~",
            "acme:settings:",
            "  - a",
            "  - b"));
        Assert.Equal(1000, s.Load.RegisteredUsers);
    }

    [Theory]
    [InlineData("mattermost:highAvailability: ~", "config.mattermost:highAvailability", "default (true)")]
    [InlineData("mattermost:highAvailability: null", "config.mattermost:highAvailability", "default (true)")]
    [InlineData("mattermost:highAvailability:", "config.mattermost:highAvailability", "default (true)")]
    [InlineData("mattermost:allowedClientCidrs: ~", "config.mattermost:allowedClientCidrs", "default ([\"0.0.0.0/0\"])")]
    [InlineData("mattermost:clusterEndpointPublicCidrs:", "config.mattermost:clusterEndpointPublicCidrs", "default ([])")]
    [InlineData("mattermost:domainName: ~", "config.mattermost:domainName", "is required")]
    [InlineData("mattermost:alarmTopicArn: ~", "config.mattermost:alarmTopicArn", "remove the line to leave it unset")]
    public void Null_is_an_error_not_the_default(string line, string key, string message)
    {
        var problem = Assert.Single(Problems(TempProject.With(line)));
        Assert.Equal(key, problem.Key);
        Assert.Contains("null", problem.Message);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void A_newline_in_a_key_cannot_forge_a_line_of_the_report()
    {
        var problem = Assert.Single(Problems(TempProject.With("\"mattermost:high\\nAvailability\": false")));
        Assert.Equal("config.mattermost:high\nAvailability", problem.Key);
        Assert.DoesNotContain('\n', problem.ToString());
        Assert.Contains("mattermost:high\\nAvailability", problem.ToString());
    }

    [Fact]
    public void A_quoted_tilde_is_text_not_null()
    {
        var problem = Assert.Single(Problems(TempProject.With("mattermost:highAvailability: \"~\"")));
        Assert.Contains("expected true or false, got '~'", problem.Message);
    }

    [Fact]
    public void A_second_yaml_document_is_an_error()
    {
        var problem = Assert.Single(Problems(TempProject.MinimalStack + "\n---\nconfig:\n  mattermost:highAvailability: false\n"));
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Equal("(file)", problem.Key);
        Assert.Contains("2 YAML documents", problem.Message);
    }

    [Theory]
    [InlineData("conifg", "did you mean config?")]
    [InlineData("environment", "ESC")]
    public void Unknown_top_level_sections_of_a_stack_file_are_errors(string section, string message)
    {
        var problem = Assert.Single(Problems(TempProject.MinimalStack + $"\n{section}:\n  - x\n"));
        Assert.Equal(section, problem.Key);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Duplicate_keys_are_an_error()
    {
        var problem = Assert.Single(Problems(TempProject.MinimalStack + "\n  mattermost:registeredUsers: 5\n"));
        Assert.Contains("mattermost:registeredUsers", problem.Message);
        Assert.Contains("twice", problem.Message);
    }

    [Theory]
    [InlineData("mattermost:kubernetesVersion: \"1.35\"")]
    [InlineData("mattermost:clusterEndpointPublicCidrs: [\"203.0.113.0/24\"]")]
    [InlineData("mattermost:clusterEndpointPrivateCidrs: [\"10.99.0.0/16\"]")]
    public void Settings_of_the_other_app_tier_are_errors_naming_the_tier(string line)
    {
        var key = "config." + line[..line.IndexOf(": ", StringComparison.Ordinal)];
        var problem = Assert.Single(Problems(TempProject.With(line), stack: "pilot"));
        Assert.Equal(key, problem.Key);
        Assert.Contains("kubernetes tier only", problem.Message);
        Assert.Contains("mattermost:appTier is vm", problem.Message);
        // The same line is accepted on the Kubernetes tier, and when the stack switches the pilot to it.
        Load(TempProject.With(line), stack: "staging");
        Load(TempProject.With(line, "mattermost:appTier: kubernetes"), stack: "pilot");
    }

    [Fact]
    public void The_tier_of_each_tier_only_key_is_data()
    {
        var kubernetesOnly = ConfigKeys.All.Where(k => k.Tier == AppTierKind.Kubernetes).Select(k => k.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["mattermost:clusterEndpointPrivateCidrs", "mattermost:clusterEndpointPublicCidrs", "mattermost:kubernetesVersion"], kubernetesOnly);
    }

    [Fact]
    public void A_yaml_alias_bomb_fails_with_a_clear_error()
    {
        // "Billion laughs": nine levels of nine aliases expand to 9^9 values if followed.
        var lines = new List<string> { "  acme:lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i <= 9; i++)
            lines.Add($"  acme:lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]");
        var problem = Assert.Single(Problems(TempProject.MinimalStack + "\n" + string.Join("\n", lines) + "\n"));
        Assert.Equal("(file)", problem.Key);
        Assert.Contains("aliases expand to more than", problem.Message);
    }

    [Fact]
    public void Aliases_within_the_bound_are_followed()
    {
        var s = Load(TempProject.With(
            "acme:nets: &nets [\"203.0.113.0/24\", \"198.51.100.0/24\"]",
            "mattermost:allowedClientCidrs: *nets"));
        Assert.Equal(new[] { "203.0.113.0/24", "198.51.100.0/24" }, s.AllowedClientCidrs);
    }

    [Fact]
    public void Deep_nesting_fails_with_a_clear_error()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var problem = Assert.Single(Problems(TempProject.With("acme:deep: " + deep)));
        Assert.Equal("(file)", problem.Key);
        Assert.Contains("nested deeper than", problem.Message);
    }

    [Theory]
    [InlineData("name: bad name", "Pulumi project name")]
    [InlineData("description: no name", "name: is required")]
    public void The_project_name_follows_pulumis_rules(string nameLine, string message)
    {
        var project = TempProject.ProjectYaml.Replace("name: mattermost-infra", nameLine);
        var problem = Assert.Single(Problems(TempProject.MinimalStack, project: project));
        Assert.Equal("Pulumi.yaml", problem.File);
        Assert.Contains(message, problem.Key + ": " + problem.Message);
    }
}
