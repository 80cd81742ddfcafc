using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Sizing;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// Mattermost on the cluster: its namespace (restricted Pod Security Standard), the service accounts with
/// their IAM roles (S3 files; reading the database secret), the database credentials synced from Secrets
/// Manager, the licence, the network policies, the operator's <c>Mattermost</c> resource and a disruption
/// budget. Registered as the app tier's component, <c>mattermost:infra:MattermostCluster</c>.
/// </summary>
public static class MattermostInstallation
{
    public const string Name = VmAppTierComponent.Name;
    public const string Namespace = "mattermost";
    public const string NamespaceNode = "mattermostNamespace";
    public const string Installation = "mattermostInstallation";
    public const string FilesRole = "mattermostFilesRole";
    public const string DatabaseReaderRole = "databaseSecretReaderRole";
    public const string DatabaseReaderServiceAccount = "database-credentials-reader";
    public const string DatabaseSecret = "mattermost-database";
    public const string LicenseSecret = "mattermost-license";
    public const string CredentialsSync = "databaseCredentialsSync";
    public const string DisruptionBudget = "mattermostDisruptionBudget";

    public static void Build(GraphBuilder g, EnvironmentBlueprint bp, EksClusterRefs cluster, NetworkRefs net, DatabaseRefs db, FileStorageRefs files, Value? searchEndpoint)
    {
        var s = bp.Settings;
        var k = bp.Sizing.Kubernetes!;
        var c = g.Component(Name, ComponentTypes.MattermostCluster,
            $"Mattermost {s.MattermostVersion} on EKS through the Mattermost Operator: {k.Replicas} pod{(k.Replicas == 1 ? "" : "s")} of {k.PodCpuRequestMillicores}m / {k.PodMemoryMiB} MiB behind an ALB");

        c.Add(NamespaceNode, KubernetesTypes.Namespace, V.Map(
            ("metadata", V.Map(("name", Namespace), ("labels", ClusterAddons.RestrictedLabels(bp))))),
            "the installation's namespace; the restricted Pod Security Standard is enforced, audited and warned on (security-baseline.md §4.1), and every pod in it is denied network traffic unless a policy below allows it",
            cluster.OnCluster());

        // Files: the operator runs the pods as the service account named after the installation and, with
        // useServiceAccount, requires it to exist with an IAM role annotation (no static keys).
        Irsa.Role(c, bp, FilesRole, cluster.OidcProvider, Namespace, MattermostResource.InstallationName, "Mattermost reads and writes its S3 files");
        c.Add("mattermostFilesPolicy", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref(FilesRole, "id")),
            ("policy", Iam.Document(
                Iam.Allow("ListOwnBucket", ["s3:ListBucket", "s3:GetBucketLocation"], files.BucketArn),
                Iam.Allow("ReadWriteOwnFiles", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                    V.Concat(files.BucketArn, "/*")),
                Iam.Allow("UseFilesKey", ["kms:Decrypt", "kms:GenerateDataKey"], files.KeyArn)))),
            "least privilege: only its own bucket and files key (FSBP IAM.1, IAM.21)");
        ServiceAccount(c, cluster, "mattermostServiceAccount", MattermostResource.InstallationName, FilesRole,
            "the pods' identity; fileStore.external.useServiceAccount makes the operator use it and check its role annotation");

        // Database credentials: External Secrets reads the RDS-managed secret with this account's role and
        // renders the operator's connection strings; the password never passes through config or the program.
        Irsa.Role(c, bp, DatabaseReaderRole, cluster.OidcProvider, Namespace, DatabaseReaderServiceAccount, "External Secrets reads the database credentials");
        c.Add("databaseSecretReaderPolicy", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref(DatabaseReaderRole, "id")),
            ("policy", Iam.Document(
                Iam.Allow("ReadOwnDatabaseSecret", ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], db.SecretArn),
                Iam.Allow("DecryptOwnDatabaseSecret", ["kms:Decrypt"], db.KeyArn)))),
            "read only the RDS-managed secret of this stack's database, and decrypt it");
        ServiceAccount(c, cluster, "databaseSecretReaderServiceAccount", DatabaseReaderServiceAccount, DatabaseReaderRole,
            "identity External Secrets borrows (token request) to read the database secret; no pod runs as it");
        c.Add(CredentialsSync, KubernetesTypes.ConfigGroup, V.Map(
            ("objs", V.List(DatabaseSecretStore(s.Region), DatabaseExternalSecret(db)))),
            "the SecretStore and ExternalSecret (custom resources, so declared through a ConfigGroup): every 5 minutes the RDS-managed secret becomes the Secret " +
            $"'{DatabaseSecret}' with DB_CONNECTION_STRING for the writer and MM_SQLSETTINGS_DATASOURCEREPLICAS for the {db.ReaderEndpoints.Count} reader(s); a rotation updates it and Reloader rolls the pods",
            cluster.OnCluster(ClusterAddons.ExternalSecrets, "databaseSecretReaderServiceAccount", NamespaceNode));

        string? license = null;
        if (s.LicenseKey is { } key)
        {
            license = LicenseSecret;
            c.Add("mattermostLicense", KubernetesTypes.Secret, V.Map(
                ("metadata", V.Map(("name", LicenseSecret), ("namespace", Namespace))),
                ("type", "Opaque"),
                ("stringData", V.Map(("license", V.Secret(V.Config(key.Key)))))),
                $"the Enterprise licence from the stack's secret {key.Key}, mounted by the operator (spec.licenseSecret); stays encrypted in the Pulumi state",
                cluster.OnCluster(NamespaceNode));
        }

        var appSecrets = MattermostAppSecretSync.Build(c, bp, cluster, MattermostAppSecrets.Build(c, bp));
        var policies = MattermostNetworkPolicies.Build(c, bp, cluster, searchEndpoint is not null);

        var resource = MattermostResource.Build(bp, k, new MattermostResourceInputs(
            files.BucketName, V.Ref(net.LoadBalancerSecurityGroup, "id"), searchEndpoint, DatabaseSecret, license));
        var dependsOn = new List<string> { ClusterAddons.Operator, ClusterAddons.LoadBalancerController, CredentialsSync, "mattermostServiceAccount" };
        if (license is not null) dependsOn.Add("mattermostLicense");
        if (appSecrets is not null) dependsOn.Add(appSecrets);
        dependsOn.AddRange(policies);
        c.Add(Installation, KubernetesTypes.ConfigGroup, V.Map(
            ("objs", V.List(resource))),
            $"the operator's Mattermost resource ({MattermostResource.ApiVersion}): {k.Replicas} x {k.PodCpuRequestMillicores}m / {k.PodMemoryMiB} MiB spread over zones and nodes, " +
            "external database from the synced secret, S3 through IRSA, an internet-facing ALB with the stack's ACM certificate (TLS 1.2/1.3) and security group; " +
            "created only after the network policies, so no pod ever runs unfenced; Pulumi waits until the operator reports it stable",
            cluster.OnCluster([.. dependsOn]));

        if (k.MaxUnavailable > 0)
            c.Add(DisruptionBudget, KubernetesTypes.PodDisruptionBudget, V.Map(
                ("metadata", V.Map(("name", "mattermost"), ("namespace", Namespace))),
                ("spec", V.Map(
                    ("maxUnavailable", k.MaxUnavailable),
                    ("selector", V.Map(("matchLabels", MattermostResource.AppPodSelector))),
                    ("unhealthyPodEvictionPolicy", "AlwaysAllow")))),
                $"node drains and node group updates evict at most {k.MaxUnavailable} of {k.Replicas} pods at a time, keeping {k.MinAvailableDuringDrains}; " +
                "pods that are not ready may always be evicted, so a broken pod never blocks a drain (security-baseline.md §4.4)",
                cluster.OnCluster(NamespaceNode));
    }

    private static void ServiceAccount(ComponentScope c, EksClusterRefs cluster, string node, string name, string role, string reason) =>
        c.Add(node, KubernetesTypes.ServiceAccount, V.Map(
            ("metadata", V.Map(
                ("name", name),
                ("namespace", Namespace),
                ("annotations", V.Map(("eks.amazonaws.com/role-arn", V.Ref(role, "arn")))))),
            ("automountServiceAccountToken", false)),
            reason + "; no Kubernetes API token is mounted (only the IAM web identity token)",
            cluster.OnCluster(NamespaceNode));

    private static MapValue DatabaseSecretStore(string region) => V.Map(
        ("apiVersion", "external-secrets.io/v1"),
        ("kind", "SecretStore"),
        ("metadata", V.Map(("name", "aws-secrets-manager"), ("namespace", Namespace))),
        ("spec", V.Map(("provider", V.Map(("aws", V.Map(
            ("service", "SecretsManager"),
            ("region", region),
            ("auth", V.Map(("jwt", V.Map(("serviceAccountRef", V.Map(("name", DatabaseReaderServiceAccount))))))))))))));

    /// <summary>
    /// The connection strings as an External Secrets template: the user and password come from the secret,
    /// URL-escaped; the hosts from the database's outputs. TLS is required (rds.force_ssl=1).
    /// </summary>
    private static MapValue DatabaseExternalSecret(DatabaseRefs db)
    {
        static Value Dsn(Value host) => V.Concat(
            "postgres://{{ .username | urlquery }}:{{ .password | urlquery }}@", host, ":5432/mattermost?sslmode=require&connect_timeout=10");
        var data = V.Map(("DB_CONNECTION_STRING", Dsn(db.WriterEndpoint)));
        if (db.ReaderEndpoints.Count > 0)
        {
            var parts = new List<Value>();
            for (var i = 0; i < db.ReaderEndpoints.Count; i++)
            {
                if (i > 0) parts.Add(" "); // Mattermost splits a list variable on single spaces, not commas (server/config/environment.go)
                parts.Add(Dsn(db.ReaderEndpoints[i]));
            }
            data = data.With("MM_SQLSETTINGS_DATASOURCEREPLICAS", V.Concat([.. parts]));
        }
        return V.Map(
            ("apiVersion", "external-secrets.io/v1"),
            ("kind", "ExternalSecret"),
            ("metadata", V.Map(("name", DatabaseSecret), ("namespace", Namespace))),
            ("spec", V.Map(
                ("refreshInterval", "5m"),
                ("secretStoreRef", V.Map(("name", "aws-secrets-manager"), ("kind", "SecretStore"))),
                ("target", V.Map(
                    ("name", DatabaseSecret),
                    ("creationPolicy", "Owner"),
                    ("template", V.Map(
                        ("engineVersion", "v2"),
                        ("data", data))))),
                ("dataFrom", V.List(V.Map(("extract", V.Map(("key", db.SecretArn)))))))));
    }
}
