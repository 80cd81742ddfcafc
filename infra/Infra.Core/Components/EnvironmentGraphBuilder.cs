using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Settings;

namespace Infra.Core.Components;

/// <summary>Builds a stack's whole desired state from its blueprint: one component per concern, wired by references.</summary>
public static class EnvironmentGraphBuilder
{
    public static ResourceGraph Build(EnvironmentBlueprint bp)
    {
        var s = bp.Settings;
        var g = new GraphBuilder(s.Stack);
        var withSearch = bp.Sizing.Search.Enabled;

        var network = NetworkComponent.Build(g, bp, withSearch);
        var files = FileStorageComponent.Build(g, bp);
        var database = DatabaseComponent.Build(g, bp, network);
        var searchEndpoint = withSearch ? SearchComponent.Build(g, bp, network) : null;
        var observability = ObservabilityComponent.Start(g, bp);
        Value capacitySignals;

        if (s.AppTier == AppTierKind.Kubernetes)
        {
            var kubernetes = Kubernetes.KubernetesAppTier.Build(g, bp, network, database, files, searchEndpoint);
            observability.AddAlarms(kubernetes.App, database);
            observability.AddDashboard(kubernetes.App, database, kubernetes.Cluster.ClusterName, kubernetes.LoadBalancerName);
            g.Output("siteUrl", s.SiteUrl, "the address users open");
            kubernetes.AddOutputs(g);
            capacitySignals = observability.CapacitySignals(kubernetes.App, database, kubernetes.LoadBalancerName);
        }
        else
        {
            var app = VmAppTierComponent.Build(g, bp, network, database, files, searchEndpoint, observability.LogGroupName, observability.LogGroupArn);
            observability.AddAlarms(app, database);
            observability.AddDashboard(app, database);
            g.Output("siteUrl", s.SiteUrl, "the address users open");
            g.Output("loadBalancerDnsName", app.Address, "point the site's DNS name (CNAME or alias) here");
            capacitySignals = observability.CapacitySignals(app, database);
        }
        g.Output("databaseEndpoint", database.WriterEndpoint, "Aurora writer endpoint (credentials are in Secrets Manager, never in outputs)");
        g.Output("databaseCredentialsSecretArn", database.SecretArn, "the RDS-managed secret holding the database credentials");
        g.Output("filesBucketName", files.BucketName, "the S3 bucket of uploaded files");
        g.Output("dashboardName", ObservabilityComponent.DashboardName(bp), "the CloudWatch dashboard of the capacity signals beside the sized capacity");
        g.Output("capacitySignals", capacitySignals,
            "names of the resources whose metrics size production (auto scaling groups, Aurora instances, load balancer) and their hardware: project queries reads it (pulumi stack output --json)");
        return Tagging.Complete(g.Build(), bp);
    }

    public static ResourceGraph Build(StackSettings settings) => Build(EnvironmentBlueprint.From(settings));
}
