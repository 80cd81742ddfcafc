using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

public class KubernetesSettingsTests
{
    private static StackSettings Load(string yaml, string stack = "staging")
    {
        using var p = new TempProject(yaml, stack);
        return new StackSettingsLoader(p.Directory).Load(stack);
    }

    private static IReadOnlyList<ConfigProblem> Problems(string yaml, string stack = "staging")
    {
        using var p = new TempProject(yaml, stack);
        return Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack)).Problems;
    }

    [Fact]
    public void Kubernetes_defaults_keep_the_api_private_on_a_supported_version()
    {
        var s = Load(TempProject.MinimalStack);
        Assert.Equal("1.35", s.KubernetesVersion);
        Assert.Empty(s.ClusterEndpointPublicCidrs);
        Assert.Empty(s.ClusterEndpointPrivateCidrs);
    }

    [Fact]
    public void Api_networks_and_version_are_read()
    {
        var s = Load(TempProject.With(
            "mattermost:kubernetesVersion: \"1.34\"",
            "mattermost:clusterEndpointPublicCidrs:",
            "  - 203.0.113.0/24",
            "mattermost:clusterEndpointPrivateCidrs:",
            "  - 10.99.0.0/16"));
        Assert.Equal("1.34", s.KubernetesVersion);
        Assert.Equal(new[] { "203.0.113.0/24" }, s.ClusterEndpointPublicCidrs);
        Assert.Equal(new[] { "10.99.0.0/16" }, s.ClusterEndpointPrivateCidrs);
    }

    [Theory]
    [InlineData("mattermost:kubernetesVersion: \"1.29\"", "config.mattermost:kubernetesVersion", "one of 1.34, 1.35")]
    [InlineData("mattermost:appTier: k8s", "config.mattermost:appTier", "one of vm, kubernetes")]
    [InlineData("mattermost:clusterEndpointPublicCidrs: 203.0.113.0/24", "config.mattermost:clusterEndpointPublicCidrs", "public IPv4 CIDR blocks")]
    [InlineData("mattermost:clusterEndpointPublicCidrs:\n    - 0.0.0.0/0", "config.mattermost:clusterEndpointPublicCidrs[0]", "every network (FSBP EKS.1)")]
    [InlineData("mattermost:clusterEndpointPublicCidrs:\n    - 10.1.0.0/16", "config.mattermost:clusterEndpointPublicCidrs[0]", "is a private range")]
    [InlineData("mattermost:clusterEndpointPublicCidrs:\n    - 2001:db8::/32", "config.mattermost:clusterEndpointPublicCidrs[0]", "IPv4 CIDR block")]
    [InlineData("mattermost:clusterEndpointPublicCidrs:\n    - 203.0.113.7/24", "config.mattermost:clusterEndpointPublicCidrs[0]", "no host bits")]
    [InlineData("mattermost:clusterEndpointPrivateCidrs:\n    - 198.51.100.0/24", "config.mattermost:clusterEndpointPrivateCidrs[0]", "not a private range")]
    [InlineData("mattermost:clusterEndpointPrivateCidrs:\n    - 10.1.0.0/16\n    - 10.1.2.0/24", "config.mattermost:clusterEndpointPrivateCidrs[1]", "overlaps entry [0]")]
    public void Each_bad_kubernetes_value_names_file_key_and_what_is_allowed(string lines, string key, string allowed)
    {
        var p = Assert.Single(Problems(TempProject.With(lines.Split('\n'))), p => p.Key == key);
        Assert.Equal("Pulumi.staging.yaml", p.File);
        Assert.Contains(allowed, p.Message);
    }

    [Fact]
    public void Public_api_networks_open_the_public_endpoint_only_for_them()
    {
        using var p = new TempProject(TempProject.With("mattermost:clusterEndpointPublicCidrs:", "  - 203.0.113.0/24", "  - 198.51.100.0/24"), "staging");
        var plan = new Infra.Core.Planning.Planner(p.Directory).Plan("staging");
        var vpc = (Infra.Core.Graph.MapValue)plan.Graph["eksCluster"].Properties["vpcConfig"]!;
        Assert.Equal(new Infra.Core.Graph.BoolValue(true), vpc["endpointPublicAccess"]);
        Assert.Equal(Infra.Core.Graph.V.Strings(["203.0.113.0/24", "198.51.100.0/24"]), vpc["publicAccessCidrs"]);
        var closed = (Infra.Core.Graph.MapValue)Repo.Plan("staging").Graph["eksCluster"].Properties["vpcConfig"]!;
        Assert.Equal(new Infra.Core.Graph.BoolValue(false), closed["endpointPublicAccess"]);
        Assert.Null(closed["publicAccessCidrs"]);
        Assert.Equal(new Infra.Core.Graph.BoolValue(true), closed["endpointPrivateAccess"]);
    }
}
