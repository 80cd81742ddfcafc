using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Rendering;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Components;

public class VmLicenceTests
{
    private static StackPlan Pilot(bool licensed) =>
        StackPlan.From(Repo.Settings("pilot") with { LicenseKey = licensed ? new SecretSetting("mattermost:licenseKey") : null });

    [Fact]
    public void A_licence_goes_from_the_stack_secret_to_secrets_manager_and_the_nodes()
    {
        var g = Pilot(licensed: true).Graph;
        var value = g["appLicenseSecretValue"];
        Assert.Equal(V.Secret(V.Config("mattermost:licenseKey")), value.Properties["secretString"]);
        Assert.Equal(VmAppTierComponent.Name, g[VmAppTierComponent.LicenseSecret].Options.Parent);
        var policy = g["appRolePolicy"].Properties["policy"]!;
        Assert.Contains(V.Ref(VmAppTierComponent.LicenseSecret, "arn"), policy.References());
        var userData = g["appLaunchTemplate"].Properties["userData"]!;
        Assert.Contains(V.Ref(VmAppTierComponent.LicenseSecret, "arn"), userData.References());
        var yaml = new PulumiYamlRenderer().Render(g, "mattermost-infra");
        Assert.Contains("CRED_LICENSE_ARN=${appLicenseSecret.arn}", yaml);
        Assert.Contains("${mattermost:licenseKey}", yaml);
        Assert.DoesNotContain(g.Outputs, o => o.Value.References().Any(r => r.Resource.StartsWith("appLicense", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_a_licence_nothing_is_created_or_read()
    {
        var g = Pilot(licensed: false).Graph;
        Assert.Null(g.Find(VmAppTierComponent.LicenseSecret));
        Assert.DoesNotContain("CRED_LICENSE_ARN=", new PulumiYamlRenderer().Render(g, "mattermost-infra"));
    }
}
