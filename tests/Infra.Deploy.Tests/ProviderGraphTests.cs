using Infra.Core.Graph;
using Infra.Deploy.Resources;
using Infra.Deploy.Tests.Support;
using Pulumi;

namespace Infra.Deploy.Tests;

/// <summary>
/// A hand-made graph in the shape of the Kubernetes tier: an EKS cluster, a Kubernetes provider configured
/// from its outputs, resources and a provider-implemented component on that provider, a lookup, secrets,
/// JSON, base64 and interpolation. The program has no code for any of these types; it must register them
/// all from the graph alone.
/// </summary>
public class ProviderGraphTests
{
    private const string Provider = "kubernetesProvider";

    private static ResourceGraph Graph()
    {
        var g = new GraphBuilder("staging");
        var c = g.Component("mattermost", "mattermost:infra:MattermostCluster", "the app tier");
        g.Lookup("callerIdentity", "aws:index/getCallerIdentity:getCallerIdentity", MapValue.Empty, "account id");
        c.Add("eksCluster", "aws:eks/cluster:Cluster", V.Map(
            ("roleArn", "arn:aws:iam::111122223333:role/eks"),
            ("vpcConfig", V.Map(("subnetIds", V.Strings(["subnet-1", "subnet-2"])))),
            ("tags", V.Map(("owner", "platform")))),
            "the cluster", new NodeOptions { Protect = true, RetainOnDelete = true });
        c.Add(Provider, "pulumi:providers:kubernetes", V.Map(
            ("kubeconfig", V.Secret(Kubeconfig)),
            ("enableServerSideApply", true)),
            "targets the new cluster");
        var onCluster = new NodeOptions { Provider = Provider };
        c.Add("namespace", "kubernetes:core/v1:Namespace", V.Map(
            ("metadata", V.Map(("name", "mattermost"), ("labels", V.Map(("pod-security.kubernetes.io/enforce", "restricted")))))),
            "namespace", onCluster);
        c.Add("operator", "kubernetes:helm.sh/v3:Release", V.Map(
            ("chart", "mattermost-operator"),
            ("version", "1.22.0"),
            ("namespace", V.Ref("namespace", "metadata.name")),
            ("values", V.Map(
                ("replicas", 2),
                ("ratio", 0.5m),
                ("note", V.Base64(V.Concat("account ", V.Ref("callerIdentity", "accountId"), " cluster ", V.Ref("eksCluster", "name"))))))),
            "operator", onCluster with { DependsOn = ["namespace"], IgnoreChanges = ["values.note"] });
        c.Add("installation", "kubernetes:yaml/v2:ConfigGroup", V.Map(
            ("objs", V.List(V.Map(
                ("apiVersion", "installation.mattermost.com/v1beta1"),
                ("kind", "Mattermost"),
                ("metadata", V.Map(("name", "mattermost"), ("namespace", V.Ref("namespace", "metadata.name")))),
                ("spec", V.Map(("replicas", 3), ("ingress", V.Map(("enabled", true), ("host", "chat.example.com"))))))))),
            "the Mattermost resource", onCluster with { DependsOn = ["operator"] });
        g.Output("clusterName", V.Ref("eksCluster", "name"), "cluster");
        g.Output("kubeconfig", Kubeconfig, "kubeconfig", secret: true);
        g.Output("namespaceLabels", V.Map(("name", V.Secret(V.Ref("namespace", "metadata.name")))), "a secret inside a map");
        g.Output("caller", V.Concat("account-", V.Ref("callerIdentity", "accountId")), "lookup");
        return g.Build();
    }

    private static Value Kubeconfig
    {
        get
        {
            var cluster = V.Map(
                ("server", V.Ref("eksCluster", "endpoint")),
                ("certificate-authority-data", V.Ref("eksCluster", "certificateAuthority.data")));
            var exec = V.Map(("command", "aws"), ("args", V.List("eks", "get-token", "--cluster-name", V.Ref("eksCluster", "name"))));
            return V.Json(V.Map(
                ("apiVersion", "v1"),
                ("clusters", V.List(V.Map(("name", V.Ref("eksCluster", "name")), ("cluster", cluster)))),
                ("users", V.List(V.Map(("name", "aws"), ("user", V.Map(("exec", exec))))))));
        }
    }

    private static Task<DeployedStack> Run()
    {
        var graph = Graph();
        return TestDeployment.RunAsync(graph, () => GraphDeployment.Deploy(graph).Outputs, TestDeployment.Options("staging"));
    }

    [Fact]
    public async Task Every_node_is_registered_with_its_type_token_parent_and_inputs()
    {
        var d = await Run();

        Assert.Equal(
            d.Graph.Nodes.Select(n => $"{n.Type}::{n.Name}").Order(StringComparer.Ordinal),
            d.Mocks.Registered.Select(r => $"{r.Type}::{r.Name}").Order(StringComparer.Ordinal));
        foreach (var node in d.Graph.Resources)
        {
            Assert.Equal("mattermost", d.Recorder.ByName[node.Name].Options.Parent?.GetResourceName());
            Expected.Matches(Expected.Inputs(node.Properties), d.Mocks.Of(node.Name).Inputs, node.Name);
        }
    }

    [Fact]
    public async Task The_provider_is_built_from_the_cluster_outputs_and_targets_every_kubernetes_node()
    {
        var d = await Run();

        var provider = Assert.IsType<GraphProvider>(d.Recorder.ByName[Provider].Resource);
        Assert.Equal("pulumi:providers:kubernetes", provider.GetResourceType());
        Assert.Equal("4.34.2", d.Recorder.ByName[Provider].Options.Version);
        var kubeconfig = Assert.IsType<string>(d.Mocks.Of(Provider).Inputs["kubeconfig"]);
        Assert.Contains("\"server\":\"<eksCluster.endpoint>\"", kubeconfig);

        var providerUrn = await provider.Urn.ValueAsync();
        foreach (var node in d.Graph.Nodes.Where(n => n.Package == "kubernetes"))
        {
            var options = d.Recorder.ByName[node.Name].Options;
            Assert.Same(provider, options.Provider);
            Assert.Equal("4.34.2", options.Version);
        }
        foreach (var name in new[] { "namespace", "operator" })
            Assert.StartsWith(providerUrn + "::", d.Mocks.Of(name).Provider);
        Assert.Null(d.Recorder.ByName["eksCluster"].Options.Provider);
        Assert.Equal("7.48.0", d.Recorder.ByName["eksCluster"].Options.Version);
    }

    [Fact]
    public async Task A_provider_implemented_component_is_registered_as_a_remote_component()
    {
        var d = await Run();

        Assert.IsType<GraphProviderComponent>(d.Recorder.ByName["installation"].Resource);
        Assert.IsType<ComponentResourceOptions>(d.Recorder.ByName["installation"].Options);
        Assert.IsType<GraphResource>(d.Recorder.ByName["operator"].Resource);
        var dependsOn = await d.Recorder.ByName["installation"].Options.DependsOn.ToOutput().ValueAsync();
        Assert.Equal("operator", Assert.Single(dependsOn).GetResourceName());
    }

    [Fact]
    public async Task Options_carry_protection_retention_and_ignored_changes()
    {
        var d = await Run();

        Assert.True(d.Recorder.ByName["eksCluster"].Options.Protect);
        Assert.True(d.Recorder.ByName["eksCluster"].Options.RetainOnDelete);
        Assert.False(d.Recorder.ByName["namespace"].Options.Protect);
        Assert.Equal(["values.note"], d.Recorder.ByName["operator"].Options.IgnoreChanges);
    }

    [Fact]
    public async Task Secrets_stay_secret_in_outputs_and_other_outputs_do_not_become_secret()
    {
        var d = await Run();

        async Task<(object? Value, bool Secret)> Read(string name)
        {
            var output = (Output<object?>)d.Outputs[name]!;
            return (await output.ValueAsync(), await Output.IsSecretAsync(output));
        }
        var kubeconfig = await Read("kubeconfig");
        Assert.True(kubeconfig.Secret);
        Expected.Matches(Expected.Of(Kubeconfig), kubeconfig.Value, "kubeconfig");
        Assert.True((await Read("namespaceLabels")).Secret);
        Assert.Equal(("<eksCluster.name>", false), await Read("clusterName"));
        Assert.Equal(("account-<callerIdentity.accountId>", false), await Read("caller"));
        Assert.Equal("aws:index/getCallerIdentity:getCallerIdentity", Assert.Single(d.Mocks.Calls).Token);
    }
}
