using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>MM-K8S-002: Mattermost (and every Deployment or StatefulSet the program declares) sets CPU and memory requests and limits.</summary>
public sealed class ResourceLimitsPolicy : KubernetesPolicyBase
{
    public override string Id => "MM-K8S-002";
    public override string Name => "Resource requests and limits";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["K8S.RESOURCES"];
    public override string HelpUri => "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/";

    public override string Guideline =>
        "Set spec.scheduling.resources.requests and .limits (cpu and memory) on the Mattermost resource from the sizing engine, and on every " +
        "container of other workloads. Requests let the scheduler place pods so the zone-loss rule holds; limits keep one pod from starving " +
        "the node (security-baseline.md §4.3).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!HasKubernetes(ctx)) { yield return NoKubernetes(); yield break; }
        var any = false;
        foreach (var mm in KubernetesObjects.Mattermosts(ctx.Graph))
        {
            any = true;
            var missing = Missing(mm.Spec.At("scheduling.resources"));
            yield return Finding.Check(missing.Count == 0, mm.Node.Name, mm.Node.Type, $"Mattermost {mm.Name}: requests and limits set",
                $"Mattermost {mm.Name}: spec.scheduling.resources lacks {string.Join(", ", missing)}");
        }
        foreach (var w in KubernetesObjects.All(ctx.Graph).Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet"))
        {
            any = true;
            var problems = Items(w.Spec.At("template.spec.containers")).OfType<MapValue>()
                .Select(c => (Name: Text(c["name"]) ?? "?", Missing: Missing(c["resources"])))
                .Where(c => c.Missing.Count > 0).Select(c => $"container {c.Name} lacks {string.Join(", ", c.Missing)}").ToList();
            yield return Finding.Check(problems.Count == 0, w.Node.Name, w.Node.Type, $"{w.Kind} {w.Name}: every container sets requests and limits", string.Join("; ", problems));
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no Mattermost resource or workloads");
    }

    private static List<string> Missing(Value? resources)
    {
        var missing = new List<string>();
        foreach (var kind in new[] { "requests", "limits" })
            foreach (var r in new[] { "cpu", "memory" })
                if ((resources as MapValue)?.At($"{kind}.{r}") is null) missing.Add($"{kind}.{r}");
        return missing;
    }
}
