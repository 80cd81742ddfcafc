using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>What the app tier hands to observability and the stack outputs.</summary>
/// <param name="NodeGroupAutoScalingGroups">The Kubernetes tier's node groups' auto scaling groups (one per zone).</param>
public sealed record AppTierRefs(Value Address, Value? LoadBalancerArnSuffix, Value? TargetGroupArnSuffix, Value? AutoScalingGroupName,
    IReadOnlyList<Value>? NodeGroupAutoScalingGroups = null);

/// <summary>
/// Mattermost on EC2: a launch template (IMDSv2 only, encrypted root volume, no public IP, no SSH key:
/// Systems Manager instead), an auto scaling group spread over the private subnets, and an internet-facing
/// ALB that terminates TLS and health-checks <c>/api/v4/system/ping</c>.
/// </summary>
public static class VmAppTierComponent
{
    public const string Name = "mattermost";
    public const string LoadBalancer = "loadBalancer";
    public const string TargetGroup = "appTargetGroup";
    public const string AutoScalingGroup = "appAutoScalingGroup";
    public const string Role = "appRole";
    public const string VolumeKey = "appVolumeKey";
    public const string LicenseSecret = "appLicenseSecret";

    /// <summary>Modern TLS only (1.2 and 1.3), as the docs' NGINX sample (ssl_protocols TLSv1.2 TLSv1.3).</summary>
    public const string TlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    public static AppTierRefs Build(GraphBuilder g, EnvironmentBlueprint bp, NetworkRefs net, DatabaseRefs db, FileStorageRefs files, Value? searchEndpoint, Value logGroupName, Value logGroupArn)
    {
        var s = bp.Settings;
        var app = bp.Sizing.App;
        var c = g.Component(Name, ComponentTypes.MattermostCluster,
            s.HighAvailability
                ? $"Mattermost {s.MattermostVersion} cluster: {app.Nodes} x {app.InstanceType} across {app.ZoneCount} zones behind an ALB"
                : $"Mattermost {s.MattermostVersion} single node: 1 x {app.InstanceType} behind an ALB");

        var account = CallerIdentity.Ensure(g);
        InstanceHardening.AddVolumeKey(c, bp, VolumeKey, "app node volumes", account);

        Value? licenseArn = null;
        if (s.LicenseKey is { } licenseKey)
        {
            c.Add(LicenseSecret, AwsTypes.Secret, V.Map(
                ("description", $"{bp.Prefix}: Mattermost Enterprise licence"),
                ("tags", Tagging.Tags(bp, "licence"))),
                $"holds the Enterprise licence from the stack's secret {licenseKey.Key}; app nodes read it at boot (MM_LICENSE)",
                KmsKeys.Stateful(bp));
            c.Add("appLicenseSecretValue", AwsTypes.SecretVersion, V.Map(
                ("secretId", V.Ref(LicenseSecret, "id")),
                ("secretString", V.Secret(V.Config(licenseKey.Key)))),
                "the licence text, a Pulumi secret end to end (encrypted in the state, never in outputs)");
            licenseArn = V.Ref(LicenseSecret, "arn");
        }

        var appSecrets = MattermostAppSecrets.Build(c, bp);

        c.Add(Role, AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("ec2.amazonaws.com")),
            ("description", $"{bp.Prefix} app nodes"),
            ("tags", Tagging.Tags(bp, "app"))),
            "identity of the app nodes: no static keys anywhere (S3 and Secrets Manager through the instance role)");
        c.Add("appRoleSsm", AwsTypes.RolePolicyAttachment, V.Map(
            ("role", V.Ref(Role, "name")),
            ("policyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")),
            "shell access through Systems Manager Session Manager instead of SSH (FSBP SSM.1, EC2.13)");
        c.Add("appRolePolicy", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref(Role, "id")),
            ("policy", Iam.Document(
                Iam.Allow("ListOwnBucket", ["s3:ListBucket", "s3:GetBucketLocation"], files.BucketArn),
                Iam.Allow("ReadWriteOwnFiles", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                    V.Concat(files.BucketArn, "/*")),
                Iam.Allow("UseFilesKey", ["kms:Decrypt", "kms:GenerateDataKey"], files.KeyArn),
                Iam.Allow("ReadOwnSecrets", ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                    [db.SecretArn, .. licenseArn is null ? [] : new[] { licenseArn }, .. appSecrets.Select(a => a.SecretArn)]),
                Iam.Allow("DecryptOwnDatabaseSecret", ["kms:Decrypt"], db.KeyArn),
                Iam.Allow("WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], logGroupArn, V.Concat(logGroupArn, ":*"))))),
            "least privilege: only its own bucket, files key, database secret and log group (FSBP IAM.1, IAM.21)");
        c.Add("appInstanceProfile", AwsTypes.InstanceProfile, V.Map(
            ("role", V.Ref(Role, "name")),
            ("tags", Tagging.Tags(bp, "app"))),
            "carries the app role onto the instances");

        c.Add("appLaunchTemplate", AwsTypes.LaunchTemplate,
            InstanceHardening.LaunchTemplate(bp, $"{bp.Prefix} Mattermost {s.MattermostVersion} app node", net.AppSecurityGroup, VolumeKey, "app")
                .With("imageId", "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
                .With("instanceType", app.InstanceType)
                .With("iamInstanceProfile", V.Map(("arn", V.Ref("appInstanceProfile", "arn"))))
                .With("userData", V.Base64(UserData.Script(bp, db, files, searchEndpoint, logGroupName, licenseArn, appSecrets))),
            $"{app.InstanceType}: IMDSv2 required with hop limit 1 (FSBP EC2.8, EC2.170; CIS 5.6), 50 GiB gp3 root volume encrypted with the volume key (EC2.3), no public IP and no SSH key pair");

        c.Add(TargetGroup, AwsTypes.TargetGroup, V.Map(
            ("port", 8065),
            ("protocol", "HTTP"),
            ("targetType", "instance"),
            ("vpcId", net.VpcId),
            ("deregistrationDelay", 30),
            ("healthCheck", V.Map(
                ("enabled", true),
                ("path", "/api/v4/system/ping"),
                ("port", "8065"),
                ("protocol", "HTTP"),
                ("matcher", "200"),
                ("interval", 10),
                ("timeout", 5),
                ("healthyThreshold", 2),
                ("unhealthyThreshold", 3))),
            ("tags", Tagging.Tags(bp, "app"))),
            "app nodes on 8065, actively health-checked on GET /api/v4/system/ping (HA guide, Proxy server section)");

        c.Add(AutoScalingGroup, AwsTypes.AutoScalingGroup, V.Map(
            ("vpcZoneIdentifiers", V.List(net.PrivateSubnetIds)),
            ("minSize", app.Nodes),
            ("desiredCapacity", app.Nodes),
            ("maxSize", app.MaxNodes),
            ("launchTemplate", V.Map(("id", V.Ref("appLaunchTemplate", "id")), ("version", "$Latest"))),
            ("targetGroupArns", V.List(V.Ref(TargetGroup, "arn"))),
            ("healthCheckType", "ELB"),
            ("healthCheckGracePeriod", 600),
            ("instanceRefresh", V.Map(
                ("strategy", "Rolling"),
                ("preferences", V.Map(("minHealthyPercentage", 100), ("maxHealthyPercentage", 200), ("instanceWarmup", 300))))),
            ("enabledMetrics", V.Strings(["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"])),
            ("tags", Tagging.AsgTags(bp, "app"))),
            s.HighAvailability
                ? $"{app.Nodes} nodes spread over {app.ZoneCount} zones; {app.NodesAfterZoneLoss} remain after a zone loss and carry the peak; rolling refresh launches replacements before retiring nodes (ELB health checks, FSBP AutoScaling.1/.2)"
                : "one node; a failed node is replaced automatically (ELB health checks)");

        c.Add(LoadBalancer, AwsTypes.LoadBalancer, V.Map(
            ("loadBalancerType", "application"),
            ("internal", false),
            ("securityGroups", V.List(V.Ref(net.LoadBalancerSecurityGroup, "id"))),
            ("subnets", V.List(net.PublicSubnetIds)),
            ("dropInvalidHeaderFields", true),
            ("desyncMitigationMode", "defensive"),
            ("idleTimeout", 600),
            ("enableHttp2", true),
            ("enableDeletionProtection", s.IsProduction),
            ("tags", Tagging.Tags(bp, "alb"))),
            "internet-facing ALB in the public subnets of every zone (FSBP ELB.13); drops invalid headers (ELB.4), defensive desync mitigation (ELB.12); 600 s idle timeout as the docs' proxy_read_timeout");
        c.Add("httpsListener", AwsTypes.Listener, V.Map(
            ("loadBalancerArn", V.Ref(LoadBalancer, "arn")),
            ("port", 443),
            ("protocol", "HTTPS"),
            ("sslPolicy", TlsPolicy),
            ("certificateArn", s.CertificateArn),
            ("defaultActions", V.List(V.Map(("type", "forward"), ("targetGroupArn", V.Ref(TargetGroup, "arn"))))),
            ("tags", Tagging.Tags(bp, "https"))),
            $"TLS 1.2/1.3 only ({TlsPolicy}) with the stack's ACM certificate; WebSockets pass through");
        c.Add("httpListener", AwsTypes.Listener, V.Map(
            ("loadBalancerArn", V.Ref(LoadBalancer, "arn")),
            ("port", 80),
            ("protocol", "HTTP"),
            ("defaultActions", V.List(V.Map(
                ("type", "redirect"),
                ("redirect", V.Map(("port", "443"), ("protocol", "HTTPS"), ("statusCode", "HTTP_301")))))),
            ("tags", Tagging.Tags(bp, "http-redirect"))),
            "port 80 only redirects to HTTPS (FSBP ELB.1)");

        return new AppTierRefs(V.Ref(LoadBalancer, "dnsName"), V.Ref(LoadBalancer, "arnSuffix"), V.Ref(TargetGroup, "arnSuffix"), V.Ref(AutoScalingGroup, "name"));
    }
}

/// <summary>The account id, read once per deployment, for policies that must name the account.</summary>
public static class CallerIdentity
{
    public const string Name = "callerIdentity";

    public static Value Ensure(GraphBuilder g)
    {
        if (!g.HasLookup(Name))
            g.Lookup(Name, AwsTypes.CallerIdentity, MapValue.Empty, "the deploying account's id, for key policies that name the account and its service-linked roles");
        return V.Ref(Name, "accountId");
    }
}
