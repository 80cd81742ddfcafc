using Infra.Core.Components;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

public class MattermostResourceTests
{
    private static MapValue Resource(StackPlan plan) => KubernetesPlans.Object(plan.Graph, MattermostInstallation.Installation, MattermostResource.Kind);

    private static MapValue Spec(StackPlan plan) => (MapValue)Resource(plan)["spec"]!;

    private static Value? At(MapValue map, string path)
    {
        Value? v = map;
        foreach (var part in path.Split('.'))
            v = (v as MapValue)?[part];
        return v;
    }

    /// <summary>Every field the spec sets, as CRD paths, with the value found there.</summary>
    private static IEnumerable<(string Path, Value Value)> Fields(Value value, string path)
    {
        yield return (path, value);
        switch (value)
        {
            case MapValue m when MattermostCrd.Find(path)?.Type != CrdType.Map:
                foreach (var (k, v) in m.Entries)
                    foreach (var f in Fields(v, path + "." + k)) yield return f;
                break;
            case ListValue l:
                foreach (var item in l.Items)
                    foreach (var f in Fields(item, path + "[]")) yield return f;
                break;
        }
    }

    private static bool Fits(CrdType type, Value v) => (type, v) switch
    {
        (CrdType.String, StringValue or RefValue or InterpolationValue or ConfigValue) => true,
        (CrdType.Integer, NumberValue n) => n.Number == decimal.Truncate(n.Number),
        (CrdType.Boolean, BoolValue) => true,
        (CrdType.Array, ListValue) => true,
        (CrdType.Object or CrdType.Map, MapValue) => true,
        (CrdType.IntOrString, NumberValue or StringValue) => true,
        _ => false,
    };

    public static IEnumerable<object[]> Plans => KubernetesPlans.All().Select((p, i) => new object[] { i });

    private static StackPlan PlanAt(int i) => KubernetesPlans.All().ElementAt(i);

    [Theory]
    [MemberData(nameof(Plans))]
    public void Every_field_of_the_spec_is_in_the_crd_with_its_type_and_required_fields(int plan)
    {
        var spec = Spec(PlanAt(plan));
        foreach (var (path, value) in Fields(spec, "spec").Skip(1))
        {
            var field = MattermostCrd.Find(path);
            Assert.True(field is not null, $"{path} is not a field of {MattermostCrd.Source}");
            Assert.True(Fits(field!.Type, value), $"{path} is {field.Type} in the CRD, but the spec gives {value}");
            if (field.Required is { } required && value is MapValue m)
                Assert.All(required, r => Assert.True(m[r] is not null, $"{path} lacks its required field {r}"));
        }
    }

    [Fact]
    public void The_crd_data_names_its_version_and_the_chart_it_came_from()
    {
        Assert.Contains(HelmCharts.MattermostOperator.Version, MattermostCrd.Source);
        Assert.Contains($"{MattermostCrd.Group}/{MattermostCrd.Version}", MattermostCrd.Source);
        Assert.Equal($"{MattermostCrd.Group}/{MattermostCrd.Version}", MattermostResource.ApiVersion);
        Assert.Equal(MattermostCrd.Fields.Count, MattermostCrd.Fields.Select(f => f.Path).Distinct().Count());
        // Fields newer than the chart's operator must not creep in: the cluster would prune them silently.
        Assert.Null(MattermostCrd.Find("spec.database.readinessCheck"));
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_resource_is_the_operators_kind_declared_through_a_config_group(int plan)
    {
        var p = PlanAt(plan);
        var r = Resource(p);
        Assert.Equal(new StringValue(MattermostResource.ApiVersion), r["apiVersion"]);
        Assert.Equal(new StringValue(MattermostResource.InstallationName), At(r, "metadata.name"));
        Assert.Equal(new StringValue(MattermostInstallation.Namespace), At(r, "metadata.namespace"));
        Assert.Equal(new StringValue("jsonpath={.status.state}=stable"), At(r, "metadata.annotations")!.As<MapValue>()["pulumi.com/waitFor"]);
        Assert.Equal(KubernetesTypes.ConfigGroup, p.Graph[MattermostInstallation.Installation].Type);
        // Pulumi YAML cannot name custom resource types, the SDK-side overlays or the v1 config group.
        Assert.DoesNotContain(p.Graph.Nodes, n => n.Type.Contains("installation.mattermost.com", StringComparison.Ordinal)
            || n.Type is "kubernetes:apiextensions.k8s.io:CustomResource" or "kubernetes:helm.sh/v3:Chart" or "kubernetes:yaml:ConfigGroup");
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_spec_carries_the_sizing_and_the_stack_settings(int plan)
    {
        var p = PlanAt(plan);
        var spec = Spec(p);
        var k = p.Blueprint.Sizing.Kubernetes!;
        var s = p.Settings;
        Assert.Equal(new NumberValue(k.Replicas), spec["replicas"]);
        Assert.Equal(new StringValue(s.MattermostVersion), spec["version"]);
        Assert.Equal(V.Map(("cpu", $"{k.PodCpuRequestMillicores}m"), ("memory", $"{k.PodMemoryMiB}Mi")), At(spec, "scheduling.resources.requests"));
        Assert.Equal(V.Map(("cpu", $"{k.PodCpuLimitMillicores}m"), ("memory", $"{k.PodMemoryMiB}Mi")), At(spec, "scheduling.resources.limits"));
        var env = ((ListValue)spec["mattermostEnv"]!).Items.Cast<MapValue>().ToDictionary(e => ((StringValue)e["name"]!).Text, e => e["value"]);
        Assert.Equal(new StringValue(s.SiteUrl), env["MM_SERVICESETTINGS_SITEURL"]);
        Assert.Equal(new StringValue("8074"), env["MM_CLUSTERSETTINGS_GOSSIPPORT"]);
        Assert.Equal(env.Count, ((ListValue)spec["mattermostEnv"]!).Items.Length); // each setting once

        var alb = (MapValue)spec["awsLoadBalancerController"]!;
        Assert.Equal(new BoolValue(true), alb["enabled"]);
        Assert.Equal(new StringValue(s.CertificateArn), alb["certificateARN"]);
        Assert.Equal(V.List(V.Map(("hostName", s.DomainName))), alb["hosts"]);
        var annotations = (MapValue)alb["annotations"]!;
        Assert.Equal(V.Ref(NetworkComponent.LoadBalancerSg, "id"), annotations["alb.ingress.kubernetes.io/security-groups"]);
        Assert.Equal(new StringValue(VmAppTierComponent.TlsPolicy), annotations["alb.ingress.kubernetes.io/ssl-policy"]);
        Assert.Equal(new StringValue("ip"), annotations["alb.ingress.kubernetes.io/target-type"]);
        Assert.Equal(new StringValue("/api/v4/system/ping"), annotations["alb.ingress.kubernetes.io/healthcheck-path"]);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Files_use_the_service_account_role_and_the_database_the_synced_secret(int plan)
    {
        var p = PlanAt(plan);
        var g = p.Graph;
        var spec = Spec(p);
        var fileStore = (MapValue)At(spec, "fileStore.external")!;
        Assert.Equal(new BoolValue(true), fileStore["useServiceAccount"]);
        Assert.Null(fileStore["secret"]); // no static keys
        Assert.Equal(V.Ref(FileStorageComponent.Bucket, "bucket"), fileStore["bucket"]);
        // The operator runs the pods as the account named after the installation, and requires its role annotation.
        var sa = g.OfType(KubernetesTypes.ServiceAccount).Single(n => At(n.Properties, "metadata.name") == new StringValue(MattermostResource.InstallationName));
        Assert.Equal(V.Ref(MattermostInstallation.FilesRole, "arn"), ((MapValue)At(sa.Properties, "metadata.annotations")!)["eks.amazonaws.com/role-arn"]);

        var dbSecret = At(spec, "database.external.secret");
        var externalSecret = KubernetesPlans.Object(g, MattermostInstallation.CredentialsSync, "ExternalSecret");
        Assert.Equal(dbSecret, At(externalSecret, "spec.target.name"));
        var data = (MapValue)At(externalSecret, "spec.target.template.data")!;
        // The writer is the secret's own host (the cluster endpoint the bootstrap wrote, which the rotation checks);
        // each reader is its instance endpoint. Both verify the server against the mounted RDS CAs.
        var writer = Assert.IsType<StringValue>(data["DB_CONNECTION_STRING"]).Text;
        Assert.Contains("@{{ .host }}:{{ .port }}/{{ .dbname }}?sslmode=verify-full&sslrootcert=/etc/mattermost-rds-ca/rds-ca.pem", writer);
        var readers = data["MM_SQLSETTINGS_DATASOURCEREPLICAS"];
        Assert.Equal(p.Blueprint.Sizing.Database.Readers > 0, readers is not null);
        if (readers is not null)
            Assert.Equal(Enumerable.Range(1, p.Blueprint.Sizing.Database.Readers).Select(i => $"databaseReader{i}"), readers.References().Select(r => r.Resource));
        Assert.Equal(V.Ref(Infra.Core.Components.Database.CredentialBootstrap.AppSecret, "arn"),
            ((MapValue)((ListValue)At(externalSecret, "spec.dataFrom")!).Items[0])["extract"]!.As<MapValue>()["key"]);
        var store = KubernetesPlans.Object(g, MattermostInstallation.CredentialsSync, "SecretStore");
        Assert.Equal(new StringValue(MattermostInstallation.DatabaseReaderServiceAccount), At(store, "spec.provider.aws.auth.jwt.serviceAccountRef.name"));
    }

    [Fact]
    public void The_licence_goes_to_a_secret_the_resource_names_and_only_when_configured()
    {
        var licensed = KubernetesPlans.Licensed();
        Assert.Equal(new StringValue(MattermostInstallation.LicenseSecret), Spec(licensed)["licenseSecret"]);
        var secret = licensed.Graph["mattermostLicense"];
        Assert.Equal(V.Secret(V.Config("mattermost:licenseKey")), At(secret.Properties, "stringData.license"));
        Assert.Contains("mattermostLicense", licensed.Graph[MattermostInstallation.Installation].Options.DependsOn);
        var yaml = new Infra.Core.Rendering.PulumiYamlRenderer().Render(licensed.Graph, licensed.Settings.ProjectName);
        Assert.Contains("fn::secret: \"${mattermost:licenseKey}\"", yaml);
        // Declared for Pulumi YAML, under the block that takes a key of another namespace as it is.
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)LoadYaml(yaml);
        var declared = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["configuration"])["mattermost:licenseKey"];
        Assert.Equal("true", ((YamlDotNet.RepresentationModel.YamlScalarNode)declared["secret"]).Value);
        Assert.DoesNotContain("configuration:", new Infra.Core.Rendering.PulumiYamlRenderer().Render(Repo.Plan("production").Graph, "p"));

        var unlicensed = Repo.Plan("production");
        Assert.Null(Spec(unlicensed)["licenseSecret"]);
        Assert.Null(unlicensed.Graph.Find("mattermostLicense"));
    }

    private static YamlDotNet.RepresentationModel.YamlNode LoadYaml(string text)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    [Fact]
    public void Search_is_wired_only_when_the_stack_has_it()
    {
        var withSearch = Repo.Plan("staging");
        Assert.True(withSearch.Blueprint.Sizing.Search.Enabled);
        Assert.Equal(V.Concat("https://", V.Ref(SearchComponent.Domain, "endpoint")), At(Spec(withSearch), "elasticSearch.host"));
        Assert.Null(Spec(KubernetesPlans.WithoutSearch())["elasticSearch"]);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Pods_meet_the_restricted_pod_security_standard(int plan)
    {
        var p = PlanAt(plan);
        var spec = Spec(p);
        var pod = (MapValue)At(spec, "podTemplate.securityContext")!;
        var container = (MapValue)At(spec, "podTemplate.containerSecurityContext")!;
        Assert.Equal(new BoolValue(true), pod["runAsNonRoot"]);
        Assert.Equal(new StringValue("RuntimeDefault"), At(pod, "seccompProfile.type"));
        Assert.Equal(new BoolValue(false), container["allowPrivilegeEscalation"]);
        Assert.Equal(V.Strings(["ALL"]), At(container, "capabilities.drop"));
        var ns = p.Graph[MattermostInstallation.NamespaceNode];
        Assert.Equal(new StringValue("restricted"), ((MapValue)At(ns.Properties, "metadata.labels")!)["pod-security.kubernetes.io/enforce"]);
    }
}

internal static class ValueCasts
{
    public static T As<T>(this Value v) where T : Value => (T)v;
}
