using Infra.Core.Components;

namespace Infra.Core.Policies.Support;

/// <summary>
/// Type tokens the policies read. The components' own tokens come from <see cref="AwsTypes"/>; the others
/// are types a foreign program may declare (pulumi-aws 7.x and pulumi-kubernetes 4.x tokens).
/// </summary>
public static class Types
{
    public const string RdsInstance = "aws:rds/instance:Instance";
    public const string Ec2Instance = "aws:ec2/instance:Instance";
    public const string EbsVolume = "aws:ebs/volume:Volume";
    public const string BucketV2 = "aws:s3/bucketV2:BucketV2";
    public const string BucketEncryptionV2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    public const string BucketVersioningV2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    public const string BucketLoggingV2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
    public const string AlbLoadBalancer = "aws:alb/loadBalancer:LoadBalancer";
    public const string AlbListener = "aws:alb/listener:Listener";
    public const string IamPolicy = "aws:iam/policy:Policy";
    public const string UserPolicy = "aws:iam/userPolicy:UserPolicy";
    public const string GroupPolicy = "aws:iam/groupPolicy:GroupPolicy";
    public const string PolicyAttachment = "aws:iam/policyAttachment:PolicyAttachment";
    public const string UserPolicyAttachment = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
    public const string GroupPolicyAttachment = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
    public const string SecretsManagerSecret = "aws:secretsmanager/secret:Secret";
    public const string LegacySecurityGroupRule = "aws:ec2/securityGroupRule:SecurityGroupRule";

    public const string K8sNamespace = "kubernetes:core/v1:Namespace";
    public const string K8sNetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    public const string K8sPodDisruptionBudget = "kubernetes:policy/v1:PodDisruptionBudget";
    public const string K8sConfigGroup = "kubernetes:yaml/v2:ConfigGroup";
    public const string K8sDeployment = "kubernetes:apps/v1:Deployment";
    public const string K8sStatefulSet = "kubernetes:apps/v1:StatefulSet";
    public const string K8sSecret = "kubernetes:core/v1:Secret";

    public static readonly string[] LoadBalancers = [AwsTypes.LoadBalancer, AlbLoadBalancer];
    public static readonly string[] Listeners = [AwsTypes.Listener, AlbListener];
    public static readonly string[] Buckets = [AwsTypes.Bucket, BucketV2];
}
