using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// The secret settings of <c>mattermost:app</c> on the Kubernetes tier: External Secrets copies each Secrets Manager secret
/// (<see cref="MattermostAppSecrets"/>) into one key of the Kubernetes Secret <see cref="SecretName"/>, which the Mattermost
/// resource's environment names by reference (valueFrom.secretKeyRef), so that no value passes through the program, the
/// state or the Mattermost resource. It uses the SecretStore the database credentials use, with one more inline policy on
/// its reader role for exactly these secrets; Reloader rolls the pods when a value changes, as for the database secret.
/// </summary>
public static class MattermostAppSecretSync
{
    public const string SecretName = "mattermost-app-secrets";
    public const string Sync = "appSecretsSync";
    public const string ReaderPolicy = "appSecretsReaderPolicy";

    /// <summary>Declares the reader's policy and the ExternalSecret; returns the node the Mattermost resource must wait for, or null without secrets.</summary>
    public static string? Build(ComponentScope c, EnvironmentBlueprint bp, EksClusterRefs cluster, IReadOnlyList<AppSecretRef> secrets)
    {
        if (secrets.Count == 0) return null;
        c.Add(ReaderPolicy, AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref(MattermostInstallation.DatabaseReaderRole, "id")),
            ("policy", Iam.Document(
                Iam.Allow("ReadOwnAppSecrets", ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], [.. secrets.Select(s => s.SecretArn)])))),
            $"External Secrets may read exactly the secrets of Mattermost's settings ({string.Join(", ", secrets.Select(s => s.Variable.Setting))}), nothing else");
        c.Add(Sync, KubernetesTypes.ConfigGroup, V.Map(
            ("objs", V.List(V.Map(
                ("apiVersion", "external-secrets.io/v1"),
                ("kind", "ExternalSecret"),
                ("metadata", V.Map(("name", SecretName), ("namespace", MattermostInstallation.Namespace))),
                ("spec", V.Map(
                    ("refreshInterval", "5m"),
                    ("secretStoreRef", V.Map(("name", "aws-secrets-manager"), ("kind", "SecretStore"))),
                    ("target", V.Map(("name", SecretName), ("creationPolicy", "Owner"))),
                    ("data", V.List(secrets.Select(s => (Value)V.Map(
                        ("secretKey", s.Variable.EnvVar),
                        ("remoteRef", V.Map(("key", s.SecretArn))))))))))))),
            $"the ExternalSecret (a custom resource, so declared through a ConfigGroup): every 5 minutes the Secret '{SecretName}' gets one key per secret setting " +
            $"({string.Join(", ", secrets.Select(s => s.Variable.EnvVar))}), read with the database secret reader's role; the Mattermost resource's environment references the keys",
            cluster.OnCluster(MattermostInstallation.CredentialsSync, ReaderPolicy));
        return Sync;
    }
}
