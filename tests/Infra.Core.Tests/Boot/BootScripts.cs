using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>The app-node boot scripts the project renders: every committed stack and example on the VM tier, and variants.</summary>
public static class BootScripts
{
    /// <summary>The launch template that carries the boot script (VM tier only).</summary>
    public const string LaunchTemplate = "appLaunchTemplate";

    /// <summary>Every committed plan with a boot script: the repository's stacks and every example's stacks.</summary>
    public static IEnumerable<(string Name, StackPlan Plan)> Committed()
    {
        foreach (var stack in new[] { "pilot", "staging", "production" })
            yield return (stack, Repo.Plan(stack));
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, "examples")).Order(StringComparer.Ordinal))
        {
            var planner = new Planner(dir);
            foreach (var stack in planner.Loader.AvailableStacks())
                yield return ($"examples/{Path.GetFileName(dir)}:{stack}", planner.Plan(stack));
        }
    }

    /// <summary>
    /// Variants that exercise every optional part of the script: the staging and production stacks moved to the VM
    /// tier (readers, OpenSearch, a cluster) with an Enterprise licence.
    /// </summary>
    public static IEnumerable<(string Name, StackPlan Plan)> Variants() =>
        new[] { "staging", "production" }.Select(stack => ($"{stack} on the VM tier, licensed", Licensed(Repo.Settings(stack) with { AppTier = AppTierKind.Vm })))
            .Append((WithApp, Licensed(Repo.Settings("production") with { AppTier = AppTierKind.Vm, App = AppConfigured.Value })));

    /// <summary>Production on the VM tier with Mattermost's own configuration: AD/LDAP, SAML, OpenID Connect, a mail relay, branding and an escape-hatch setting, secrets both as Pulumi secrets and as ARNs.</summary>
    public const string WithApp = "production on the VM tier, licensed, with mattermost:app";

    private static readonly Lazy<Infra.Core.Settings.App.AppConfig> AppConfigured = new(() => MattermostConfig.AppStacks.Load("production",
        MattermostConfig.AppStacks.FullWith("certificates:",
        "      certificates: {identityProvider: idp.crt}",
        "    openId:",
        "      provider: okta",
        "      discoveryUrl: https://acme.okta.com/.well-known/openid-configuration",
        "      clientId: 0oa1b2c3d4",
        "      clientSecret:",
        "        secure: AAABAOidcCiphertext",
        "      buttonText: Sign in with \"Acme\" $SSO")).App);

    public static StackPlan Licensed(StackSettings settings) =>
        StackPlan.From(settings with { LicenseKey = new SecretSetting("mattermost:licenseKey") });

    /// <summary>Every plan above that renders a boot script, by name.</summary>
    public static IReadOnlyDictionary<string, StackPlan> All { get; } =
        Committed().Concat(Variants()).Where(p => p.Plan.Graph.Find(LaunchTemplate) is not null).ToDictionary(p => p.Name, p => p.Plan);

    public static IEnumerable<object[]> Names => All.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    /// <summary>The script as the graph holds it: text and references (the launch template's user data is its base64).</summary>
    public static Value Script(ResourceGraph graph)
    {
        var userData = graph[LaunchTemplate].Properties["userData"];
        return userData is FunctionValue { Function: FunctionValue.ToBase64 } f
            ? f.Argument
            : throw new InvalidOperationException($"{LaunchTemplate}.userData is not fn::toBase64 of the script: {userData}");
    }

    /// <summary>The script an instance would receive, with sample values (or the given ones) for every reference.</summary>
    public static string Text(StackPlan plan, IReadOnlyDictionary<RefValue, string>? given = null) =>
        new SampleOutputs(plan.Graph, plan.Settings.Region, given).Text(Script(plan.Graph));
}
