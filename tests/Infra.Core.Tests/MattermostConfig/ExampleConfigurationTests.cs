using Infra.Cli;
using Infra.Core.Analysis;
using Infra.Core.Artifacts;
using Infra.Core.Catalog;
using Infra.Core.Parsing;
using Infra.Core.Planning;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.MattermostConfig;

/// <summary>
/// The examples with Mattermost's own configuration (AD/LDAP and SAML; OpenID Connect) plan, pass every mandatory policy,
/// render programs whose every MM_* variable is a real setting, and open the network only to the services they name; and
/// each way to get the configuration wrong is refused or fails <c>check</c> naming the setting.
/// </summary>
public class ExampleConfigurationTests
{
    public static IEnumerable<object[]> Examples => [["ldap-saml", "production"], ["oidc", "pilot"]];

    private static readonly DateOnly Today = new(2026, 9, 1);

    private static StackPlan Plan(string example, string stack) => new Planner(Path.Combine(Repo.Root, "examples", example)).Plan(stack);

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_passes_every_mandatory_policy_and_every_variable_is_a_real_setting(string example, string stack)
    {
        var plan = Plan(example, stack);
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(plan, Today), $"Pulumi.{stack}.yaml");
        Assert.True(audit.MandatoryFailures(PolicyPack.Default) == 0,
            string.Join("\n", audit.Results.Where(r => r.Outcome == Outcome.Fail).Select(r => $"{r.PolicyId} {r.Resource}: {r.Message}")));

        // The rendered program, read back, hands Mattermost the same settings: every one of them real.
        var program = PlanRenderings.PulumiYaml(plan);
        var parsed = PulumiYamlParser.Parse(program, "program.yaml");
        var variables = MattermostVariables.In(parsed).ToList();
        Assert.All(variables, v => Assert.Null(MattermostVariables.Problem(v)));
        var app = Assert.Single(MattermostConfiguration.In(parsed));
        foreach (var v in Infra.Core.Settings.App.AppVariables.From(plan.Settings.App, plan.Settings.SiteUrl))
            Assert.True(app.IsSet(v.Setting), $"{v.Setting} is not in the rendered program");
        Assert.DoesNotContain("v1:AAAA", program, StringComparison.Ordinal); // no ciphertext, let alone a secret, in the artifact
    }

    [Fact]
    public void The_directory_and_the_relay_are_the_only_new_paths_and_the_summary_shows_them()
    {
        var plan = Plan("ldap-saml", "production");
        var egress = Reachability.Flows(plan.Graph).Where(f => f.Source == "appSecurityGroup" && f.Direction == "egress").ToList();
        Assert.Equal(["10.200.10.0/28:636", "10.200.11.0/28:636", "10.200.20.0/28:587"],
            egress.Where(f => f.Target.Contains('/') && f.Target != "0.0.0.0/0").Select(f => $"{f.Target}:{f.Ports}").Order(StringComparer.Ordinal));
        var summary = PlanRenderings.Markdown(plan);
        Assert.Contains("| appSecurityGroup (", summary);
        Assert.Contains("| 10.200.10.0/28 | tcp | 636 | appToDirectory_10_200_10_0_28 |", summary);
        Assert.Contains("| 10.200.20.0/28 | tcp | 587 | appToSmtp_10_200_20_0_28 |", summary);
        // On the Kubernetes tier the pods get the same paths, and no others, through NetworkPolicies.
        var directory = KubernetesObjects.OfKind(plan.Graph, "NetworkPolicy").Single(p => p.Name == "allow-directory");
        var rule = Texts(directory.Spec["egress"]!).ToList();
        Assert.Equal(["10.200.10.0/28", "10.200.11.0/28", "636", "TCP"], rule.Order(StringComparer.Ordinal));
        Assert.Contains("## Mattermost's own configuration", summary);
        Assert.Contains("| mattermost:app.sso.saml.certificates.identityProvider | saml/idp.crt |", summary);
        Assert.Contains("| mattermost:app.roles | onboarding/roles.yaml |", summary);
        Assert.Contains("[secret: Pulumi secret mattermost:app.directory.bindPassword]", summary);
    }

    private static IEnumerable<string> Texts(Infra.Core.Graph.Value v) => v switch
    {
        Infra.Core.Graph.StringValue s => [s.Text],
        Infra.Core.Graph.NumberValue n => [n.Text],
        Infra.Core.Graph.ListValue l => l.Items.SelectMany(Texts),
        Infra.Core.Graph.MapValue m => m.Entries.Values.SelectMany(Texts),
        _ => [],
    };

    /// <summary>A copy of the ldap-saml example with parts of its stack file replaced, and the CLI run on it.</summary>
    private static (int Code, string Out, string Err) Run((string From, string To)[] edits, params string[] args)
    {
        using var dir = new TempDir();
        var source = Path.Combine(Repo.Root, "examples", "ldap-saml");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var stackFile = Path.Combine(dir.Path, "Pulumi.production.yaml");
        var text = File.ReadAllText(stackFile);
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        File.WriteAllText(stackFile, text);
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--stack", "production"], o, e, dir.Path);
        return (code, o.ToString(), e.ToString());
    }

    private static (int Code, string Out, string Err) Run(string from, string to, params string[] args) => Run([(from, to)], args);

    [Theory]
    [InlineData("      connectionSecurity: TLS\n", "      connectionSecurity: none\n", "MM-CFG-001", "LdapSettings.ConnectionSecurity")]
    [InlineData("      mfa: enforced\n", "      mfa: \"off\"\n", "MM-CFG-002", "EnforceMultifactorAuthentication")]
    public void A_weakened_configuration_fails_check_naming_the_setting(string from, string to, string policy, string setting)
    {
        var (code, output, err) = Run(from, to, "check");
        Assert.True(code == 1, err + output);
        var line = output.Split('\n').First(l => l.Contains("FAIL", StringComparison.Ordinal) && l.Contains(policy, StringComparison.Ordinal));
        Assert.Contains(setting, line);
    }

    [Fact]
    public void A_waiver_lets_a_weakened_configuration_through_and_stays_in_the_report()
    {
        var weakened = ("      connectionSecurity: TLS\n", "      connectionSecurity: STARTTLS\n      skipCertificateVerification: true\n");
        var (code, output, err) = Run([weakened], "check");
        Assert.True(code == 1, err + output);
        Assert.Contains("skips the certificate check (LdapSettings.SkipCertificateVerification=true)", output);

        var waiver = ("  mattermost:tags:\n", "  mattermost:waivers:\n    - policy: MM-CFG-001\n      resources: [mattermostInstallation]\n" +
            "      reason: the directory's certificate is replaced next month (ticket SEC-42)\n      expires: 2099-12-31\n  mattermost:tags:\n");
        var (waived, json, err2) = Run([weakened, waiver], "check", "--format", "json");
        Assert.True(waived == 0, err2 + json);
        var results = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("stacks")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("policy").GetString() == "MM-CFG-001").ToList();
        Assert.Contains(results, r => r.GetProperty("outcome").GetString() == "waived");
    }

    [Theory]
    [InlineData("        secure: v1:AAAAAAAAAAAAAAAAcGxhY2Vob2xkZXItYmluZA\n", "        hunter2-in-plain-text\n", "config.mattermost:app.directory.bindPassword")]
    [InlineData("      customBrandText: \"Acme's internal chat.", "      customBrandText: \"%BRAND%", "config.mattermost:app.branding.customBrandText")]
    [InlineData("      ServiceSettings.EnableLinkPreviews: true\n", "      ServiceSettings.EnableLinkPreview: true\n", "config.mattermost:app.settings.ServiceSettings.EnableLinkPreview")]
    public void A_broken_configuration_is_refused_naming_the_key(string from, string to, string key)
    {
        var (code, output, err) = Run(from, to.Replace("%BRAND%", new string('x', 501), StringComparison.Ordinal), "plan");
        Assert.True(code == 2, err + output);
        Assert.Contains($"Pulumi.production.yaml: {key}:", err);
        Assert.DoesNotContain("hunter2", err);
        Assert.Equal("", output);
    }
}
