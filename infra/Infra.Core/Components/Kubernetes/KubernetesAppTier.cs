using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>The Kubernetes tier's result: refs for the alarms, and its stack outputs.</summary>
public sealed record KubernetesAppTierRefs(AppTierRefs App, EksClusterRefs Cluster, string LoadBalancerName)
{
    /// <summary>What administrators need after <c>pulumi up</c>: the cluster, a kubeconfig and the ALB to point DNS at.</summary>
    public void AddOutputs(GraphBuilder g)
    {
        g.Output("clusterName", Cluster.ClusterName, "the EKS cluster: aws eks update-kubeconfig --name <clusterName>");
        g.Output("kubeconfig", Cluster.Kubeconfig, "kubeconfig for the cluster (token from aws eks get-token; holds no credential, kept secret anyway)", secret: true);
        g.Output("loadBalancerName", LoadBalancerName,
            "the ALB the load balancer controller creates for the site; point the site's DNS name at its DNS name (aws elbv2 describe-load-balancers --names <loadBalancerName>)");
    }
}

/// <summary>
/// The Kubernetes app tier: the EKS cluster and its platform add-ons, then Mattermost through the operator.
/// The network, database, file storage and search are the same components as for the VM tier.
/// </summary>
public static class KubernetesAppTier
{
    public static KubernetesAppTierRefs Build(GraphBuilder g, EnvironmentBlueprint bp, NetworkRefs net, DatabaseRefs db, FileStorageRefs files, Value? searchEndpoint)
    {
        var cluster = EksClusterComponent.Build(g, bp, net);
        ClusterAddons.Build(cluster, bp, net);
        MattermostInstallation.Build(g, bp, cluster, net, db, files, searchEndpoint);
        var lbName = MattermostResource.LoadBalancerName(bp);
        var app = new AppTierRefs(lbName, null, null, null, [.. cluster.AutoScalingGroupNames]);
        return new KubernetesAppTierRefs(app, cluster, lbName);
    }
}
