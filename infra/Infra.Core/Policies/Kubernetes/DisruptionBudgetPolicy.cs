using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>
/// MM-K8S-003: a Mattermost installation with 2 or more replicas has a PodDisruptionBudget selecting its pods
/// that keeps at least one running and still lets a node drain; a single replica has none that blocks drains.
/// </summary>
public sealed class DisruptionBudgetPolicy : KubernetesPolicyBase
{
    public override string Id => "MM-K8S-003";
    public override string Name => "PodDisruptionBudget in HA stacks";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["K8S.PDB"];
    public override string HelpUri => "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/";

    public override string Guideline =>
        "With 2 or more replicas, declare a policy/v1 PodDisruptionBudget in Mattermost's namespace whose selector matches the operator's pod " +
        "labels (app: mattermost, installation.mattermost.com/installation: NAME) with minAvailable between 1 and replicas - 1 (or maxUnavailable " +
        ">= 1), so node drains and upgrades keep the cluster serving but can proceed. With one replica, a PDB requiring one available pod " +
        "blocks every drain (security-baseline.md §4.4).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!HasKubernetes(ctx)) { yield return NoKubernetes(); yield break; }
        var mattermosts = KubernetesObjects.Mattermosts(ctx.Graph).ToList();
        if (mattermosts.Count == 0) { yield return Finding.NotApplicable("(stack)", "no Mattermost resource"); yield break; }
        var budgets = KubernetesObjects.OfKind(ctx.Graph, "PodDisruptionBudget").ToList();
        foreach (var mm in mattermosts)
        {
            var replicas = (int)(Number(mm.Spec["replicas"]) ?? 1);
            var labels = KubernetesObjects.PodLabels(mm);
            var mine = budgets.Where(b => (b.Namespace ?? "default") == NamespaceOf(mm) && KubernetesObjects.Selects(b.Spec["selector"], labels)).ToList();
            if (replicas < 2)
            {
                var blocking = mine.Where(b => Allowed(b, replicas) < 1).Select(b => b.Name).ToList();
                if (blocking.Count > 0) yield return Finding.Fail(mm.Node.Name, mm.Node.Type, $"one replica and PodDisruptionBudget {string.Join(", ", blocking)} allows no disruption: node drains block");
                else yield return Finding.NotApplicable(mm.Node.Name, "one replica: no disruption budget needed");
                continue;
            }
            if (mine.Count == 0) { yield return Finding.Fail(mm.Node.Name, mm.Node.Type, $"{replicas} replicas and no PodDisruptionBudget selects the Mattermost pods"); continue; }
            var b = mine[0];
            var allowed = Allowed(b, replicas);
            var text = $"{replicas} replicas; PodDisruptionBudget {b.Name} allows {allowed} at a time and keeps {replicas - allowed}";
            yield return Finding.Check(allowed >= 1 && replicas - allowed >= 1, mm.Node.Name, mm.Node.Type, text,
                text + (allowed < 1 ? ": drains block" : ": a drain may stop every pod"));
        }
    }

    /// <summary>How many pods the budget lets go at once (percentages are rounded as Kubernetes does: minAvailable up).</summary>
    private static int Allowed(KubeObject budget, int replicas)
    {
        int Of(Value? v, bool roundUp)
        {
            var t = Text(v) ?? "0";
            if (t.EndsWith('%') && decimal.TryParse(t[..^1], System.Globalization.CultureInfo.InvariantCulture, out var pct))
                return (int)(roundUp ? Math.Ceiling(replicas * pct / 100) : Math.Floor(replicas * pct / 100));
            return (int)(Number(v) ?? 0);
        }
        if (budget.Spec["maxUnavailable"] is { } max) return Math.Min(replicas, Of(max, roundUp: true));
        if (budget.Spec["minAvailable"] is { } min) return Math.Max(0, replicas - Of(min, roundUp: true));
        return replicas;
    }
}
