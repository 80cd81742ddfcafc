using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// IAM roles for Kubernetes service accounts (IRSA): a role that only one service account of the cluster
/// can assume, through the cluster's OIDC provider. No static AWS keys exist anywhere in the cluster.
/// </summary>
public static class Irsa
{
    /// <summary>
    /// The OIDC issuer's host and path (oidc.eks.REGION.amazonaws.com/id/ID), cut from the provider's ARN
    /// (arn:aws:iam::ACCOUNT:oidc-provider/HOST). IAM condition keys are named after it.
    /// </summary>
    public static Value IssuerHost(string oidcProvider) => V.After("oidc-provider/", V.Ref(oidcProvider, "arn"));

    /// <summary>
    /// The trust policy. Its condition keys are "HOST:sub" and "HOST:aud", named after a deployment-time
    /// value, so the document is joined as text: JSON map keys cannot be interpolated.
    /// </summary>
    public static Value TrustPolicy(string oidcProvider, string serviceAccountNamespace, string serviceAccount)
    {
        var host = IssuerHost(oidcProvider);
        return V.Join("",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"",
            V.Ref(oidcProvider, "arn"),
            "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"",
            host,
            ":aud\":\"sts.amazonaws.com\",\"",
            host,
            ":sub\":\"system:serviceaccount:" + serviceAccountNamespace + ":" + serviceAccount + "\"}}}]}");
    }

    /// <summary>Adds the role; the caller attaches its permissions.</summary>
    public static string Role(ComponentScope c, EnvironmentBlueprint bp, string name, string oidcProvider, string ns, string serviceAccount, string purpose) =>
        c.Add(name, AwsTypes.Role, V.Map(
            ("assumeRolePolicy", TrustPolicy(oidcProvider, ns, serviceAccount)),
            ("description", $"{bp.Prefix}: {purpose} (service account {ns}/{serviceAccount})"),
            ("tags", Tagging.Tags(bp, name))),
            $"IRSA role for {ns}/{serviceAccount} only ({purpose}); assumed with the pod's projected token, no static keys (FSBP IAM.1)").Name;
}
