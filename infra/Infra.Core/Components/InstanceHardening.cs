using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// What every EC2 launch template of this project shares, whether it starts a Mattermost node or an EKS
/// node: IMDSv2 only with hop limit 1, an encrypted gp3 root volume under a customer-managed key that
/// the auto scaling service may use, detailed monitoring, tagged instances and volumes.
/// </summary>
public static class InstanceHardening
{
    /// <summary>
    /// A volume key whose policy lets the auto scaling service-linked role use it: auto scaling groups and
    /// EKS managed node groups launch instances through that role, and without this the launch fails.
    /// </summary>
    public static void AddVolumeKey(ComponentScope c, EnvironmentBlueprint bp, string name, string purpose, Value account)
    {
        var asgRole = V.Concat("arn:aws:iam::", account, ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        KmsKeys.Add(c, bp, name, purpose, Iam.Document(
            V.Map(("Sid", "AccountAdministers"), ("Effect", "Allow"),
                ("Principal", V.Map(("AWS", V.Concat("arn:aws:iam::", account, ":root")))), ("Action", "kms:*"), ("Resource", "*")),
            V.Map(("Sid", "AutoScalingUsesKey"), ("Effect", "Allow"), ("Principal", V.Map(("AWS", asgRole))),
                ("Action", V.Strings(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"])), ("Resource", "*")),
            V.Map(("Sid", "AutoScalingAttachesVolumes"), ("Effect", "Allow"), ("Principal", V.Map(("AWS", asgRole))),
                ("Action", "kms:CreateGrant"), ("Resource", "*"),
                ("Condition", V.Map(("Bool", V.Map(("kms:GrantIsForAWSResource", "true"))))))));
    }

    /// <summary>The shared launch-template inputs; callers add the image, type, profile and user data they need.</summary>
    public static MapValue LaunchTemplate(EnvironmentBlueprint bp, string description, string securityGroup, string volumeKey, string tagName) =>
        V.Map(
            ("description", description),
            ("vpcSecurityGroupIds", V.List(V.Ref(securityGroup, "id"))),
            ("metadataOptions", V.Map(
                ("httpEndpoint", "enabled"),
                ("httpTokens", "required"),
                ("httpPutResponseHopLimit", 1),
                ("instanceMetadataTags", "disabled"))),
            ("blockDeviceMappings", V.List(V.Map(
                ("deviceName", "/dev/xvda"),
                ("ebs", V.Map(
                    ("encrypted", "true"),
                    ("kmsKeyId", V.Ref(volumeKey, "arn")),
                    ("volumeSize", 50),
                    ("volumeType", "gp3"),
                    ("deleteOnTermination", "true")))))),
            ("monitoring", V.Map(("enabled", true))),
            ("updateDefaultVersion", true),
            ("tagSpecifications", V.List(
                V.Map(("resourceType", "instance"), ("tags", Tagging.Tags(bp, tagName))),
                V.Map(("resourceType", "volume"), ("tags", Tagging.Tags(bp, tagName))))),
            ("tags", Tagging.Tags(bp, tagName)));
}
