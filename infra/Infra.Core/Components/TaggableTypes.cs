using System.Collections.Frozen;

namespace Infra.Core.Components;

/// <summary>
/// The resource types of this project whose provider inputs include <c>tags</c> (pulumi-aws 7.48.0,
/// shared/provider-schemas/aws.json), and so must carry the stack's tags. Auto scaling groups take
/// tags as a list of {key, value, propagateAtLaunch}; every other type takes a map.
/// </summary>
public static class TaggableTypes
{
    public static readonly FrozenSet<string> MapTagged = FrozenSet.Create(StringComparer.Ordinal,
        AwsTypes.Vpc, AwsTypes.DefaultSecurityGroup, AwsTypes.Subnet, AwsTypes.InternetGateway, AwsTypes.Eip,
        AwsTypes.NatGateway, AwsTypes.RouteTable, AwsTypes.VpcEndpoint, AwsTypes.FlowLog, AwsTypes.SecurityGroup,
        AwsTypes.IngressRule, AwsTypes.EgressRule, AwsTypes.LaunchTemplate, AwsTypes.LoadBalancer,
        AwsTypes.TargetGroup, AwsTypes.Listener, AwsTypes.LogGroup, AwsTypes.MetricAlarm, AwsTypes.Role,
        AwsTypes.InstanceProfile, AwsTypes.OpenIdConnectProvider, AwsTypes.KmsKey, AwsTypes.DbSubnetGroup,
        AwsTypes.DbClusterParameterGroup, AwsTypes.DbParameterGroup, AwsTypes.DbCluster, AwsTypes.DbClusterInstance,
        AwsTypes.Bucket, AwsTypes.OpenSearchDomain, AwsTypes.EksCluster, AwsTypes.EksNodeGroup, AwsTypes.EksAddon,
        AwsTypes.EksAccessEntry, AwsTypes.Secret, AwsTypes.LambdaFunction, AwsTypes.ServerlessApplicationStack);

    public static readonly FrozenSet<string> ListTagged = FrozenSet.Create(StringComparer.Ordinal, AwsTypes.AutoScalingGroup);

    public static bool IsTaggable(string type) => MapTagged.Contains(type) || ListTagged.Contains(type);
}
