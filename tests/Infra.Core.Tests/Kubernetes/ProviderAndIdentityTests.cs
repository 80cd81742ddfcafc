using System.Text.Json;
using Infra.Core.Components;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

public class ProviderAndIdentityTests
{
    /// <summary>Kubernetes resources that do not name the cluster's provider (they would use an ambient kubeconfig).</summary>
    private static IEnumerable<string> OffCluster(ResourceGraph g) =>
        g.Resources.Where(n => n.Package == "kubernetes" && n.Options.Provider != EksClusterComponent.Provider).Select(n => n.Name);

    [Theory]
    [MemberData(nameof(MattermostResourceTests.Plans), MemberType = typeof(MattermostResourceTests))]
    public void Every_kubernetes_resource_uses_the_clusters_provider(int plan)
    {
        var g = KubernetesPlans.All().ElementAt(plan).Graph;
        Assert.Contains(g.Resources, n => n.Package == "kubernetes");
        Assert.Empty(OffCluster(g));
        var provider = Assert.Single(g.Nodes, n => n.IsProvider);
        Assert.Equal(EksClusterComponent.Provider, provider.Name);
        Assert.Equal(KubernetesTypes.Provider, provider.Type);
    }

    [Fact]
    public void A_resource_without_the_provider_is_caught()
    {
        var g = Repo.Plan("production").Graph;
        var ns = g[MattermostInstallation.NamespaceNode];
        var broken = g.With(ns with { Options = ns.Options with { Provider = null } });
        Assert.Equal([MattermostInstallation.NamespaceNode], OffCluster(broken));
        var wrong = g.With(ns with { Options = ns.Options with { Provider = "eksCluster" } });
        Assert.Contains(GraphValidator.Problems(wrong), p => p.Contains("is not a provider node"));
    }

    [Fact]
    public void The_provider_is_built_from_the_new_clusters_outputs()
    {
        var g = Repo.Plan("production").Graph;
        var kubeconfig = Assert.IsType<FunctionValue>(g[EksClusterComponent.Provider].Properties["kubeconfig"]);
        Assert.Equal(FunctionValue.ToJson, kubeconfig.Function);
        var refs = kubeconfig.References().Select(r => r.Expression).ToHashSet();
        Assert.Equal(new HashSet<string> { "${eksCluster.endpoint}", "${eksCluster.certificateAuthority.data}", "${eksCluster.name}" }, refs);
        Assert.Contains("get-token", Flatten(kubeconfig.Argument));
        // It waits for the nodes and DNS, so that Helm releases find somewhere to run.
        var dependsOn = g[EksClusterComponent.Provider].Options.DependsOn;
        Assert.Contains("eksAddonCoreDns", dependsOn);
        Assert.All(g.OfType(AwsTypes.EksNodeGroup), n => Assert.Contains(n.Name, dependsOn));
        var output = Assert.Single(g.Outputs, o => o.Name == "kubeconfig");
        Assert.True(output.Secret);
    }

    private static IEnumerable<string> Flatten(Value v) => v switch
    {
        StringValue s => [s.Text],
        ListValue l => l.Items.SelectMany(Flatten),
        MapValue m => m.Entries.Values.SelectMany(Flatten),
        _ => [],
    };

    /// <summary>Evaluates the string functions and references of a value, as Pulumi would at deployment time.</summary>
    private static string Evaluate(Value v, Func<RefValue, string> outputs) => v switch
    {
        StringValue s => s.Text,
        RefValue r => outputs(r),
        InterpolationValue i => string.Concat(i.Parts.Select(p => Evaluate(p, outputs))),
        FunctionValue { Function: FunctionValue.Join, Argument: ListValue { Items: [StringValue sep, ListValue parts] } } =>
            string.Join(sep.Text, parts.Items.Select(p => Evaluate(p, outputs))),
        FunctionValue { Function: FunctionValue.Select, Argument: ListValue { Items: [NumberValue index, FunctionValue { Function: FunctionValue.Split, Argument: ListValue { Items: [StringValue sep, var text] } }] } } =>
            Evaluate(text, outputs).Split(sep.Text)[(int)index.Number],
        _ => throw new InvalidOperationException($"cannot evaluate {v}"),
    };

    [Theory]
    [InlineData(MattermostInstallation.FilesRole, "mattermost", "mattermost")]
    [InlineData(MattermostInstallation.DatabaseReaderRole, "mattermost", MattermostInstallation.DatabaseReaderServiceAccount)]
    [InlineData("loadBalancerControllerRole", "kube-system", ClusterAddons.LoadBalancerControllerServiceAccount)]
    [InlineData("vpcCniRole", "kube-system", "aws-node")]
    public void Each_irsa_role_trusts_exactly_one_service_account_of_this_cluster(string role, string ns, string serviceAccount)
    {
        var g = Repo.Plan("production").Graph;
        const string host = "oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF";
        const string arn = "arn:aws:iam::111122223333:oidc-provider/" + host;
        var policy = Evaluate(g[role].Properties["assumeRolePolicy"]!, r =>
            r.Resource == EksClusterComponent.OidcProvider && r.Path == "arn" ? arn : throw new InvalidOperationException(r.Expression));
        using var doc = JsonDocument.Parse(policy);
        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal(arn, statement.GetProperty("Principal").GetProperty("Federated").GetString());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.GetProperty("Action").GetString());
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal($"system:serviceaccount:{ns}:{serviceAccount}", equals.GetProperty(host + ":sub").GetString());
        Assert.Equal("sts.amazonaws.com", equals.GetProperty(host + ":aud").GetString());
        // The service account that pods run as carries the role (the load balancer controller's chart creates its own).
        if (ns == MattermostInstallation.Namespace)
            Assert.Contains(g.OfType(KubernetesTypes.ServiceAccount), sa =>
                ((MapValue)((MapValue)sa.Properties["metadata"]!)["annotations"]!)["eks.amazonaws.com/role-arn"] == V.Ref(role, "arn")
                && ((MapValue)sa.Properties["metadata"]!)["name"] == new StringValue(serviceAccount));
    }

    [Fact]
    public void Pod_roles_reach_only_their_own_bucket_key_and_secret()
    {
        var g = Repo.Plan("production").Graph;
        var files = g["mattermostFilesPolicy"].Properties["policy"]!.References().Select(r => r.Resource).ToHashSet();
        Assert.Equal(new HashSet<string> { FileStorageComponent.Bucket, FileStorageComponent.Key }, files);
        var db = g["databaseSecretReaderPolicy"].Properties["policy"]!.References().Select(r => r.Resource).ToHashSet();
        // The app's own credentials, never the cluster's master secret.
        Assert.Equal(new HashSet<string> { Infra.Core.Components.Database.CredentialBootstrap.AppSecret, DatabaseComponent.Key }, db);
    }

    [Fact]
    public void The_cluster_encrypts_secrets_logs_the_control_plane_and_keeps_the_api_private()
    {
        var c = Repo.Plan("production").Graph[EksClusterComponent.Cluster].Properties;
        var enc = (MapValue)c["encryptionConfig"]!;
        Assert.Equal(V.Strings(["secrets"]), enc["resources"]);
        Assert.Equal(V.Ref(EksClusterComponent.SecretsKey, "arn"), ((MapValue)enc["provider"]!)["keyArn"]);
        Assert.Equal(V.Strings(EksClusterComponent.ControlPlaneLogTypes), c["enabledClusterLogTypes"]);
        Assert.Equal(new StringValue("1.35"), c["version"]);
        var vpc = (MapValue)c["vpcConfig"]!;
        Assert.All(((ListValue)vpc["subnetIds"]!).Items, s => Assert.StartsWith("privateSubnet", ((RefValue)s).Resource));
        Assert.Equal(new BoolValue(false), vpc["endpointPublicAccess"]);
        var oidc = Repo.Plan("production").Graph[EksClusterComponent.OidcProvider].Properties;
        Assert.Equal(V.Ref(EksClusterComponent.Cluster, "identities[0].oidcs[0].issuer"), oidc["url"]);
    }

    [Theory]
    [MemberData(nameof(MattermostResourceTests.Plans), MemberType = typeof(MattermostResourceTests))]
    public void Every_chart_is_pinned_and_every_namespace_is_restricted(int plan)
    {
        var g = KubernetesPlans.All().ElementAt(plan).Graph;
        var releases = g.OfType(KubernetesTypes.HelmRelease).ToList();
        Assert.Equal(HelmCharts.All.Count, releases.Count);
        foreach (var r in releases)
        {
            var chart = HelmCharts.All.Single(c => r.Properties["chart"] == new StringValue(c.Name));
            Assert.Equal(new StringValue(chart.Version), r.Properties["version"]);
            Assert.Matches(@"^\d+\.\d+\.\d+$", chart.Version);
        }
        Assert.All(g.OfType(KubernetesTypes.Namespace), ns =>
            Assert.Equal(new StringValue("restricted"), ((MapValue)((MapValue)ns.Properties["metadata"]!)["labels"]!)["pod-security.kubernetes.io/enforce"]));
    }
}
