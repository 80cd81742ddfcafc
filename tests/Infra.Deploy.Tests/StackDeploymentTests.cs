using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Deploy.Resources;
using Infra.Deploy.Tests.Support;
using Pulumi;

namespace Infra.Deploy.Tests;

/// <summary>Each stack deployed by the real program against mocks: what is registered must be exactly the planned graph.</summary>
public class StackDeploymentTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Registered_types_and_names_equal_the_graph(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        var registered = d.Mocks.Registered.Select(r => $"{r.Type}::{r.Name}").Order(StringComparer.Ordinal).ToList();
        var planned = d.Graph.Nodes.Select(n => $"{n.Type}::{n.Name}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(planned, registered);
        Assert.Equal(d.Graph.Components.Count(), d.Resources.OfType<GraphComponent>().Count());
        // Providers and provider-implemented components (the Kubernetes tier's) are registered as such.
        Assert.Equal(d.Graph.Resources.Count(n => !n.IsProvider && !n.IsProviderComponent()), d.Resources.OfType<GraphResource>().Count());
        Assert.Equal(d.Graph.Resources.Count(n => n.IsProvider), d.Resources.OfType<GraphProvider>().Count());
        Assert.Equal(d.Graph.Resources.Count(n => n.IsProviderComponent()), d.Resources.OfType<GraphProviderComponent>().Count());
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Every_child_has_its_component_as_parent_and_components_sit_under_the_stack(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        Assert.Equal(
            d.Graph.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal),
            d.Recorder.ByName.Values.Where(r => r.Type != "pulumi:pulumi:Stack").Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var node in d.Graph.Nodes)
        {
            var parent = d.Recorder.ByName[node.Name].Options.Parent;
            if (node.IsComponent)
            {
                Assert.Null(parent); // the SDK then parents it to the stack
                continue;
            }
            Assert.NotNull(parent);
            Assert.Equal(node.Options.Parent, parent.GetResourceName());
            Assert.Same(d.Recorder.ByName[node.Options.Parent!].Resource, parent);
            Assert.IsType<GraphComponent>(parent);
            Assert.Equal(d.Graph[node.Options.Parent!].Type, parent.GetResourceType());
        }
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Inputs_equal_the_graph_properties_with_references_resolved(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        foreach (var node in d.Graph.Nodes) // components included: they register no inputs, and the graph gives them none
            Expected.Matches(Expected.Inputs(node.Properties), d.Mocks.Of(node.Name).Inputs, node.Name);
        // The check is not vacuous: references, JSON documents and base64 user data went through it.
        var values = d.Graph.Resources.SelectMany(n => n.Properties.Entries.Values).ToList();
        Assert.Contains(values, v => v is RefValue);
        Assert.Contains(values, v => v is FunctionValue { Function: FunctionValue.ToJson });
        if (d.Graph.OfType(AwsTypes.LaunchTemplate).Any(n => n.Properties["userData"] is not null)) // the VM tier's boot script
            Assert.Contains(values, v => v is FunctionValue { Function: FunctionValue.ToBase64 });
        Assert.Contains(values, v => v is FunctionValue { Function: FunctionValue.AssetArchive }); // the bootstrap function's code
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Kubernetes_objects_are_registered_with_the_apiVersion_and_kind_the_provider_needs(string stack)
    {
        // pulumi-kubernetes builds the API request from the registered inputs alone: without apiVersion and kind
        // the create fails. The expected values are the provider schema's consts, not the program's derivation.
        var d = await TestDeployment.Stack(stack);

        var kubernetes = d.Mocks.Registered.Where(r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.All(kubernetes, r => Assert.True(KubernetesSchema.Objects.ContainsKey(r.Type!) || KubernetesSchema.WithoutApiVersionKind.Contains(r.Type!),
            $"{r.Name}: {r.Type} is not in tests/Infra.Core.Tests/Data/kubernetes-object-types.json"));
        var objects = kubernetes.Where(r => KubernetesSchema.Objects.ContainsKey(r.Type!)).ToList();
        // The licence Secret too: these stacks are deployed with the licence they need (TestDeployment.Stack).
        Assert.Equal(["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "kubernetes:core/v1:ServiceAccount", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:policy/v1:PodDisruptionBudget"],
            objects.Select(r => r.Type!).Distinct().Order(StringComparer.Ordinal));
        foreach (var r in objects)
        {
            var (apiVersion, kind) = KubernetesSchema.Objects[r.Type!];
            Assert.True(r.Inputs.TryGetValue("apiVersion", out var sentVersion) && Equals(sentVersion, apiVersion), $"{r.Name}: apiVersion '{apiVersion}' expected, sent '{sentVersion}'");
            Assert.True(r.Inputs.TryGetValue("kind", out var sentKind) && Equals(sentKind, kind), $"{r.Name}: kind '{kind}' expected, sent '{sentKind}'");
        }
        Assert.All(kubernetes.Where(r => KubernetesSchema.WithoutApiVersionKind.Contains(r.Type!)),
            r => Assert.False(r.Inputs.ContainsKey("apiVersion") || r.Inputs.ContainsKey("kind"), $"{r.Name}: {r.Type} takes no apiVersion/kind"));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Options_are_the_graph_options_with_the_pinned_provider_version(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        foreach (var node in d.Graph.Nodes)
        {
            var o = d.Recorder.ByName[node.Name].Options;
            Assert.True(node.Options.Protect == (o.Protect ?? false), $"{node.Name}: protect");
            Assert.True(node.Options.RetainOnDelete == (o.RetainOnDelete ?? false), $"{node.Name}: retainOnDelete");
            Assert.Equal(node.Options.IgnoreChanges, o.IgnoreChanges);
            var dependsOn = await o.DependsOn.ToOutput().ValueAsync();
            Assert.Equal(node.Options.DependsOn, dependsOn.Select(r => r.GetResourceName()));
            Assert.Equal(node.IsComponent ? null : ProviderPins.VersionFor(node.Type), o.Version);
        }
        Assert.Contains(d.Graph.Nodes, n => n.Options.DependsOn.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Stateful_resources_are_protected_in_production_only(string stack)
    {
        var d = await TestDeployment.Stack(stack);
        string[] stateful = [AwsTypes.DbCluster, AwsTypes.DbClusterInstance, AwsTypes.Bucket, AwsTypes.KmsKey];

        var registrations = d.Graph.Resources.Where(n => stateful.Contains(n.Type)).Select(n => d.Recorder.ByName[n.Name]).ToList();
        Assert.Equal(stateful.Order(), registrations.Select(r => r.Type).Distinct().Order());
        Assert.All(registrations, r => Assert.True(r.Options.Protect == (stack == "production"), $"{r.Name}: protect is {r.Options.Protect}"));
        Assert.All(registrations, r => Assert.True(r.Options.RetainOnDelete == (stack == "production"), $"{r.Name}: retainOnDelete is {r.Options.RetainOnDelete}"));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Stack_outputs_are_set_to_the_graph_outputs_and_secrets_stay_secret(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        Assert.Equal(d.Graph.Outputs.Select(o => o.Name).Order(), d.Outputs.Keys.Order());
        string[] required = d.Graph.Find("eksCluster") is null
            ? ["siteUrl", "loadBalancerDnsName", "databaseEndpoint", "filesBucketName"]
            : ["siteUrl", "clusterName", "kubeconfig", "loadBalancerName", "databaseEndpoint", "filesBucketName"];
        Assert.All(required, name => Assert.Contains(name, d.Outputs.Keys));
        Assert.DoesNotContain(d.Outputs.Keys, k => k.Contains("password", StringComparison.OrdinalIgnoreCase));
        foreach (var o in d.Graph.Outputs)
        {
            var output = Assert.IsType<Output<object?>>(d.Outputs[o.Name]);
            Expected.Matches(Expected.Of(o.Value), await output.ValueAsync(), $"output {o.Name}");
            Assert.Equal(o.Secret, await Output.IsSecretAsync(output));
        }
        Assert.Equal($"https://{Repo.Plan(stack).Settings.DomainName}", await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public async Task Each_lookup_is_invoked_once(string stack)
    {
        var d = await TestDeployment.Stack(stack);

        Assert.Equal(d.Graph.Lookups.Select(l => l.Function).Order(), d.Mocks.Calls.Select(c => c.Token!).Order());
    }

    [Fact]
    public async Task The_stack_outputs_reach_the_engine_through_the_program_entry_point()
    {
        var graph = Repo.Plan("pilot").Graph;
        var (resources, outputs) = await Deployment.TestAsync(new GraphMocks(graph), TestDeployment.Options("pilot"), MattermostProgram.Run);

        Assert.Equal(graph.Outputs.Select(o => o.Name).Order(), outputs.Keys.Order());
        Assert.Equal(graph.Nodes.Length, resources.Count(r => r is IGraphResource));
    }
}
