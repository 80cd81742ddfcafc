using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Governance;

/// <summary>
/// MM-GOV-002 (advisory): a Mattermost cluster (two or more app nodes or pods, or a stack planned for high
/// availability) and enterprise search (an OpenSearch domain) are Enterprise features; the program must hand
/// Mattermost a licence (<see cref="LicenceRequirement"/>).
/// </summary>
public sealed class LicencePolicy : Policy
{
    public override string Id => "MM-GOV-002";
    public override string Name => "A Mattermost cluster and enterprise search have an Enterprise licence";
    public override Severity Severity => Severity.High;
    public override Enforcement Enforcement => Enforcement.Advisory;
    public override ImmutableArray<string> Controls => [];
    public override string Category => "governance";
    public override string HelpUri => "https://docs.mattermost.com/administration-guide/scale/high-availability-cluster-based-deployment.html";

    public override string Guideline =>
        "High availability (Mattermost clustering) and enterprise search need a Mattermost Enterprise licence: without one the app nodes do not " +
        $"form a cluster and OpenSearch is not used. Set it as a Pulumi secret with `{LicenceRequirement.SetCommand}`; the VM tier keeps it in " +
        "Secrets Manager for the nodes (MM_LICENSE), the Kubernetes tier in a Secret named by the Mattermost resource's spec.licenseSecret. " +
        "Advisory, because the committed stack files cannot hold a real licence (a Pulumi secret is encrypted with the stack's own key): " +
        "`plan` warns and the Pulumi program refuses to deploy such a stack without the licence, before anything is registered.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var licence = LicenceSource(ctx.Graph);
        var needs = new List<(ResourceNode Node, string What)>();
        var mattermosts = KubernetesObjects.Mattermosts(ctx.Graph).ToList();
        foreach (var mm in mattermosts)
        {
            var replicas = (int)(Number(mm.Spec["replicas"]) ?? 1);
            if (replicas >= 2 || ctx.Sizing?.HighAvailability == true)
                needs.Add((mm.Node, $"Mattermost {mm.Name}: a cluster of {replicas} pods"));
        }
        if (mattermosts.Count == 0)
            foreach (var app in ctx.Facts.AppCompute.Where(c => c.Node.Type != AwsTypes.EksNodeGroup))
                if (app.Nodes >= 2 || ctx.Sizing?.HighAvailability == true)
                    needs.Add((app.Node, $"a cluster of {app.Nodes} app nodes"));
        foreach (var domain in ctx.Facts.OfTypes(AwsTypes.OpenSearchDomain))
            needs.Add((domain, "enterprise search (OpenSearch)"));

        if (needs.Count == 0) { yield return Finding.NotApplicable("(stack)", "no cluster and no enterprise search: nothing needs an Enterprise licence"); yield break; }
        foreach (var (node, what) in needs)
            yield return Finding.Check(licence is not null, node.Name, node.Type,
                $"{what}, licensed ({licence})",
                $"{what} needs a Mattermost Enterprise licence, and the program gives Mattermost none; set it with `{LicenceRequirement.SetCommand}`");
    }

    /// <summary>Where the program's licence comes from: a Mattermost resource's licenseSecret, or a licence read from the stack's config.</summary>
    public static string? LicenceSource(ResourceGraph graph)
    {
        foreach (var mm in KubernetesObjects.Mattermosts(graph))
            if (Text(mm.Spec["licenseSecret"]) is { Length: > 0 } secret) return $"Secret {secret}";
        foreach (var n in graph.Resources)
            if (ConfigValues(n.Properties).FirstOrDefault(c => c.Key.Contains("licen", StringComparison.OrdinalIgnoreCase)) is { } config)
                return $"{config.Expression} in {n.Name}";
        return null;
    }

    private static IEnumerable<ConfigValue> ConfigValues(Value value) => value switch
    {
        ConfigValue c => [c],
        MapValue m => m.Entries.Values.SelectMany(ConfigValues),
        ListValue l => l.Items.SelectMany(ConfigValues),
        InterpolationValue i => i.Parts.SelectMany(ConfigValues),
        FunctionValue f => ConfigValues(f.Argument),
        _ => [],
    };
}
