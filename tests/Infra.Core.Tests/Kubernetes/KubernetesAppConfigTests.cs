using Infra.Core.Components;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Settings.App;
using Infra.Core.Tests.MattermostConfig;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

/// <summary>
/// Mattermost's own configuration on the Kubernetes tier: plain settings in the Mattermost resource's environment, secret
/// ones by reference to the Secret a second ExternalSecret fills from Secrets Manager, read with exactly those permissions.
/// </summary>
public class KubernetesAppConfigTests
{
    private static MapValue Env(ListValue env, string name) =>
        (MapValue)env.Items.Single(e => e is MapValue m && m["name"] is StringValue { Text: var n } && n == name);

    [Fact]
    public void Plain_settings_are_values_and_secret_ones_references_to_the_synced_secret()
    {
        var plan = KubernetesPlans.LdapSaml();
        var resource = KubernetesPlans.Object(plan.Graph, MattermostInstallation.Installation, MattermostResource.Kind);
        var env = (ListValue)((MapValue)resource["spec"]!)["mattermostEnv"]!;
        var variables = MattermostAppSecrets.Variables(plan.Blueprint);
        var secrets = variables.Where(v => v.Secret is not null).ToList();
        Assert.Equal(["MM_EMAILSETTINGS_SMTPPASSWORD", "MM_LDAPSETTINGS_BINDPASSWORD"], secrets.Select(v => v.EnvVar).Order(StringComparer.Ordinal));
        foreach (var v in variables)
        {
            var entry = Env(env, v.EnvVar);
            if (v.Secret is null)
            {
                Assert.Equal(new StringValue(v.Value!), entry["value"]);
                continue;
            }
            Assert.Null(entry["value"]);
            Assert.Equal(V.Map(("secretKeyRef", V.Map(("name", MattermostAppSecretSync.SecretName), ("key", v.EnvVar)))), entry["valueFrom"]);
        }

        // The ExternalSecret fills one key per secret setting from the stack's Secrets Manager secrets, and the reader's
        // extra policy allows exactly those.
        var sync = KubernetesPlans.Object(plan.Graph, MattermostAppSecretSync.Sync, "ExternalSecret");
        var data = ((ListValue)((MapValue)sync["spec"]!)["data"]!).Items.Cast<MapValue>().ToList();
        Assert.Equal(secrets.Select(v => v.EnvVar), data.Select(d => ((StringValue)d["secretKey"]!).Text));
        Assert.Equal(secrets.Select(v => V.Ref(MattermostAppSecrets.NodeName(v.Secret!.Path), "arn")), data.Select(d => ((MapValue)d["remoteRef"]!)["key"]));
        var policy = plan.Graph[MattermostAppSecretSync.ReaderPolicy];
        Assert.Equal(V.Ref(MattermostInstallation.DatabaseReaderRole, "id"), policy.Properties["role"]);
        Assert.Contains(MattermostAppSecretSync.Sync, plan.Graph[MattermostInstallation.Installation].Options.DependsOn);
        // The secret's value is never in the graph: the SecretVersion reads it from the stack's configuration.
        var version = plan.Graph[MattermostAppSecrets.NodeName("directory.bindPassword") + "Value"];
        Assert.Equal(V.Secret(ConfigValue.Nested("mattermost:app", "directory.bindPassword")), version.Properties["secretString"]);
    }

    [Fact]
    public void A_dollar_reaches_mattermost_as_it_is_written()
    {
        // Kubernetes expands $(NAME) in env values and reduces $$ to $: every $ is written doubled.
        var settings = Repo.Settings("staging") with
        {
            App = AppStacks.Load("staging", "mattermost:app:", "  branding:", "    siteName: Pay $(5) or $$", "    description: cost $HOME").App,
        };
        var plan = KubernetesPlans.For(settings);
        var env = (ListValue)((MapValue)KubernetesPlans.Object(plan.Graph, MattermostInstallation.Installation, MattermostResource.Kind)["spec"]!)["mattermostEnv"]!;
        Assert.Equal(new StringValue("Pay $$(5) or $$$$"), Env(env, "MM_TEAMSETTINGS_SITENAME")["value"]);
        Assert.Equal(new StringValue("cost $$HOME"), Env(env, "MM_TEAMSETTINGS_CUSTOMDESCRIPTIONTEXT")["value"]);
    }

    [Fact]
    public void Without_secret_settings_there_is_no_second_external_secret()
    {
        Assert.Null(Repo.Plan("production").Graph.Find(MattermostAppSecretSync.Sync));
        Assert.Null(Repo.Plan("production").Graph.Find(MattermostAppSecretSync.ReaderPolicy));
    }
}
