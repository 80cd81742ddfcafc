using Infra.Core.Components;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Kubernetes;

public class TierSwitchTests
{
    private static StackPlan Plan(string yaml, string stack)
    {
        using var p = new TempProject(yaml, stack);
        return new Planner(p.Directory, Repo.Today).Plan(stack);
    }

    private static void AssertKubernetesTier(ResourceGraph g)
    {
        Assert.Single(g.OfType(AwsTypes.EksCluster));
        Assert.Single(g.OfType(KubernetesTypes.Provider));
        Assert.Contains(g.OfType(KubernetesTypes.ConfigGroup), n => n.Name == MattermostInstallation.Installation);
        Assert.Empty(g.OfType(AwsTypes.AutoScalingGroup));
        Assert.Empty(g.OfType(AwsTypes.LoadBalancer));
        Assert.Equal(ComponentTypes.MattermostCluster, g[MattermostInstallation.Name].Type);
        Assert.Contains(g.Outputs, o => o.Name == "kubeconfig" && o.Secret);
        Assert.DoesNotContain(g.Outputs, o => o.Name == "loadBalancerDnsName");
    }

    private static void AssertVmTier(ResourceGraph g)
    {
        Assert.Single(g.OfType(AwsTypes.AutoScalingGroup));
        Assert.Single(g.OfType(AwsTypes.LoadBalancer));
        Assert.DoesNotContain(g.Nodes, n => n.Package == "kubernetes" || n.IsProvider || n.Type.StartsWith("aws:eks/", StringComparison.Ordinal));
        Assert.Null(g.Find(NetworkComponent.ControlPlaneSg));
        Assert.Contains(g.Outputs, o => o.Name == "loadBalancerDnsName");
    }

    [Theory]
    [InlineData("pilot", AppTierKind.Vm)]
    [InlineData("staging", AppTierKind.Kubernetes)]
    [InlineData("production", AppTierKind.Kubernetes)]
    public void Each_environment_has_its_default_tier(string stack, AppTierKind tier)
    {
        var plan = Plan(TempProject.MinimalStack, stack);
        Assert.Equal(tier, plan.Settings.AppTier);
        if (tier == AppTierKind.Kubernetes) AssertKubernetesTier(plan.Graph); else AssertVmTier(plan.Graph);
        Assert.Equal(tier == AppTierKind.Kubernetes, plan.Blueprint.Sizing.Kubernetes is not null);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_repository_stacks_build_their_tier(string stack)
    {
        var plan = Repo.Plan(stack);
        if (plan.Settings.AppTier == AppTierKind.Kubernetes) AssertKubernetesTier(plan.Graph); else AssertVmTier(plan.Graph);
        Assert.Equal(stack == "pilot" ? AppTierKind.Vm : AppTierKind.Kubernetes, plan.Settings.AppTier);
    }

    [Fact]
    public void One_setting_switches_the_tier_either_way()
    {
        AssertVmTier(Plan(TempProject.With("mattermost:appTier: vm"), "production").Graph);
        var pilot = Plan(TempProject.With("mattermost:appTier: kubernetes"), "pilot");
        AssertKubernetesTier(pilot.Graph);
        Assert.Empty(GraphValidator.Problems(pilot.Graph));
    }

    [Fact]
    public void The_shared_components_are_the_same_on_both_tiers()
    {
        var vm = Plan(TempProject.With("mattermost:appTier: vm"), "production").Graph;
        var k8s = Plan(TempProject.MinimalStack, "production").Graph;
        foreach (var component in new[] { DatabaseComponent.Name, FileStorageComponent.Name })
            Assert.Equal(vm.ChildrenOf(component), k8s.ChildrenOf(component));
        // The network differs only by the EKS additions: nothing of the VM tier's network is renamed or changed but descriptions.
        var vmNetwork = vm.ChildrenOf(NetworkComponent.Name).Select(n => n.Name).ToHashSet();
        Assert.Subset(k8s.ChildrenOf(NetworkComponent.Name).Select(n => n.Name).ToHashSet(), vmNetwork);
    }

    [Fact]
    public void The_vm_tier_has_no_kubernetes_rules_and_the_kubernetes_tier_tags_its_subnets()
    {
        var vm = Plan(TempProject.With("mattermost:appTier: vm"), "production").Graph;
        Assert.All(vm.OfType(AwsTypes.Subnet), s => Assert.Null(((MapValue)s.Properties["tags"]!)["kubernetes.io/role/elb"]));
        var k8s = Repo.Plan("production").Graph;
        Assert.All(k8s.OfType(AwsTypes.Subnet).Where(s => s.Name.StartsWith("publicSubnet", StringComparison.Ordinal)),
            s => Assert.Equal(new StringValue("1"), ((MapValue)s.Properties["tags"]!)["kubernetes.io/role/elb"]));
    }
}
