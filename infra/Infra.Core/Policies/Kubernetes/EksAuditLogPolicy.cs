using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Kubernetes;

/// <summary>MM-K8S-005: EKS control-plane audit logs are on.</summary>
public sealed class EksAuditLogPolicy : KubernetesPolicyBase
{
    public override string Id => "MM-K8S-005";
    public override string Name => "EKS audit logging on";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["EKS.8"];
    public override string HelpUri => "https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8";

    public override string Guideline =>
        "Include \"audit\" (and preferably \"api\" and \"authenticator\") in the cluster's enabledClusterLogTypes, so that every call to the " +
        "Kubernetes API is recorded in CloudWatch Logs.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var clusters = ctx.Facts.OfTypes(AwsTypes.EksCluster).ToList();
        if (clusters.Count == 0) { yield return Finding.NotApplicable("(stack)", "no EKS cluster"); yield break; }
        foreach (var c in clusters)
        {
            var types = Texts(c.Properties["enabledClusterLogTypes"]).ToList();
            yield return Finding.Check(types.Contains("audit"), c.Name, c.Type, $"control-plane logs: {string.Join(", ", types)}",
                types.Count == 0 ? "no control-plane logs" : $"control-plane logs {string.Join(", ", types)} without audit");
        }
    }
}
