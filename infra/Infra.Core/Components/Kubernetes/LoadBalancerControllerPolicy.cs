using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>
/// Permissions of the AWS Load Balancer Controller, narrowed to what an ALB ingress with a security group
/// given by this tool needs: read the VPC and certificates, and create, change and delete only the load
/// balancers, listeners, rules and target groups it tagged for this cluster (elbv2.k8s.aws/cluster). It
/// never creates or edits security groups (the ingress names the load balancer group; backend rules are
/// off) and has no WAF or Shield rights (turned off in the chart values). Written from the controller's
/// documented policy (kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json).
/// </summary>
public static class LoadBalancerControllerPolicy
{
    private const string ClusterTag = "elbv2.k8s.aws/cluster";

    public static Value Document(string region) => Iam.Document(
        V.Map(("Sid", "CreateElbServiceLinkedRole"), ("Effect", "Allow"), ("Action", "iam:CreateServiceLinkedRole"), ("Resource", "*"),
            ("Condition", V.Map(("StringEquals", V.Map(("iam:AWSServiceName", "elasticloadbalancing.amazonaws.com")))))),
        V.Map(("Sid", "Describe"), ("Effect", "Allow"), ("Resource", "*"), ("Action", V.Strings([
            "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones", "ec2:DescribeInternetGateways",
            "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
            "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:DescribeRouteTables",
            "ec2:GetSecurityGroupsForVpc", "ec2:DescribeIpamPools", "ec2:GetCoipPoolUsage", "ec2:DescribeCoipPools",
            "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerCertificates",
            "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeSSLPolicies",
            "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetHealth",
            "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTrustStores",
            "elasticloadbalancing:DescribeCapacityReservation",
            "acm:ListCertificates", "acm:DescribeCertificate",
            "iam:ListServerCertificates", "iam:GetServerCertificate"]))),
        V.Map(("Sid", "CreateTaggedLoadBalancers"), ("Effect", "Allow"), ("Resource", "*"),
            ("Action", V.Strings(["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"])),
            ("Condition", V.Map(("Null", V.Map(($"aws:RequestTag/{ClusterTag}", "false")))))),
        V.Map(("Sid", "ListenersAndRules"), ("Effect", "Allow"), ("Resource", "*"), ("Action", V.Strings([
            "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener",
            "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule"]))),
        V.Map(("Sid", "TagOnCreate"), ("Effect", "Allow"), ("Action", "elasticloadbalancing:AddTags"),
            ("Resource", V.Strings([
                $"arn:aws:elasticloadbalancing:{region}:*:targetgroup/*/*",
                $"arn:aws:elasticloadbalancing:{region}:*:loadbalancer/app/*/*",
                $"arn:aws:elasticloadbalancing:{region}:*:listener/app/*/*/*",
                $"arn:aws:elasticloadbalancing:{region}:*:listener-rule/app/*/*/*"])),
            ("Condition", V.Map(
                ("StringEquals", V.Map(("elasticloadbalancing:CreateAction", V.Strings(["CreateTargetGroup", "CreateLoadBalancer", "CreateListener", "CreateRule"])))),
                ("Null", V.Map(($"aws:RequestTag/{ClusterTag}", "false")))))),
        V.Map(("Sid", "RetagOwnResources"), ("Effect", "Allow"),
            ("Action", V.Strings(["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"])),
            ("Resource", V.Strings([
                $"arn:aws:elasticloadbalancing:{region}:*:targetgroup/*/*",
                $"arn:aws:elasticloadbalancing:{region}:*:loadbalancer/app/*/*"])),
            ("Condition", V.Map(("Null", V.Map(($"aws:ResourceTag/{ClusterTag}", "false")))))),
        V.Map(("Sid", "ManageOwnLoadBalancers"), ("Effect", "Allow"), ("Resource", "*"), ("Action", V.Strings([
            "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
            "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
            "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
            "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
            "elasticloadbalancing:ModifyListenerAttributes"])),
            ("Condition", V.Map(("Null", V.Map(($"aws:ResourceTag/{ClusterTag}", "false")))))),
        V.Map(("Sid", "RegisterPodTargets"), ("Effect", "Allow"),
            ("Action", V.Strings(["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"])),
            ("Resource", $"arn:aws:elasticloadbalancing:{region}:*:targetgroup/*/*")),
        V.Map(("Sid", "ListenerSettings"), ("Effect", "Allow"), ("Resource", "*"), ("Action", V.Strings([
            "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:ModifyRule",
            "elasticloadbalancing:SetRulePriorities"]))));
}
