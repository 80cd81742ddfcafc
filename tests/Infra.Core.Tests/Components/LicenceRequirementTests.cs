using System.Text.Json;
using Infra.Cli;
using Infra.Core.Artifacts;
using Infra.Core.Planning;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using Infra.Core.Tests.Kubernetes;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Components;

/// <summary>
/// A Mattermost cluster and enterprise search need an Enterprise licence: plan warns in every format, check
/// reports MM-GOV-002, and (tests/Infra.Deploy.Tests) the Pulumi program refuses to deploy without it.
/// </summary>
public class LicenceRequirementTests
{
    private static StackPlan Licensed(string stack) => StackPlan.From(Repo.Settings(stack) with { LicenseKey = new SecretSetting(LicenceRequirement.ConfigKey) });

    [Fact]
    public void The_ha_stacks_need_a_licence_they_do_not_have_and_the_pilot_needs_none()
    {
        foreach (var stack in new[] { "staging", "production" })
        {
            var licence = Repo.Plan(stack).Licence;
            Assert.True(licence.Missing, stack);
            Assert.Contains(licence.Features, f => f.StartsWith("a high-availability Mattermost cluster", StringComparison.Ordinal));
            Assert.Contains(licence.Features, f => f.StartsWith("enterprise search", StringComparison.Ordinal));
        }
        Assert.Empty(Repo.Plan("pilot").Licence.Features);
        Assert.False(Licensed("production").Licence.Missing);
        // Enterprise search alone needs it too.
        var searchOnly = StackPlan.From(Repo.Settings("staging") with { HighAvailability = false, AvailabilityZoneCount = 2, AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        Assert.Equal(searchOnly.Blueprint.Sizing.Search.Enabled, searchOnly.Licence.Missing);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void Plan_warns_in_every_format_naming_the_key_and_the_command(string format)
    {
        var staging = PlanRenderings.Render(Repo.Plan("staging"), format);
        var warning = Repo.Plan("staging").Warnings.Single();
        Assert.Contains(LicenceRequirement.ConfigKey, warning);
        Assert.Contains(LicenceRequirement.SetCommand, warning);

        switch (format)
        {
            case "text":
                var head = staging[..staging.IndexOf("Sizing and why", StringComparison.Ordinal)];
                Assert.Contains("WARNING", head);
                Assert.Contains(LicenceRequirement.ConfigKey, head);
                Assert.Contains("pulumi config set --secret", head);
                break;
            case "markdown":
                Assert.Contains("> [!WARNING]\n> " + warning + "\n", staging);
                Assert.True(staging.IndexOf("[!WARNING]", StringComparison.Ordinal) < staging.IndexOf("## Load", StringComparison.Ordinal), "the warning comes first");
                break;
            default:
                using (var doc = JsonDocument.Parse(staging))
                    Assert.Equal([warning], doc.RootElement.GetProperty("warnings").EnumerateArray().Select(e => e.GetString()));
                break;
        }
        var pilot = PlanRenderings.Render(Repo.Plan("pilot"), format);
        var licensed = PlanRenderings.Render(Licensed("production"), format);
        Assert.DoesNotContain(LicenceRequirement.SetCommand, pilot);
        Assert.DoesNotContain(LicenceRequirement.SetCommand, licensed);
    }

    [Fact]
    public void Plan_writing_to_a_file_repeats_the_warning_on_standard_error()
    {
        using var dir = new TempProject(null);
        var err = new StringWriter();
        var code = CliApp.Run(["plan", "--stack", "staging", "--format", "json", "--out", Path.Combine(dir.Directory, "plan.json")], new StringWriter(), err, Repo.Root);
        Assert.Equal(0, code);
        Assert.Contains($"warning: {Repo.Plan("staging").Warnings.Single()}", err.ToString());

        var pilotErr = new StringWriter();
        CliApp.Run(["plan", "--stack", "pilot", "--format", "json", "--out", Path.Combine(dir.Directory, "pilot.json")], new StringWriter(), pilotErr, Repo.Root);
        Assert.Equal("", pilotErr.ToString());
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void Check_reports_the_missing_licence_on_the_cluster_and_the_search_domain_and_passes_once_licensed(string stack)
    {
        var missing = Results(PolicyContext.For(Repo.Plan(stack), Today), "MM-GOV-002");
        Assert.Contains(missing, r => r.Outcome == Outcome.Fail && r.Resource == "mattermostInstallation" && r.Message.Contains(LicenceRequirement.SetCommand, StringComparison.Ordinal));
        Assert.Contains(missing, r => r.Outcome == Outcome.Fail && r.ResourceType == "aws:opensearch/domain:Domain");
        // Advisory: the committed stacks cannot hold a real licence; the program refuses instead.
        Assert.Equal(Enforcement.Advisory, Infra.Core.Policies.PolicyPack.Find("MM-GOV-002")!.Enforcement);

        var licensed = Results(PolicyContext.For(Licensed(stack), Today), "MM-GOV-002");
        Assert.NotEmpty(licensed);
        Assert.All(licensed, r => Assert.Equal(Outcome.Pass, r.Outcome));
        Assert.Contains(licensed, r => r.Message.Contains("Secret mattermost-license", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_reads_the_vm_tiers_licence_from_the_stack_secret()
    {
        var vm = StackPlan.From(Repo.Settings("staging") with { AppTier = AppTierKind.Vm });
        Assert.Contains(Results(PolicyContext.For(vm, Today), "MM-GOV-002"), r => r.Outcome == Outcome.Fail && r.Resource == "appAutoScalingGroup");

        var licensed = StackPlan.From(vm.Settings with { LicenseKey = new SecretSetting(LicenceRequirement.ConfigKey) });
        var results = Results(PolicyContext.For(licensed, Today), "MM-GOV-002");
        Assert.All(results, r => Assert.Equal(Outcome.Pass, r.Outcome));
        Assert.Contains(results, r => r.Resource == "appAutoScalingGroup");
    }

    [Fact]
    public void A_single_node_without_search_needs_no_licence()
    {
        Assert.All(Results(PolicyContext.For(Repo.Plan("pilot"), Today), "MM-GOV-002"), r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
        Assert.Empty(Repo.Plan("pilot").Warnings);
    }
}
