using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Settings.App;

namespace Infra.Core.Components;

/// <summary>A setting of <c>mattermost:app</c> whose value is a secret, and the Secrets Manager secret that holds it.</summary>
/// <param name="SecretArn">The secret's ARN: an output of the secret the stack creates from its Pulumi secret, or of the lookup of the organisation's own.</param>
/// <param name="Node">The secret resource, or the lookup, in the graph.</param>
public sealed record AppSecretRef(AppVariable Variable, Value SecretArn, string Node);

/// <summary>
/// Mattermost's settings from <c>mattermost:app</c> for the app tier, and the secrets among them. A secret given as a
/// Pulumi secret becomes a Secrets Manager secret of the stack (its value a Pulumi secret end to end, read from the stack
/// configuration by the program: never in the graph, the artifacts or the outputs); one given as an ARN is looked up, so
/// that a missing secret fails at preview and the graph names it. The node (VM tier) or External Secrets (Kubernetes)
/// reads them from Secrets Manager, like the database credentials and the licence.
/// </summary>
public static class MattermostAppSecrets
{
    public static IReadOnlyList<AppVariable> Variables(EnvironmentBlueprint bp) => AppVariables.From(bp.Settings.App, bp.Settings.SiteUrl);

    /// <summary>Declares the secrets the settings need and returns them by setting.</summary>
    public static IReadOnlyList<AppSecretRef> Build(ComponentScope c, EnvironmentBlueprint bp)
    {
        var result = new List<AppSecretRef>();
        foreach (var variable in Variables(bp).Where(v => v.Secret is not null))
        {
            var secret = variable.Secret!;
            var name = NodeName(secret.Path);
            if (secret.Arn is { } arn)
            {
                c.Graph.Lookup(name, AwsTypes.SecretLookup, V.Map(("arn", arn)),
                    $"the organisation's secret for {variable.Setting} ({AppFields.Key}.{secret.Path}), looked up so that a wrong ARN fails at preview");
                result.Add(new AppSecretRef(variable, V.Ref(name, "arn"), name));
                continue;
            }
            c.Add(name, AwsTypes.Secret, V.Map(
                ("description", $"{bp.Prefix}: Mattermost {variable.Setting}"),
                ("tags", Tagging.Tags(bp, name))),
                $"holds {variable.Setting} from the stack's Pulumi secret {AppFields.Key}.{secret.Path}; the app reads it as {variable.EnvVar}",
                KmsKeys.Stateful(bp));
            c.Add(name + "Value", AwsTypes.SecretVersion, V.Map(
                ("secretId", V.Ref(name, "id")),
                ("secretString", V.Secret(ConfigValue.Nested(AppFields.Key, secret.Path)))),
                "the secret's value, a Pulumi secret end to end (encrypted in the state, never in outputs)");
            result.Add(new AppSecretRef(variable, V.Ref(name, "arn"), name));
        }
        return result;
    }

    /// <summary><c>directory.bindPassword</c> becomes <c>appSecretDirectoryBindPassword</c>.</summary>
    public static string NodeName(string path) =>
        "appSecret" + string.Concat(path.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
