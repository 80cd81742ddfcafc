using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

/// <summary>Plans of the Kubernetes tier beyond the repository's stacks: other loads, zones, a licence, no search.</summary>
public static class KubernetesPlans
{
    public static StackPlan For(StackSettings settings) => StackPlan.From(settings);

    /// <summary>The production stack on the Kubernetes tier with a chosen design load.</summary>
    public static StackPlan AtLoad(int users, bool ha = true, int zones = 3) =>
        For(TestSettings.DesignLoad(users, ha, zones) with { AppTier = AppTierKind.Kubernetes });

    public static StackPlan Licensed() =>
        For(Repo.Settings("production") with { LicenseKey = new SecretSetting("mattermost:licenseKey") });

    public static StackPlan WithoutSearch() => For(Repo.Settings("staging") with { EnterpriseSearch = false });

    /// <summary>Every Kubernetes-tier plan the tests look at.</summary>
    public static IEnumerable<StackPlan> All()
    {
        yield return Repo.Plan("staging");
        yield return Repo.Plan("production");
        yield return Licensed();
        yield return WithoutSearch();
        yield return For(Repo.Settings("pilot") with { AppTier = AppTierKind.Kubernetes });
        foreach (var users in new[] { 200, 2_000, 15_000, 50_000, 200_000 })
            yield return AtLoad(users);
        yield return AtLoad(8_000, zones: 2);
        yield return LdapSaml();
    }

    /// <summary>The ldap-saml example: Mattermost's own configuration with secret settings, on the Kubernetes tier.</summary>
    public static StackPlan LdapSaml() => new Planner(Path.Combine(Repo.Root, "examples", "ldap-saml")).Plan("production");

    public static IEnumerable<object[]> Loads =>
        from users in new[] { 100, 200, 1_000, 2_000, 5_000, 15_000, 22_000, 30_000, 50_000, 80_000, 100_000, 200_000, 260_000 }
        from zones in new[] { 2, 3 }
        select new object[] { users, zones };

    /// <summary>The one object of a ConfigGroup's objs.</summary>
    public static MapValue Object(ResourceGraph g, string configGroup, string kind) =>
        ((ListValue)g[configGroup].Properties["objs"]!).Items.Cast<MapValue>().Single(o => o["kind"] == new StringValue(kind));
}
