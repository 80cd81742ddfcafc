using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>Common ground of the Kubernetes policies: not applicable to graphs without Kubernetes resources.</summary>
public abstract class KubernetesPolicyBase : Policy
{
    public override string Category => "kubernetes";

    protected static bool HasKubernetes(PolicyContext ctx) => KubernetesObjects.All(ctx.Graph).Any();

    protected static Finding NoKubernetes() => Finding.NotApplicable("(stack)", "no Kubernetes resources (VM app tier)");

    /// <summary>The namespace a Mattermost installation runs in ("default" when the object names none).</summary>
    protected static string NamespaceOf(KubeObject o) => o.Namespace ?? "default";
}
