using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Core.Artifacts;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

/// <summary>plan.json carries the resolved settings, and the diff opens with the ones that changed and what they caused.</summary>
public class SettingsDiffTests
{
    private static JsonElement SettingsOf(string planJson, string key)
    {
        using var doc = JsonDocument.Parse(planJson);
        return doc.RootElement.GetProperty("settings").GetProperty(key).Clone();
    }

    [Fact]
    public void Plan_json_carries_every_setting_with_its_value_and_where_it_came_from()
    {
        var json = PlanRenderings.Json(Repo.Plan("production"));
        using var doc = JsonDocument.Parse(json);
        var settings = doc.RootElement.GetProperty("settings");
        var keys = settings.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(ConfigKeys.All.Select(k => k.Key).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));

        void Is(string key, string value, string source)
        {
            var s = settings.GetProperty(key);
            Assert.Equal(value, ResolvedSetting.Compact(s.GetProperty("value").WriteTo));
            Assert.Equal(source, s.GetProperty("source").GetString());
        }
        Is("mattermost:registeredUsers", "20000", "Pulumi.production.yaml");
        Is("mattermost:headroomPercent", "25", "Pulumi.yaml");
        Is("mattermost:vpcCidr", "\"10.30.0.0/16\"", "default");
        Is("mattermost:highAvailability", "true", "default");
        Is("mattermost:concurrencyRatio", "0.2", "Pulumi.production.yaml");
        Is("mattermost:environment", "\"production\"", "stack name");
        Is("mattermost:peakConcurrentUsers", "null", "not set");
        Is("mattermost:allowedClientCidrs", "[\"0.0.0.0/0\"]", "default");
        Assert.Equal("collaboration-platform", settings.GetProperty("mattermost:tags").GetProperty("value").GetProperty("owner").GetString());
    }

    [Fact]
    public void A_secret_setting_is_in_the_plan_as_a_placeholder_only()
    {
        using var p = new TempProject(TempProject.With("mattermost:licenseKey:", "  secure: v1:AAAA0123456789abcdef"));
        var o = new StringWriter();
        Assert.Equal(0, Infra.Cli.CliApp.Run(["plan", "--stack", "staging", "--format", "json"], o, new StringWriter(), p.Directory));
        var s = SettingsOf(o.ToString(), "mattermost:licenseKey");
        Assert.Equal("[secret]", s.GetProperty("value").GetString());
        Assert.Equal("Pulumi.staging.yaml", s.GetProperty("source").GetString());
        Assert.DoesNotContain("v1:AAAA", o.ToString());
    }

    [Fact]
    public void The_diff_opens_with_the_changed_settings_and_attributes_the_sizing_to_them()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:registeredUsers", "60000");

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 0, err);
        var settingsAt = output.IndexOf("Settings that changed", StringComparison.Ordinal);
        Assert.True(settingsAt >= 0, output);
        Assert.True(settingsAt < output.IndexOf("Resources (", StringComparison.Ordinal), "the settings come before the resource counts");
        Assert.Contains("mattermost:registeredUsers: 20000 -> 60000 (Pulumi.production.yaml)", output);
        // What it caused: sizing decisions with their reasons, and the resources they changed.
        Assert.Contains("sizing database: writer db.r7g.xlarge -> writer db.r7g.2xlarge", output);
        Assert.Contains("databaseWriter.instanceClass", output);
        Assert.Contains("(caused by mattermost:registeredUsers)", output);
    }

    [Fact]
    public void A_vpc_replacement_names_the_setting_that_caused_it()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        stack.Set("mattermost:vpcCidr", "10.40.0.0/16");

        var (_, output, _) = stack.Diff(basePlan);

        Assert.Contains("mattermost:vpcCidr: \"10.30.0.0/16\" (default) -> \"10.40.0.0/16\" (Pulumi.production.yaml)", output);
        Assert.Contains("vpc.cidrBlock", output);
        Assert.Contains("replaced because vpc is replaced (cidrBlock changed by mattermost:vpcCidr)", output);
    }

    [Fact]
    public void A_base_plan_without_settings_still_diffs_and_says_its_settings_are_unknown()
    {
        using var stack = new StackEdit("production");
        var basePlan = stack.WriteBase();
        var json = JsonNode.Parse(File.ReadAllText(basePlan))!.AsObject();
        json.Remove("settings");
        File.WriteAllText(basePlan, json.ToJsonString());
        stack.Set("mattermost:registeredUsers", "60000");

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 0, err);
        Assert.Contains("settings of the base plan unknown", output);
        Assert.Contains("~ update databaseWriter", output);
    }

    [Fact]
    public void A_base_value_no_longer_accepted_is_shown_with_its_effects_unknown()
    {
        using var stack = new StackEdit("staging");
        var basePlan = stack.WriteBase();
        var json = JsonNode.Parse(File.ReadAllText(basePlan))!.AsObject();
        json["settings"]!["mattermost:kubernetesVersion"]!["value"] = "1.33";
        File.WriteAllText(basePlan, json.ToJsonString());

        var (code, output, err) = stack.Diff(basePlan);

        Assert.True(code == 0, err);
        Assert.Contains("mattermost:kubernetesVersion: \"1.33\" -> \"1.35\" (default)", output);
        Assert.Contains("the stack cannot be planned with its base value any more (expected one of 1.34, 1.35, got '1.33'), so what it caused is not known", output);
    }

    [Fact]
    public void Unchanged_settings_say_so()
    {
        using var stack = new StackEdit("staging");
        var basePlan = stack.WriteBase();
        var (code, output, _) = stack.Diff(basePlan);
        Assert.Equal(0, code);
        Assert.Contains("Settings: none changed", output);
    }
}
