using System.Collections.Frozen;
using Infra.Core.Components;

namespace Infra.Core.Cost;

/// <summary>
/// Resource types that carry no charge of their own: configuration that AWS does not bill (what it
/// configures is billed where it runs). The list follows infracost's FreeResources, which prices
/// Terraform plans, so it says why a resource costs nothing rather than leaving it unexplained.
/// </summary>
public static class NoChargeTypes
{
    private const string Free = "infracost internal/providers/terraform/aws/registry.go FreeResources @0138238";
    private const string FreeLater = "infracost registry.go FreeResources (later version: the VPC security-group rule and bucket encryption resources)";
    private const string BucketConfig = "configuration of the bucket: the objects it keeps are billed as the bucket's storage";

    private static readonly FrozenDictionary<string, string> Reasons = new Dictionary<string, string>
    {
        [AwsTypes.Vpc] = Free,
        [AwsTypes.DefaultSecurityGroup] = Free,
        [AwsTypes.Subnet] = Free,
        [AwsTypes.InternetGateway] = Free,
        [AwsTypes.RouteTable] = Free,
        [AwsTypes.Route] = Free,
        [AwsTypes.RouteTableAssociation] = Free,
        [AwsTypes.SecurityGroup] = Free,
        [AwsTypes.IngressRule] = FreeLater,
        [AwsTypes.EgressRule] = FreeLater,
        [AwsTypes.LaunchTemplate] = Free + " (the instances it launches are billed at the auto scaling group)",
        [AwsTypes.TargetGroup] = Free,
        [AwsTypes.Listener] = Free,
        [AwsTypes.Role] = Free,
        [AwsTypes.RolePolicy] = Free,
        [AwsTypes.RolePolicyAttachment] = Free,
        [AwsTypes.InstanceProfile] = Free,
        [AwsTypes.OpenIdConnectProvider] = Free,
        [AwsTypes.KmsAlias] = Free,
        [AwsTypes.DbSubnetGroup] = Free,
        [AwsTypes.DbClusterParameterGroup] = Free,
        [AwsTypes.DbParameterGroup] = Free,
        [AwsTypes.BucketOwnershipControls] = Free,
        [AwsTypes.BucketPublicAccessBlock] = Free,
        [AwsTypes.BucketPolicy] = Free,
        [AwsTypes.BucketEncryption] = FreeLater,
        [AwsTypes.BucketVersioning] = BucketConfig,
        [AwsTypes.BucketLifecycle] = BucketConfig,
        [AwsTypes.BucketLogging] = "server access logging has no charge of its own; the log files are billed as the log bucket's storage (Amazon S3 user guide, ServerLogs)",
        [AwsTypes.EksAccessEntry] = "EKS access entries are part of the cluster's control plane, billed per cluster-hour",
        [AwsTypes.EksAddon] = "EKS add-ons run on the cluster's nodes, billed as those nodes",
        [AwsTypes.SecretRotation] = "a rotation schedule is configuration of the secret; the rotation function's runs are billed as Lambda use",
        [AwsTypes.LambdaInvocation] = "one invocation at deployment, billed as the function's Lambda use",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Why a type has no charge of its own, or null when it may cost something.</summary>
    public static string? Why(string type)
    {
        if (Reasons.TryGetValue(type, out var why)) return why;
        if (type.StartsWith("kubernetes:", StringComparison.Ordinal)) return "Kubernetes objects run on the cluster's nodes, billed as those nodes";
        if (type.StartsWith("pulumi:providers:", StringComparison.Ordinal)) return "a Pulumi provider is not a cloud resource";
        return null;
    }
}
