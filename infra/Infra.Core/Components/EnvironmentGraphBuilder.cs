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

        if (s.AppTier == AppTierKind.Kubernetes)
        {
            var kubernetes = Kubernetes.KubernetesAppTier.Build(g, bp, network, database, files, searchEndpoint);
            observability.AddAlarms(kubernetes.App, database);
            g.Output("siteUrl", s.SiteUrl, "the address users open");
            kubernetes.AddOutputs(g);
        }
        else
        {
            var app = VmAppTierComponent.Build(g, bp, network, database, files, searchEndpoint, observability.LogGroupName, observability.LogGroupArn);
            observability.AddAlarms(app, database);
            g.Output("siteUrl", s.SiteUrl, "the address users open");
            g.Output("loadBalancerDnsName", app.Address, "point the site's DNS name (CNAME or alias) here");
        }
        g.Output("databaseEndpoint", database.WriterEndpoint, "Aurora writer endpoint (credentials are in Secrets Manager, never in outputs)");
        g.Output("databaseAppSecretArn", database.AppSecretArn,
            "Mattermost's own database credentials (users mattermost_app/mattermost_app_clone, rotated by alternating users): what the app reads");
        g.Output("databaseMasterSecretArn", database.MasterSecretArn,
            "the RDS-managed master user's credentials: administration only; the app never reads them");
        g.Output("filesBucketName", files.BucketName, "the S3 bucket of uploaded files");
        return Tagging.Complete(g.Build(), bp);
    }

    public static ResourceGraph Build(StackSettings settings) => Build(EnvironmentBlueprint.From(settings));
}
