using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>
/// MM-K8S-001: Mattermost's namespace (and every namespace the program creates) enforces the restricted Pod
/// Security Standard, and the Mattermost resource's pod template meets it, so that admission does not reject its pods.
/// </summary>
public sealed class PodSecurityPolicy : KubernetesPolicyBase
{
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";

    public override string Id => "MM-K8S-001";
    public override string Name => "Restricted Pod Security in every namespace; Mattermost's pods meet it";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["K8S.PSS"];
    public override string HelpUri => "https://kubernetes.io/docs/concepts/security/pod-security-standards/";

    public override string Guideline =>
        "Label the Mattermost namespace, and every other namespace the program creates, pod-security.kubernetes.io/enforce: restricted " +
        "(waive a namespace whose workload genuinely needs more, with the reason), and give the " +
        "Mattermost resource a pod template that meets it, because the operator sets none by default (security-baseline.md §4.1): " +
        "runAsNonRoot true, seccompProfile RuntimeDefault, and per container allowPrivilegeEscalation false and capabilities drop [ALL].";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        if (!HasKubernetes(ctx)) { yield return NoKubernetes(); yield break; }
        var mattermosts = KubernetesObjects.Mattermosts(ctx.Graph).ToList();
        var mmNamespaces = mattermosts.Select(NamespaceOf).ToHashSet(StringComparer.Ordinal);
        var declared = KubernetesObjects.OfKind(ctx.Graph, "Namespace").ToList();
        if (declared.Count == 0 && mattermosts.Count == 0) { yield return Finding.NotApplicable("(stack)", "no namespaces and no Mattermost resource"); yield break; }
        // Every namespace the program creates, not only Mattermost's: the platform's (External Secrets with its
        // Secrets Manager role, the operator, Reloader) hold credentials too, and nothing they run needs more.
        foreach (var ns in declared)
        {
            var level = Text((ns.Object.At("metadata.labels") as MapValue)?[EnforceLabel]);
            var role = mmNamespaces.Contains(ns.Name) ? "where Mattermost runs" : "in every namespace the program creates";
            yield return Finding.Check(level == "restricted", ns.Node.Name, ns.Node.Type, $"namespace {ns.Name} enforces restricted",
                $"namespace {ns.Name} {(level is null ? "enforces no Pod Security level" : $"enforces {level}")}; restricted is required {role}");
        }
        foreach (var mm in mattermosts.Where(m => declared.All(d => d.Name != NamespaceOf(m))))
            yield return Finding.Fail(mm.Node.Name, mm.Node.Type, $"Mattermost runs in namespace {NamespaceOf(mm)}, which this program does not declare with a Pod Security label");
        foreach (var mm in mattermosts)
        {
            var pod = mm.Spec.At("podTemplate.securityContext") as MapValue ?? MapValue.Empty;
            var container = mm.Spec.At("podTemplate.containerSecurityContext") as MapValue ?? MapValue.Empty;
            var problems = new List<string>();
            if (Bool(container["runAsNonRoot"] ?? pod["runAsNonRoot"]) != true) problems.Add("runAsNonRoot is not true");
            if (Number(container["runAsUser"] ?? pod["runAsUser"]) == 0) problems.Add("runAsUser is 0");
            if (Text((container["seccompProfile"] ?? pod["seccompProfile"]) is MapValue sp ? sp["type"] : null) is not ("RuntimeDefault" or "Localhost"))
                problems.Add("seccompProfile.type is not RuntimeDefault or Localhost");
            if (Bool(container["allowPrivilegeEscalation"]) != false) problems.Add("allowPrivilegeEscalation is not false");
            if (Bool(container["privileged"]) == true) problems.Add("privileged is true");
            if (!Texts(container.At("capabilities.drop")).Contains("ALL")) problems.Add("capabilities.drop does not include ALL");
            if (Texts(container.At("capabilities.add")).Any(c => c != "NET_BIND_SERVICE")) problems.Add("capabilities.add beyond NET_BIND_SERVICE");
            yield return Finding.Check(problems.Count == 0, mm.Node.Name, mm.Node.Type, $"Mattermost {mm.Name}: pod template meets the restricted profile",
                $"Mattermost {mm.Name}: {string.Join("; ", problems)} (spec.podTemplate), so restricted admission rejects its pods");
        }
    }
}
