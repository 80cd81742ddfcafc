using System.Collections.Immutable;
using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Sizing;

namespace Infra.Core.Components.Kubernetes;

/// <summary>What the cluster hands to the add-ons, the Mattermost installation, the alarms and the outputs.</summary>
/// <param name="Provider">The <c>pulumi:providers:kubernetes</c> node every Kubernetes resource must name.</param>
/// <param name="NodeGroups">One managed node group per zone, in zone order.</param>
public sealed record EksClusterRefs(
    ComponentScope Scope,
    string Cluster,
    string OidcProvider,
    string Provider,
    ImmutableArray<string> NodeGroups,
    Value Kubeconfig)
{
    public Value ClusterName => V.Ref(Cluster, "name");

    /// <summary>Each node group's auto scaling group, for alarms on the nodes' CPU.</summary>
    public IEnumerable<Value> AutoScalingGroupNames => NodeGroups.Select(n => (Value)V.Ref(n, "resources[0].autoscalingGroups[0].name"));

    /// <summary>Options for a Kubernetes resource: the cluster's provider, never the ambient kubeconfig.</summary>
    public NodeOptions OnCluster(params string[] dependsOn) => new() { Provider = Provider, DependsOn = [.. dependsOn] };
}

/// <summary>
/// EKS: a cluster in the private subnets with secrets encrypted by its own KMS key (FSBP EKS.3), every
/// control-plane log type (EKS.8), a private API endpoint (EKS.1; public only for configured networks),
/// one managed node group per zone sized by <see cref="KubernetesSizing"/> with IMDSv2 and encrypted
/// volumes, the VPC CNI (with network policy enforcement), kube-proxy and CoreDNS as managed add-ons, an
/// OIDC provider for IAM roles for service accounts, and the Kubernetes provider built from the cluster's
/// outputs so that every Kubernetes resource targets this cluster.
/// </summary>
public static class EksClusterComponent
{
    public const string Name = "kubernetes";
    public const string Cluster = "eksCluster";
    public const string OidcProvider = "eksOidcProvider";
    public const string Provider = "kubernetesProvider";
    public const string SecretsKey = "eksSecretsKey";
    public const string NodeVolumeKey = "eksNodeVolumeKey";
    public const string NodeRole = "eksNodeRole";
    public const string NodeLaunchTemplate = "eksNodeLaunchTemplate";

    /// <summary>AL2023, the EKS-optimized AMI family whose reservations <see cref="EksNodeCapacity"/> models.</summary>
    public const string AmiType = "AL2023_x86_64_STANDARD";

    public static readonly ImmutableArray<string> ControlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    public static EksClusterRefs Build(GraphBuilder g, EnvironmentBlueprint bp, NetworkRefs net)
    {
        var s = bp.Settings;
        var k = bp.Sizing.Kubernetes ?? throw new InvalidOperationException("the Kubernetes tier needs the Kubernetes sizing");
        var clusterName = bp.Prefix;
        var c = g.Component(Name, KubernetesTypes.ClusterComponent,
            $"EKS {s.KubernetesVersion}: {k.TotalNodes} x {k.NodeInstanceType} in {k.Zones} zones, " +
            (s.ClusterEndpointPublicCidrs.IsEmpty ? "private API endpoint" : $"API endpoint public for {s.ClusterEndpointPublicCidrs.Length} network(s)"));

        var account = CallerIdentity.Ensure(g);
        KmsKeys.Add(c, bp, SecretsKey, "envelope encryption of Kubernetes secrets");
        BuildClusterRole(c, bp);

        var logGroup = c.Add("eksClusterLogGroup", AwsTypes.LogGroup, V.Map(
            ("name", $"/aws/eks/{clusterName}/cluster"),
            ("retentionInDays", s.LogRetentionDays),
            ("tags", Tagging.Tags(bp, "eks-control-plane-logs"))),
            $"EKS writes control-plane logs to this group (its name is fixed by EKS); created first so that they are kept {s.LogRetentionDays} days, not forever");

        var publicApi = !s.ClusterEndpointPublicCidrs.IsEmpty;
        c.Add(Cluster, AwsTypes.EksCluster, V.Map(
            ("name", clusterName),
            ("version", s.KubernetesVersion),
            ("roleArn", V.Ref("eksClusterRole", "arn")),
            ("vpcConfig", V.Map(
                ("subnetIds", V.List(net.PrivateSubnetIds)),
                ("securityGroupIds", V.List(V.Ref(net.ControlPlaneSecurityGroup!, "id"))),
                ("endpointPrivateAccess", true),
                ("endpointPublicAccess", publicApi),
                ("publicAccessCidrs", publicApi ? V.Strings(s.ClusterEndpointPublicCidrs) : null))),
            ("encryptionConfig", V.Map(
                ("provider", V.Map(("keyArn", V.Ref(SecretsKey, "arn")))),
                ("resources", V.Strings(["secrets"])))),
            ("enabledClusterLogTypes", V.Strings(ControlPlaneLogTypes)),
            ("accessConfig", V.Map(
                ("authenticationMode", "API"),
                ("bootstrapClusterCreatorAdminPermissions", true))),
            ("bootstrapSelfManagedAddons", false),
            ("upgradePolicy", V.Map(("supportType", "STANDARD"))),
            ("deletionProtection", s.IsProduction),
            ("tags", Tagging.Tags(bp, "eks"))),
            $"EKS {s.KubernetesVersion} in the private subnets; secrets envelope-encrypted with {SecretsKey} (FSBP EKS.3); all control-plane logs (EKS.8); " +
            (publicApi ? $"API endpoint private and public only for {string.Join(", ", s.ClusterEndpointPublicCidrs)} (EKS.1 waived by configuration)" : "API endpoint private only (FSBP EKS.1)") +
            "; access entries (API mode) instead of the aws-auth ConfigMap, the deploying identity is the first administrator; standard support only (no extended-support charges)" +
            (s.IsProduction ? "; deletion protection on" : ""),
            KmsKeys.Stateful(bp, new NodeOptions { DependsOn = [logGroup.Name, "eksClusterPolicy", "eksClusterRoleKms"] }));

        c.Add(OidcProvider, AwsTypes.OpenIdConnectProvider, V.Map(
            ("url", V.Ref(Cluster, "identities[0].oidcs[0].issuer")),
            ("clientIdLists", V.Strings(["sts.amazonaws.com"])),
            ("tags", Tagging.Tags(bp, "eks-oidc"))),
            "trusts the cluster's service-account tokens, so that pods assume IAM roles (IRSA) instead of holding keys");

        BuildNodes(c, bp, net, k, account);
        var nodeGroups = BuildNodeGroups(c, bp, k);
        BuildAddons(c, bp, nodeGroups);

        var kubeconfig = Kubeconfig(s.Region, clusterName);
        c.Add(Provider, KubernetesTypes.Provider, V.Map(
            ("kubeconfig", kubeconfig)),
            "the Kubernetes provider built from the new cluster's endpoint, CA and name (token from `aws eks get-token`): every Kubernetes resource names it, none uses an ambient kubeconfig; it waits for the nodes and CoreDNS",
            new NodeOptions { DependsOn = [.. nodeGroups, "eksAddonCoreDns"] });

        return new EksClusterRefs(c, Cluster, OidcProvider, Provider, [.. nodeGroups], kubeconfig);
    }

    /// <summary>
    /// A kubeconfig (as JSON, which kubectl reads) that asks the AWS CLI for a short-lived token: it holds
    /// no credential, so it can be handed to administrators as a stack output.
    /// </summary>
    public static Value Kubeconfig(string region, string name)
    {
        var exec = V.Map(
            ("apiVersion", "client.authentication.k8s.io/v1beta1"),
            ("command", "aws"),
            ("args", V.List("--region", region, "eks", "get-token", "--cluster-name", V.Ref(Cluster, "name"), "--output", "json")),
            ("interactiveMode", "Never"));
        var cluster = V.Map(
            ("server", V.Ref(Cluster, "endpoint")),
            ("certificate-authority-data", V.Ref(Cluster, "certificateAuthority.data")));
        return V.Json(V.Map(
            ("apiVersion", "v1"),
            ("kind", "Config"),
            ("clusters", V.List(V.Map(("name", name), ("cluster", cluster)))),
            ("contexts", V.List(V.Map(("name", name), ("context", V.Map(("cluster", name), ("user", name)))))),
            ("current-context", name),
            ("users", V.List(V.Map(("name", name), ("user", V.Map(("exec", exec))))))));
    }

    private static void BuildClusterRole(ComponentScope c, EnvironmentBlueprint bp)
    {
        c.Add("eksClusterRole", AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("eks.amazonaws.com")),
            ("description", $"{bp.Prefix} EKS control plane"),
            ("tags", Tagging.Tags(bp, "eks-cluster"))),
            "identity of the EKS control plane");
        c.Add("eksClusterPolicy", AwsTypes.RolePolicyAttachment, V.Map(
            ("role", V.Ref("eksClusterRole", "name")),
            ("policyArn", "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")),
            "AWS-managed policy the EKS control plane needs");
        c.Add("eksClusterRoleKms", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref("eksClusterRole", "id")),
            ("policy", Iam.Document(
                Iam.Allow("EnvelopeEncryptionOfSecrets", ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"], V.Ref(SecretsKey, "arn"))))),
            "the control plane may use only its own secrets key (envelope encryption, FSBP EKS.3)");
    }

    private static void BuildNodes(ComponentScope c, EnvironmentBlueprint bp, NetworkRefs net, KubernetesSizingPlan k, Value account)
    {
        // Managed node groups launch through the auto scaling service-linked role, which must be allowed to use the volume key.
        InstanceHardening.AddVolumeKey(c, bp, NodeVolumeKey, "EKS node volumes", account);

        c.Add(NodeRole, AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("ec2.amazonaws.com")),
            ("description", $"{bp.Prefix} EKS nodes"),
            ("tags", Tagging.Tags(bp, "eks-node"))),
            "identity of the nodes: join the cluster, pull images, Systems Manager; pods get their own roles (IRSA), and the VPC CNI's permissions sit on its own role");
        foreach (var (name, policy, why) in new[]
        {
            ("eksNodeWorkerPolicy", "AmazonEKSWorkerNodePolicy", "nodes register with the cluster"),
            ("eksNodeEcrPolicy", "AmazonEC2ContainerRegistryReadOnly", "nodes pull the EKS add-on images from ECR"),
            ("eksNodeSsmPolicy", "AmazonSSMManagedInstanceCore", "shell access through Systems Manager Session Manager instead of SSH (FSBP SSM.1)"),
        })
            c.Add(name, AwsTypes.RolePolicyAttachment, V.Map(
                ("role", V.Ref(NodeRole, "name")),
                ("policyArn", $"arn:aws:iam::aws:policy/{policy}")),
                why);

        c.Add(NodeLaunchTemplate, AwsTypes.LaunchTemplate,
            InstanceHardening.LaunchTemplate(bp, $"{bp.Prefix} EKS node", net.AppSecurityGroup, NodeVolumeKey, "eks-node"),
            "IMDSv2 required with hop limit 1, so that pods cannot borrow the node's role (FSBP EC2.8; security-baseline.md §1.2, IMDS on EKS); " +
            "50 GiB gp3 root volume encrypted with the node volume key (EC2.3); the app security group (no public IP, no SSH key); the AMI is EKS's AL2023 image for the cluster version");
    }

    private static List<string> BuildNodeGroups(ComponentScope c, EnvironmentBlueprint bp, KubernetesSizingPlan k)
    {
        var groups = new List<string>();
        foreach (var subnet in bp.SubnetsOf(SubnetTier.Private))
        {
            var name = $"eksNodeGroup{subnet.ZoneSuffix}";
            c.Add(name, AwsTypes.EksNodeGroup, V.Map(
                ("clusterName", V.Ref(Cluster, "name")),
                ("nodeRoleArn", V.Ref(NodeRole, "arn")),
                ("subnetIds", V.List(V.Ref($"privateSubnet{subnet.ZoneSuffix}", "id"))),
                ("instanceTypes", V.Strings([k.NodeInstanceType])),
                ("amiType", AmiType),
                ("capacityType", "ON_DEMAND"),
                ("scalingConfig", V.Map(
                    ("desiredSize", k.NodesPerZone),
                    ("minSize", k.NodesPerZone),
                    ("maxSize", k.MaxNodesPerZone))),
                ("updateConfig", V.Map(("maxUnavailable", 1))),
                ("launchTemplate", V.Map(
                    ("id", V.Ref(NodeLaunchTemplate, "id")),
                    ("version", V.Ref(NodeLaunchTemplate, "latestVersion")))),
                ("labels", V.Map(("mattermost.com/node-group", subnet.Zone))),
                ("tags", Tagging.Tags(bp, $"eks-nodes-{subnet.Zone}"))),
                $"{k.NodesPerZone} x {k.NodeInstanceType} in {subnet.Zone} (on-demand); one group per zone keeps the same count in every zone, so the N+1 rule holds whichever zone fails; " +
                $"up to {k.MaxNodesPerZone} while nodes are replaced one at a time",
                new NodeOptions { DependsOn = ["eksNodeWorkerPolicy", "eksNodeEcrPolicy", "eksAddonVpcCni", "eksAddonKubeProxy"] });
            groups.Add(name);
        }
        return groups;
    }

    private static void BuildAddons(ComponentScope c, EnvironmentBlueprint bp, List<string> nodeGroups)
    {
        Irsa.Role(c, bp, "vpcCniRole", OidcProvider, "kube-system", "aws-node", "the VPC CNI assigns pod addresses");
        c.Add("vpcCniPolicy", AwsTypes.RolePolicyAttachment, V.Map(
            ("role", V.Ref("vpcCniRole", "name")),
            ("policyArn", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy")),
            "AWS-managed policy of the VPC CNI, on its own role rather than the node role");

        Value Addon(string addon) => V.Map(
            ("clusterName", V.Ref(Cluster, "name")),
            ("addonName", addon),
            ("resolveConflictsOnCreate", "OVERWRITE"),
            ("resolveConflictsOnUpdate", "OVERWRITE"),
            ("tags", Tagging.Tags(bp, $"eks-addon-{addon}")));
        c.Add("eksAddonVpcCni", AwsTypes.EksAddon, ((MapValue)Addon("vpc-cni"))
                .With("serviceAccountRoleArn", V.Ref("vpcCniRole", "arn"))
                .With("configurationValues", V.Json(V.Map(("enableNetworkPolicy", "true")))),
            "pod networking in the VPC; enableNetworkPolicy turns on the network policy agent, without which NetworkPolicies are not enforced (security-baseline.md §4.2)",
            new NodeOptions { DependsOn = ["vpcCniPolicy"] });
        c.Add("eksAddonKubeProxy", AwsTypes.EksAddon, (MapValue)Addon("kube-proxy"),
            "service routing on every node, managed and patched by EKS");
        c.Add("eksAddonCoreDns", AwsTypes.EksAddon, (MapValue)Addon("coredns"),
            $"cluster DNS ({KubernetesSystemPods.CoreDns.Replicas} replicas), managed by EKS; created once nodes exist to run it",
            new NodeOptions { DependsOn = [.. nodeGroups] });
    }
}
