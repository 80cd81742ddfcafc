namespace Infra.Core.Components;

/// <summary>pulumi-aws 7.x type tokens used by the components (exact tokens, checked against the provider schema).</summary>
public static class AwsTypes
{
    public const string Vpc = "aws:ec2/vpc:Vpc";
    public const string DefaultSecurityGroup = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    public const string Subnet = "aws:ec2/subnet:Subnet";
    public const string InternetGateway = "aws:ec2/internetGateway:InternetGateway";
    public const string Eip = "aws:ec2/eip:Eip";
    public const string NatGateway = "aws:ec2/natGateway:NatGateway";
    public const string RouteTable = "aws:ec2/routeTable:RouteTable";
    public const string Route = "aws:ec2/route:Route";
    public const string RouteTableAssociation = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    public const string VpcEndpoint = "aws:ec2/vpcEndpoint:VpcEndpoint";
    public const string FlowLog = "aws:ec2/flowLog:FlowLog";
    public const string SecurityGroup = "aws:ec2/securityGroup:SecurityGroup";
    public const string IngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    public const string EgressRule = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    public const string LaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate";
    public const string AutoScalingGroup = "aws:autoscaling/group:Group";
    public const string LoadBalancer = "aws:lb/loadBalancer:LoadBalancer";
    public const string TargetGroup = "aws:lb/targetGroup:TargetGroup";
    public const string Listener = "aws:lb/listener:Listener";
    public const string LogGroup = "aws:cloudwatch/logGroup:LogGroup";
    public const string MetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public const string Role = "aws:iam/role:Role";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    public const string RolePolicyAttachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    public const string InstanceProfile = "aws:iam/instanceProfile:InstanceProfile";
    public const string OpenIdConnectProvider = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
    public const string KmsKey = "aws:kms/key:Key";
    public const string Secret = "aws:secretsmanager/secret:Secret";
    public const string SecretVersion = "aws:secretsmanager/secretVersion:SecretVersion";
    public const string KmsAlias = "aws:kms/alias:Alias";
    public const string DbSubnetGroup = "aws:rds/subnetGroup:SubnetGroup";
    public const string DbClusterParameterGroup = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
    public const string DbParameterGroup = "aws:rds/parameterGroup:ParameterGroup";
    public const string DbCluster = "aws:rds/cluster:Cluster";
    public const string DbClusterInstance = "aws:rds/clusterInstance:ClusterInstance";
    public const string Bucket = "aws:s3/bucket:Bucket";
    public const string BucketOwnershipControls = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
    public const string BucketPublicAccessBlock = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    public const string BucketVersioning = "aws:s3/bucketVersioning:BucketVersioning";
    public const string BucketEncryption = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    public const string BucketPolicy = "aws:s3/bucketPolicy:BucketPolicy";
    public const string BucketLifecycle = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
    public const string BucketLogging = "aws:s3/bucketLogging:BucketLogging";
    public const string OpenSearchDomain = "aws:opensearch/domain:Domain";
    public const string EksCluster = "aws:eks/cluster:Cluster";
    public const string EksNodeGroup = "aws:eks/nodeGroup:NodeGroup";
    public const string EksAddon = "aws:eks/addon:Addon";
    public const string EksAccessEntry = "aws:eks/accessEntry:AccessEntry";

    public const string CallerIdentity = "aws:index/getCallerIdentity:getCallerIdentity";

    /// <summary>An existing Secrets Manager secret, looked up by ARN (data source aws_secretsmanager_secret).</summary>
    public const string SecretLookup = "aws:secretsmanager/getSecret:getSecret";
}

/// <summary>Component type tokens: one per concern, each parenting its resources.</summary>
public static class ComponentTypes
{
    public const string Network = "mattermost:infra:Network";
    public const string Database = "mattermost:infra:Database";
    public const string FileStorage = "mattermost:infra:FileStorage";
    public const string Search = "mattermost:infra:Search";
    public const string MattermostCluster = "mattermost:infra:MattermostCluster";
    public const string Observability = "mattermost:infra:Observability";
    public const string KubernetesCluster = "mattermost:infra:KubernetesCluster";

    public static readonly IReadOnlyList<string> All = [Network, Database, FileStorage, Search, MattermostCluster, Observability, KubernetesCluster];
}
