using System.Collections.Frozen;
using System.Collections.Immutable;
using Infra.Core.Components;

namespace Infra.Core.Diff;

/// <summary>
/// Which property changes replace a resource, per type, for the types this project declares (and the EKS
/// and Kubernetes types of the Kubernetes app tier). pulumi-aws is bridged from the Terraform AWS provider,
/// so a Terraform <c>ForceNew</c> argument is a Pulumi replace-on-change input; the Pulumi schema does not
/// carry it, so it is transcribed here with the source file it was read from. Kubernetes replacements are
/// decided by pulumi-kubernetes itself (its forceNew table). A type that is not listed here is only ever
/// updated in place by this diff: add its rules before relying on the diff for it.
/// </summary>
public static class ReplaceRules
{
    private const string Tf = "hashicorp/terraform-provider-aws internal/service/";

    // Read for this table (commit given): the stateful types, where a missed replacement loses data.
    private const string RdsCluster = Tf + "rds/cluster.go @0168cf68 (ForceNew)";
    private const string RdsClusterInstance = Tf + "rds/cluster_instance.go @01606926 (ForceNew)";
    private const string EksCluster = Tf + "eks/cluster.go @00555dc5";
    private const string EksNodeGroup = Tf + "eks/node_group.go @012e0a32 (ForceNew)";
    private const string OpenSearch = Tf + "opensearch/domain.go @d6b98b6c";
    private const string K8s = "pulumi/pulumi-kubernetes provider/pkg/provider/diff.go @00302beb (forceNewProperties)";

    private static ReplaceRule[] Changed(string source, params string[] paths) =>
        [.. paths.Select(p => new ReplaceRule(p, ReplaceWhen.Changed, source))];

    private static ReplaceRule[] InVpc(string source, params string[] paths) =>
        [.. paths.Select(p => new ReplaceRule(p, ReplaceWhen.AnotherVpc, source))];

    // Inputs that place a resource in a VPC but that the provider updates in place: fine inside the VPC, refused
    // by AWS across VPCs (a resource's VPC is fixed when it is created; a subnet or security group belongs to one).
    private const string SubnetGroupVpc = Tf + "rds/subnet_group.go (subnet_ids updatable); RDS refuses subnets of another VPC: "
        + "\"The new Subnets are not in the same Vpc as the existing subnet group\" (hashicorp/terraform-provider-aws#27459, #16419)";
    private const string ClusterVpc = RdsClusterUpdatable + " (vpc_security_group_ids updatable); the cluster's VPC is its subnet group's, "
        + "and RDS refuses security groups of another VPC";
    private const string RdsClusterUpdatable = Tf + "rds/cluster.go @0168cf68";
    private const string EksVpc = EksCluster + " (vpc_config subnet_ids and security_group_ids updated in place by UpdateClusterConfig since "
        + "hashicorp/terraform-provider-aws#34209); EKS takes only subnets of the cluster's VPC (docs.aws.amazon.com/eks/latest/userguide/network-reqs.html)";
    private const string LoadBalancerVpc = Tf + "elbv2/load_balancer.go (customizeDiffLoadBalancerALB: an ALB's subnets and security groups change "
        + "in place; vpc_id is computed, fixed when the load balancer is created)";
    private const string EndpointVpc = Tf + "ec2/vpc_endpoint.go (subnet_ids and security_group_ids updatable inside the endpoint's VPC; vpc_id ForceNew)";

    /// <summary>Types whose replacement is a new network: everything placed in it moves to another VPC.</summary>
    public static readonly FrozenSet<string> NetworkBoundaries = new[] { AwsTypes.Vpc }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, ReplaceRule[]> Aws = new(StringComparer.Ordinal)
    {
        [AwsTypes.Vpc] = Changed(Tf + "ec2/vpc_.go (ForceNew)", "cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
        [AwsTypes.DefaultSecurityGroup] = Changed(Tf + "ec2/vpc_default_security_group.go (ForceNew)", "vpcId"),
        [AwsTypes.Subnet] = Changed(Tf + "ec2/vpc_subnet.go (ForceNew)", "vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "ipv6Native"),
        [AwsTypes.InternetGateway] = [], // vpc_id attaches and detaches in place (ec2/vpc_internet_gateway.go: no ForceNew argument)
        [AwsTypes.Eip] = Changed(Tf + "ec2/ec2_eip.go (ForceNew)", "domain", "address", "customerOwnedIpv4Pool", "networkBorderGroup", "publicIpv4Pool"),
        [AwsTypes.NatGateway] = Changed(Tf + "ec2/vpc_nat_gateway.go (ForceNew)", "allocationId", "subnetId", "connectivityType", "privateIp"),
        [AwsTypes.RouteTable] = Changed(Tf + "ec2/vpc_route_table.go (ForceNew)", "vpcId"),
        [AwsTypes.Route] = Changed(Tf + "ec2/vpc_route.go (ForceNew)", "routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"),
        [AwsTypes.RouteTableAssociation] = Changed(Tf + "ec2/vpc_route_table_association.go (ForceNew)", "subnetId", "gatewayId"),
        [AwsTypes.VpcEndpoint] =
        [
            .. Changed(Tf + "ec2/vpc_endpoint.go (ForceNew)", "vpcId", "serviceName", "vpcEndpointType"),
            .. InVpc(EndpointVpc, "subnetIds", "securityGroupIds"),
        ],
        [AwsTypes.FlowLog] = Changed(Tf + "ec2/vpc_flow_log.go (every argument but tags is ForceNew)",
            "vpcId", "subnetId", "eniId", "trafficType", "logDestination", "logDestinationType", "logFormat", "iamRoleArn",
            "maxAggregationInterval", "deliverCrossAccountRole", "destinationOptions"),
        [AwsTypes.SecurityGroup] = Changed(Tf + "ec2/vpc_security_group.go (ForceNew)", "name", "namePrefix", "description", "vpcId"),
        [AwsTypes.IngressRule] = Changed(Tf + "ec2/vpc_security_group_ingress_rule.go (RequiresReplace)", "securityGroupId"),
        [AwsTypes.EgressRule] = Changed(Tf + "ec2/vpc_security_group_egress_rule.go (RequiresReplace)", "securityGroupId"),
        [AwsTypes.LaunchTemplate] = Changed(Tf + "ec2/ec2_launch_template.go (ForceNew; other changes add a template version)", "name", "namePrefix"),
        [AwsTypes.AutoScalingGroup] = Changed(Tf + "autoscaling/group.go (ForceNew)", "name", "namePrefix"),
        [AwsTypes.LoadBalancer] =
        [
            .. Changed(Tf + "elbv2/load_balancer.go (ForceNew)", "name", "namePrefix", "internal", "loadBalancerType"),
            .. InVpc(LoadBalancerVpc, "subnets", "securityGroups"),
        ],
        [AwsTypes.TargetGroup] = Changed(Tf + "elbv2/target_group.go (ForceNew)", "name", "namePrefix", "port", "protocol", "protocolVersion", "targetType", "vpcId", "ipAddressType"),
        [AwsTypes.Listener] = Changed(Tf + "elbv2/listener.go (ForceNew)", "loadBalancerArn"),
        [AwsTypes.LogGroup] = Changed(Tf + "logs/group.go (ForceNew)", "name", "namePrefix", "logGroupClass"),
        [AwsTypes.MetricAlarm] = Changed(Tf + "cloudwatch/metric_alarm.go (alarm_name ForceNew)", "name"),
        [AwsTypes.Dashboard] = Changed(Tf + "cloudwatch/dashboard.go (dashboard_name ForceNew)", "dashboardName"),
        [AwsTypes.Role] = Changed(Tf + "iam/role.go (ForceNew)", "name", "namePrefix", "path"),
        [AwsTypes.RolePolicy] = Changed(Tf + "iam/role_policy.go (ForceNew)", "name", "namePrefix", "role"),
        [AwsTypes.RolePolicyAttachment] = Changed(Tf + "iam/role_policy_attachment.go (ForceNew)", "role", "policyArn"),
        [AwsTypes.InstanceProfile] = Changed(Tf + "iam/instance_profile.go (ForceNew)", "name", "namePrefix", "path"),
        [AwsTypes.OpenIdConnectProvider] = Changed(Tf + "iam/openid_connect_provider.go (ForceNew)", "url"),
        [AwsTypes.KmsKey] = Changed(Tf + "kms/key.go (ForceNew)", "customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"),
        [AwsTypes.KmsAlias] = Changed(Tf + "kms/alias.go (ForceNew)", "name", "namePrefix"),
        [AwsTypes.DbSubnetGroup] =
        [
            .. Changed(Tf + "rds/subnet_group.go (ForceNew)", "name", "namePrefix"),
            .. InVpc(SubnetGroupVpc, "subnetIds"),
        ],
        [AwsTypes.DbClusterParameterGroup] = Changed(Tf + "rds/cluster_parameter_group.go (ForceNew)", "name", "namePrefix", "family", "description"),
        [AwsTypes.DbParameterGroup] = Changed(Tf + "rds/parameter_group.go (ForceNew)", "name", "namePrefix", "family", "description"),
        [AwsTypes.DbCluster] =
        [
            .. Changed(RdsCluster, "availabilityZones", "clusterIdentifier", "clusterIdentifierPrefix", "clusterScalabilityType", "databaseName",
                "dbSubnetGroupName", "dbSystemId", "engine", "engineMode", "kmsKeyId", "masterUsername", "restoreToPointInTime", "s3Import",
                "snapshotIdentifier", "sourceRegion", "storageEncrypted"),
            // ForceNewIf the engine is not Aurora (Aurora changes its storage type in place).
            new("storageType", ReplaceWhen.MayReplace, RdsCluster.Replace("(ForceNew)", "(storage_type ForceNewIf the engine is not Aurora)", StringComparison.Ordinal)),
            .. InVpc(ClusterVpc, "vpcSecurityGroupIds"),
        ],
        [AwsTypes.DbClusterInstance] = Changed(RdsClusterInstance, "availabilityZone", "clusterIdentifier", "customIamInstanceProfile",
            "dbSubnetGroupName", "engine", "identifier", "identifierPrefix"),
        [AwsTypes.Bucket] = Changed(Tf + "s3/bucket.go (ForceNew)", "bucket", "bucketPrefix", "objectLockEnabled"),
        [AwsTypes.BucketOwnershipControls] = Changed(Tf + "s3/bucket_ownership_controls.go (ForceNew)", "bucket"),
        [AwsTypes.BucketPublicAccessBlock] = Changed(Tf + "s3/bucket_public_access_block.go (ForceNew)", "bucket"),
        [AwsTypes.BucketVersioning] = Changed(Tf + "s3/bucket_versioning.go (ForceNew)", "bucket", "expectedBucketOwner"),
        [AwsTypes.BucketEncryption] = Changed(Tf + "s3/bucket_server_side_encryption_configuration.go (ForceNew)", "bucket", "expectedBucketOwner"),
        [AwsTypes.BucketPolicy] = Changed(Tf + "s3/bucket_policy.go (ForceNew)", "bucket"),
        [AwsTypes.BucketLifecycle] = Changed(Tf + "s3/bucket_lifecycle_configuration.go (RequiresReplace)", "bucket", "expectedBucketOwner"),
        [AwsTypes.BucketLogging] = Changed(Tf + "s3/bucket_logging.go @01f43111 (ForceNew)", "bucket", "expectedBucketOwner"),
        [AwsTypes.Secret] = Changed(Tf + "secretsmanager/secret.go (ForceNew)", "name", "namePrefix"),
        // A new value becomes a new version of the same secret; only moving it to another secret replaces it.
        [AwsTypes.SecretVersion] = Changed(Tf + "secretsmanager/secret_version.go (ForceNew)", "secretId"),
        [AwsTypes.OpenSearchDomain] =
        [
            .. Changed(OpenSearch + " (ForceNew)", "domainName", "encryptAtRest.kmsKeyId", "advancedSecurityOptions.enabled", "vpcOptions"),
            new("encryptAtRest.enabled", ReplaceWhen.Disabled, OpenSearch + " (CustomizeDiff ForceNewIf switched off)"),
            new("nodeToNodeEncryption.enabled", ReplaceWhen.Disabled, OpenSearch + " (CustomizeDiff ForceNewIf switched off)"),
            new("engineVersion", ReplaceWhen.MayReplace, OpenSearch + " (CustomizeDiff ForceNewIf the new version is not a compatible in-place upgrade)"),
        ],
        // vpcConfig.subnetIds is no longer ForceNew in this source (EKS updates cluster subnets in place, inside the VPC).
        [AwsTypes.EksCluster] =
        [
            .. InVpc(EksVpc, "vpcConfig.subnetIds", "vpcConfig.securityGroupIds"),
            .. Changed(EksCluster + " (ForceNew)", "name", "roleArn", "bootstrapSelfManagedAddons", "accessConfig.bootstrapClusterCreatorAdminPermissions",
                "kubernetesNetworkConfig.ipFamily", "kubernetesNetworkConfig.serviceIpv4Cidr", "outpostConfig", "remoteNetworkConfig"),
            new("encryptionConfig", ReplaceWhen.Removed, EksCluster + " (ForceNewIfChange: envelope encryption cannot be disabled)"),
            new("computeConfig.nodeRoleArn", ReplaceWhen.MayReplace, EksCluster + " (ForceNew when an existing node role changes)"),
        ],
        [AwsTypes.EksNodeGroup] = Changed(EksNodeGroup, "amiType", "capacityType", "clusterName", "diskSize", "instanceTypes", "launchTemplate.id",
            "launchTemplate.name", "nodeGroupName", "nodeGroupNamePrefix", "nodeRoleArn", "remoteAccess", "subnetIds"),
        [AwsTypes.EksAddon] = Changed(Tf + "eks/addon.go (ForceNew)", "addonName", "clusterName"),
        [AwsTypes.EksAccessEntry] = Changed(Tf + "eks/access_entry.go (ForceNew)", "clusterName", "principalArn", "type"),
    };

    // pulumi-kubernetes replaces any object whose name or namespace changes, plus these per-kind fields.
    private static readonly ReplaceRule[] KubernetesMetadata = Changed(K8s, "metadata.name", "metadata.namespace");

    private static readonly Dictionary<string, ReplaceRule[]> Kubernetes = new(StringComparer.Ordinal)
    {
        ["kubernetes:apps/v1:Deployment"] = Changed(K8s, "spec.selector"),
        ["kubernetes:apps/v1:StatefulSet"] = Changed(K8s, "spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"),
        ["kubernetes:core/v1:ConfigMap"] = Changed(K8s, "binaryData", "data"),
        ["kubernetes:core/v1:PersistentVolumeClaim"] = Changed(K8s, "spec"),
        ["kubernetes:core/v1:Secret"] = Changed(K8s, "type", "stringData", "data"),
        ["kubernetes:core/v1:Service"] = Changed(K8s, "spec.clusterIP"),
        ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"] = Changed(K8s, "roleRef"),
        ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"] = Changed(K8s, "roleRef"),
        ["kubernetes:storage.k8s.io/v1:StorageClass"] = Changed(K8s, "parameters", "provisioner"),
        ["kubernetes:batch/v1:Job"] = Changed(K8s, "spec.completions", "spec.parallelism", "spec.selector", "spec.template"),
        ["kubernetes:core/v1:Namespace"] = [],
        ["kubernetes:core/v1:ServiceAccount"] = [],
        ["kubernetes:networking.k8s.io/v1:NetworkPolicy"] = [],
        ["kubernetes:policy/v1:PodDisruptionBudget"] = [],
    };

    // The Kubernetes tier's other types. A Helm release is a new release under a new name or namespace; a
    // ConfigGroup is a component whose objects follow their own kinds' rules; the provider is replaced (and
    // with it every object it manages) when its kubeconfig points at another cluster.
    private const string K8sRelease = "pulumi/pulumi-kubernetes provider/pkg/provider/helm_release.go (Diff: name and namespace replace)";
    private const string K8sProvider = "pulumi/pulumi-kubernetes provider/pkg/provider/provider.go (DiffConfig: another cluster replaces the provider)";

    private static readonly Dictionary<string, ReplaceRule[]> KubernetesTier = new(StringComparer.Ordinal)
    {
        ["kubernetes:helm.sh/v3:Release"] = Changed(K8sRelease, "name", "namespace"),
        ["kubernetes:yaml/v2:ConfigGroup"] = [],
        ["pulumi:providers:kubernetes"] = [new("kubeconfig", ReplaceWhen.MayReplace, K8sProvider)],
    };

    private static readonly FrozenDictionary<string, ImmutableArray<ReplaceRule>> ByType =
        Aws.Concat(KubernetesTier).Select(kv => KeyValuePair.Create(kv.Key, kv.Value.ToImmutableArray()))
            .Concat(Kubernetes.Select(kv => KeyValuePair.Create(kv.Key, KubernetesMetadata.Concat(kv.Value).ToImmutableArray())))
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The replace-on-change rules of a type; every Kubernetes type at least replaces on a new name or namespace.</summary>
    public static ImmutableArray<ReplaceRule> For(string type)
    {
        if (ByType.TryGetValue(type, out var rules)) return rules;
        return type.StartsWith("kubernetes:", StringComparison.Ordinal) && !type.StartsWith("kubernetes:helm.sh", StringComparison.Ordinal)
            ? [.. KubernetesMetadata]
            : [];
    }

    /// <summary>Types with their own rules (for documentation and tests).</summary>
    public static IEnumerable<string> KnownTypes => ByType.Keys.Order(StringComparer.Ordinal);
}
