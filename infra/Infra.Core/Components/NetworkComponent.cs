using System.Collections.Immutable;
using Infra.Core.Blueprint;
using Infra.Core.Graph;
using Infra.Core.Settings;

namespace Infra.Core.Components;

/// <summary>What the network hands to the other components.</summary>
public sealed record NetworkRefs(
    Value VpcId,
    Value VpcCidr,
    ImmutableArray<Value> PublicSubnetIds,
    ImmutableArray<Value> PrivateSubnetIds,
    ImmutableArray<Value> DatabaseSubnetIds,
    ImmutableArray<Value> PrivateRouteTableIds,
    string LoadBalancerSecurityGroup,
    string AppSecurityGroup,
    string DatabaseSecurityGroup,
    string? SearchSecurityGroup,
    string? ControlPlaneSecurityGroup = null);

/// <summary>
/// The VPC and its security posture: three subnet tiers per zone, internet and NAT gateways, an S3
/// gateway endpoint, flow logs, a closed default security group and one security group per role with
/// only the ports Mattermost needs (mattermost-sizing.md Table 11).
/// </summary>
public static class NetworkComponent
{
    public const string Name = "network";
    public const string LoadBalancerSg = "loadBalancerSecurityGroup";
    public const string AppSg = "appSecurityGroup";
    public const string DatabaseSg = "databaseSecurityGroup";
    public const string SearchSg = "searchSecurityGroup";
    public const string ControlPlaneSg = "eksControlPlaneSecurityGroup";

    private const string PortsDoc = "https://docs.mattermost.com/deployment-guide/reference-architecture/application-architecture.html (ports)";

    public static NetworkRefs Build(GraphBuilder g, EnvironmentBlueprint bp, bool withSearch, string appRole = "app")
    {
        var s = bp.Settings;
        var c = g.Component(Name, ComponentTypes.Network,
            $"VPC {s.VpcCidr} across {s.AvailabilityZoneCount} zones ({string.Join(", ", s.AvailabilityZones)}) with public, private and database subnets");

        c.Add("vpc", AwsTypes.Vpc, V.Map(
            ("cidrBlock", s.VpcCidr),
            ("enableDnsHostnames", true),
            ("enableDnsSupport", true),
            ("tags", Tagging.Tags(bp, "vpc"))),
            $"one VPC per stack; {s.VpcCidr} is distinct per stack so that environments can be peered");
        var vpcId = V.Ref("vpc", "id");

        c.Add("defaultSecurityGroup", AwsTypes.DefaultSecurityGroup, V.Map(
            ("vpcId", vpcId),
            ("tags", Tagging.Tags(bp, "default-closed"))),
            "takes over the VPC's default security group and removes all its rules (FSBP EC2.2, CIS 5.4)");

        var publicIds = new List<Value>();
        var privateIds = new List<Value>();
        var databaseIds = new List<Value>();
        foreach (var sn in bp.Subnets)
        {
            var (name, purpose) = sn.Tier switch
            {
                SubnetTier.Public => ($"publicSubnet{sn.ZoneSuffix}", "load balancer and NAT gateway"),
                SubnetTier.Private => ($"privateSubnet{sn.ZoneSuffix}", appRole == "app" ? "Mattermost app nodes" : "EKS nodes and pods"),
                _ => ($"databaseSubnet{sn.ZoneSuffix}", "database instances, no route to the internet"),
            };
            var tags = Tagging.Tags(bp, $"{sn.Tier.ToString().ToLowerInvariant()}-{sn.Zone}");
            if (s.AppTier == AppTierKind.Kubernetes && sn.Tier != SubnetTier.Database)
                tags = tags.With(sn.Tier == SubnetTier.Public ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb", "1");
            c.Add(name, AwsTypes.Subnet, V.Map(
                ("vpcId", vpcId),
                ("cidrBlock", sn.CidrBlock),
                ("availabilityZone", sn.Zone),
                ("mapPublicIpOnLaunch", false),
                ("tags", tags)),
                $"{sn.Tier.ToString().ToLowerInvariant()} subnet in {sn.Zone} for the {purpose}; no public IPs assigned on launch (FSBP EC2.15)");
            (sn.Tier switch { SubnetTier.Public => publicIds, SubnetTier.Private => privateIds, _ => databaseIds }).Add(V.Ref(name, "id"));
        }

        c.Add("internetGateway", AwsTypes.InternetGateway, V.Map(("vpcId", vpcId), ("tags", Tagging.Tags(bp, "igw"))),
            "internet access for the public subnets (load balancer, NAT)");
        c.Add("publicRouteTable", AwsTypes.RouteTable, V.Map(("vpcId", vpcId), ("tags", Tagging.Tags(bp, "public"))),
            "routes of the public subnets");
        c.Add("publicDefaultRoute", AwsTypes.Route, V.Map(
            ("routeTableId", V.Ref("publicRouteTable", "id")),
            ("destinationCidrBlock", "0.0.0.0/0"),
            ("gatewayId", V.Ref("internetGateway", "id"))),
            "public subnets reach the internet through the internet gateway");

        var zones = bp.SubnetsOf(SubnetTier.Public).ToList();
        var natZones = s.NatGatewayPerZone ? zones : zones.Take(1).ToList();
        foreach (var z in natZones)
        {
            c.Add($"natEip{z.ZoneSuffix}", AwsTypes.Eip, V.Map(("domain", "vpc"), ("tags", Tagging.Tags(bp, $"nat-{z.Zone}"))),
                $"public address of the NAT gateway in {z.Zone}");
            c.Add($"natGateway{z.ZoneSuffix}", AwsTypes.NatGateway, V.Map(
                ("allocationId", V.Ref($"natEip{z.ZoneSuffix}", "id")),
                ("subnetId", V.Ref($"publicSubnet{z.ZoneSuffix}", "id")),
                ("tags", Tagging.Tags(bp, $"nat-{z.Zone}"))),
                s.NatGatewayPerZone
                    ? $"outbound internet for private subnets in {z.Zone}; one per zone so that losing a zone does not cut the others off"
                    : "one shared NAT gateway for outbound internet: cheaper, but every zone depends on this one",
                new NodeOptions { DependsOn = ["internetGateway"] });
        }

        var privateRouteTables = new List<Value>();
        foreach (var z in zones)
        {
            var nat = s.NatGatewayPerZone ? z.ZoneSuffix : natZones[0].ZoneSuffix;
            c.Add($"publicRouteAssociation{z.ZoneSuffix}", AwsTypes.RouteTableAssociation, V.Map(
                ("subnetId", V.Ref($"publicSubnet{z.ZoneSuffix}", "id")),
                ("routeTableId", V.Ref("publicRouteTable", "id"))),
                $"public subnet in {z.Zone} uses the public routes");
            c.Add($"privateRouteTable{z.ZoneSuffix}", AwsTypes.RouteTable, V.Map(("vpcId", vpcId), ("tags", Tagging.Tags(bp, $"private-{z.Zone}"))),
                $"routes of the private subnet in {z.Zone}");
            c.Add($"privateDefaultRoute{z.ZoneSuffix}", AwsTypes.Route, V.Map(
                ("routeTableId", V.Ref($"privateRouteTable{z.ZoneSuffix}", "id")),
                ("destinationCidrBlock", "0.0.0.0/0"),
                ("natGatewayId", V.Ref($"natGateway{nat}", "id"))),
                $"private subnet in {z.Zone} reaches the internet (push notifications, updates) only outbound, through NAT");
            c.Add($"privateRouteAssociation{z.ZoneSuffix}", AwsTypes.RouteTableAssociation, V.Map(
                ("subnetId", V.Ref($"privateSubnet{z.ZoneSuffix}", "id")),
                ("routeTableId", V.Ref($"privateRouteTable{z.ZoneSuffix}", "id"))),
                $"private subnet in {z.Zone} uses its zone's routes");
            privateRouteTables.Add(V.Ref($"privateRouteTable{z.ZoneSuffix}", "id"));
        }
        c.Add("databaseRouteTable", AwsTypes.RouteTable, V.Map(("vpcId", vpcId), ("tags", Tagging.Tags(bp, "database"))),
            "database subnets have only the local VPC route: no path to or from the internet");
        foreach (var z in zones)
            c.Add($"databaseRouteAssociation{z.ZoneSuffix}", AwsTypes.RouteTableAssociation, V.Map(
                ("subnetId", V.Ref($"databaseSubnet{z.ZoneSuffix}", "id")),
                ("routeTableId", V.Ref("databaseRouteTable", "id"))),
                $"database subnet in {z.Zone} uses the local-only routes");

        c.Add("s3GatewayEndpoint", AwsTypes.VpcEndpoint, V.Map(
            ("vpcId", vpcId),
            ("serviceName", $"com.amazonaws.{s.Region}.s3"),
            ("vpcEndpointType", "Gateway"),
            ("routeTableIds", V.List(privateRouteTables)),
            ("tags", Tagging.Tags(bp, "s3-endpoint"))),
            "file storage traffic stays on the AWS network and costs no NAT processing");

        BuildFlowLogs(c, bp, vpcId);
        BuildSecurityGroups(c, bp, vpcId, withSearch);

        return new NetworkRefs(vpcId, V.Ref("vpc", "cidrBlock"), [.. publicIds], [.. privateIds], [.. databaseIds], [.. privateRouteTables],
            LoadBalancerSg, AppSg, DatabaseSg, withSearch ? SearchSg : null,
            s.AppTier == AppTierKind.Kubernetes ? ControlPlaneSg : null);
    }

    private static void BuildFlowLogs(ComponentScope c, EnvironmentBlueprint bp, Value vpcId)
    {
        c.Add("flowLogGroup", AwsTypes.LogGroup, V.Map(
            ("name", $"/mattermost/{bp.Settings.Stack}/vpc-flow-logs"),
            ("retentionInDays", bp.Settings.LogRetentionDays),
            ("tags", Tagging.Tags(bp, "flow-logs"))),
            $"VPC flow logs kept {bp.Settings.LogRetentionDays} days");
        c.Add("flowLogRole", AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("vpc-flow-logs.amazonaws.com")),
            ("description", $"VPC flow logs of {bp.Prefix} write to their log group"),
            ("tags", Tagging.Tags(bp, "flow-logs"))),
            "identity the flow-log service uses to write to CloudWatch Logs");
        c.Add("flowLogRolePolicy", AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref("flowLogRole", "id")),
            ("policy", Iam.Document(Iam.Allow("WriteFlowLogs",
                ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                V.Ref("flowLogGroup", "arn"), V.Concat(V.Ref("flowLogGroup", "arn"), ":*"))))),
            "the flow-log role may write only to its own log group");
        c.Add("flowLog", AwsTypes.FlowLog, V.Map(
            ("vpcId", vpcId),
            ("trafficType", "ALL"),
            ("logDestinationType", "cloud-watch-logs"),
            ("logDestination", V.Ref("flowLogGroup", "arn")),
            ("iamRoleArn", V.Ref("flowLogRole", "arn")),
            ("maxAggregationInterval", 60),
            ("tags", Tagging.Tags(bp, "flow-log"))),
            "records accepted and rejected traffic of the whole VPC (FSBP EC2.6, CIS 3.7)");
    }

    private static void BuildSecurityGroups(ComponentScope c, EnvironmentBlueprint bp, Value vpcId, bool withSearch)
    {
        var s = bp.Settings;
        void Group(string name, string description) =>
            c.Add(name, AwsTypes.SecurityGroup, V.Map(
                ("vpcId", vpcId),
                ("description", description),
                ("tags", Tagging.Tags(bp, name))),
                description + "; rules are separate resources and anything not listed is denied");

        Group(LoadBalancerSg, "Mattermost load balancer: HTTPS from clients");
        Group(AppSg, s.AppTier == AppTierKind.Kubernetes ? "Mattermost EKS nodes and pods" : "Mattermost app nodes");
        Group(DatabaseSg, "Mattermost PostgreSQL: 5432 from the app nodes only");
        if (withSearch) Group(SearchSg, "Mattermost OpenSearch: 443 from the app nodes only");

        var sgId = (string name) => V.Ref(name, "id");
        foreach (var cidr in s.AllowedClientCidrs)
        {
            var key = Sanitize(cidr);
            var family = cidr.Contains(':') ? "cidrIpv6" : "cidrIpv4";
            c.Add($"lbHttpsFrom_{key}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(LoadBalancerSg)), ("ipProtocol", "tcp"), ("fromPort", 443), ("toPort", 443),
                (family, cidr), ("description", "HTTPS from clients")),
                $"clients in {cidr} reach the site over HTTPS (mattermost:allowedClientCidrs)");
            c.Add($"lbHttpFrom_{key}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(LoadBalancerSg)), ("ipProtocol", "tcp"), ("fromPort", 80), ("toPort", 80),
                (family, cidr), ("description", "HTTP from clients, answered only with a redirect to HTTPS")),
                $"clients in {cidr} typing http:// are redirected to HTTPS; the listener never forwards plain HTTP (FSBP ELB.1)");
        }
        c.Add("lbToApp", AwsTypes.EgressRule, V.Map(
            ("securityGroupId", sgId(LoadBalancerSg)), ("ipProtocol", "tcp"), ("fromPort", 8065), ("toPort", 8065),
            ("referencedSecurityGroupId", sgId(AppSg)), ("description", "to Mattermost HTTP/WebSocket")),
            "the load balancer forwards to Mattermost's 8065 and health-checks it");
        c.Add("appFromLb", AwsTypes.IngressRule, V.Map(
            ("securityGroupId", sgId(AppSg)), ("ipProtocol", "tcp"), ("fromPort", 8065), ("toPort", 8065),
            ("referencedSecurityGroupId", sgId(LoadBalancerSg)), ("description", "Mattermost HTTP/WebSocket from the load balancer")),
            "8065 (ServiceSettings.ListenAddress) only from the load balancer: " + PortsDoc);
        foreach (var proto in new[] { "tcp", "udp" })
        {
            c.Add($"appGossipIn{proto.ToUpperInvariant()}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(AppSg)), ("ipProtocol", proto), ("fromPort", 8074), ("toPort", 8074),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", $"cluster gossip ({proto}) between app nodes")),
                $"cluster gossip 8074/{proto} between app nodes only; both protocols must be open (ClusterSettings.GossipPort): " + PortsDoc);
            c.Add($"appGossipOut{proto.ToUpperInvariant()}", AwsTypes.EgressRule, V.Map(
                ("securityGroupId", sgId(AppSg)), ("ipProtocol", proto), ("fromPort", 8074), ("toPort", 8074),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", $"cluster gossip ({proto}) to other app nodes")),
                $"app nodes send gossip 8074/{proto} to each other");
        }
        c.Add("appToDatabase", AwsTypes.EgressRule, V.Map(
            ("securityGroupId", sgId(AppSg)), ("ipProtocol", "tcp"), ("fromPort", 5432), ("toPort", 5432),
            ("referencedSecurityGroupId", sgId(DatabaseSg)), ("description", "PostgreSQL")),
            "app nodes connect to PostgreSQL");
        c.Add("appToHttps", AwsTypes.EgressRule, V.Map(
            ("securityGroupId", sgId(AppSg)), ("ipProtocol", "tcp"), ("fromPort", 443), ("toPort", 443),
            ("cidrIpv4", "0.0.0.0/0"), ("description", "HTTPS to AWS APIs, S3, push proxy and updates")),
            "outbound 443 for S3, Secrets Manager, Systems Manager, the push notification service and package updates (through NAT or the S3 endpoint)");
        foreach (var service in AppServices(s))
            foreach (var cidr in service.Networks)
                c.Add($"appTo{service.Name}_{Sanitize(cidr)}", AwsTypes.EgressRule, V.Map(
                    ("securityGroupId", sgId(AppSg)), ("ipProtocol", "tcp"), ("fromPort", service.Port), ("toPort", service.Port),
                    ("cidrIpv4", cidr), ("description", service.Description)),
                    $"{service.Description} in {cidr} ({service.Setting}); the app reaches {service.Port} nowhere else");
        c.Add("databaseFromApp", AwsTypes.IngressRule, V.Map(
            ("securityGroupId", sgId(DatabaseSg)), ("ipProtocol", "tcp"), ("fromPort", 5432), ("toPort", 5432),
            ("referencedSecurityGroupId", sgId(AppSg)), ("description", "PostgreSQL from Mattermost")),
            "PostgreSQL 5432 only from the app nodes; the database has no other ingress and no egress");
        if (s.AppTier == AppTierKind.Kubernetes) BuildEksRules(c, bp, sgId);
        if (withSearch)
        {
            c.Add("searchFromApp", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(SearchSg)), ("ipProtocol", "tcp"), ("fromPort", 443), ("toPort", 443),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", "OpenSearch HTTPS from Mattermost")),
                "AWS OpenSearch listens on 443 only; only the app nodes may reach it (opensearch-setup.rst)");
        }
    }

    /// <summary>
    /// EKS on top of the app rules: the nodes (in the app group) and the control plane's own group reach each
    /// other only where Kubernetes needs it. The API server calls the kubelet (10250), webhooks of pods on the
    /// nodes (443; 9443 for the load balancer controller) and the nodes call the API (443); pods resolve names
    /// through CoreDNS on other nodes (53). The ALB reaches pods on 8065 through the existing app rule.
    /// </summary>
    private static void BuildEksRules(ComponentScope c, EnvironmentBlueprint bp, Func<string, Value> sgId)
    {
        const string Eks = "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html";
        c.Add(ControlPlaneSg, AwsTypes.SecurityGroup, V.Map(
            ("vpcId", V.Ref("vpc", "id")),
            ("description", "Mattermost EKS control plane: the Kubernetes API, 443 from the nodes"),
            ("tags", Tagging.Tags(bp, ControlPlaneSg))),
            "extra security group on the EKS control plane's network interfaces; rules are separate resources and anything not listed is denied");
        c.Add("eksControlPlaneFromNodes", AwsTypes.IngressRule, V.Map(
            ("securityGroupId", sgId(ControlPlaneSg)), ("ipProtocol", "tcp"), ("fromPort", 443), ("toPort", 443),
            ("referencedSecurityGroupId", sgId(AppSg)), ("description", "Kubernetes API from the nodes and pods")),
            "kubelets, controllers and operators call the Kubernetes API on 443: " + Eks);
        foreach (var cidr in bp.Settings.ClusterEndpointPrivateCidrs)
            c.Add($"eksControlPlaneFrom_{Sanitize(cidr)}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(ControlPlaneSg)), ("ipProtocol", "tcp"), ("fromPort", 443), ("toPort", 443),
                ("cidrIpv4", cidr), ("description", "Kubernetes API from an administrators' network")),
                $"{cidr} reaches the private Kubernetes API endpoint (mattermost:clusterEndpointPrivateCidrs)");
        foreach (var (port, why) in new[] { (443, "webhooks and aggregated APIs served by pods"), (9443, "the AWS Load Balancer Controller's webhook"), (10250, "the kubelet (logs, exec) and the External Secrets webhook") })
        {
            c.Add($"eksControlPlaneToNodes{port}", AwsTypes.EgressRule, V.Map(
                ("securityGroupId", sgId(ControlPlaneSg)), ("ipProtocol", "tcp"), ("fromPort", port), ("toPort", port),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", $"to {why}")),
                $"the control plane calls {why} on the nodes ({port}): " + Eks);
            c.Add($"eksNodesFromControlPlane{port}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(AppSg)), ("ipProtocol", "tcp"), ("fromPort", port), ("toPort", port),
                ("referencedSecurityGroupId", sgId(ControlPlaneSg)), ("description", $"{why} from the control plane")),
                $"nodes accept {port} only from the control plane ({why})");
        }
        foreach (var proto in new[] { "tcp", "udp" })
        {
            c.Add($"eksDnsIn{proto.ToUpperInvariant()}", AwsTypes.IngressRule, V.Map(
                ("securityGroupId", sgId(AppSg)), ("ipProtocol", proto), ("fromPort", 53), ("toPort", 53),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", $"cluster DNS ({proto}) from other nodes' pods")),
                $"CoreDNS pods answer name lookups (53/{proto}) from pods on other nodes");
            c.Add($"eksDnsOut{proto.ToUpperInvariant()}", AwsTypes.EgressRule, V.Map(
                ("securityGroupId", sgId(AppSg)), ("ipProtocol", proto), ("fromPort", 53), ("toPort", 53),
                ("referencedSecurityGroupId", sgId(AppSg)), ("description", $"cluster DNS ({proto}) to CoreDNS on other nodes")),
                $"pods ask CoreDNS on other nodes (53/{proto})");
        }
    }

    /// <summary>A service outside the VPC that Mattermost's own configuration makes the app call: the directory, the mail relay.</summary>
    public sealed record AppService(string Name, int Port, IReadOnlyList<string> Networks, string Description, string Setting);

    /// <summary>
    /// The services <c>mattermost:app</c> names, with the port its settings use and the networks it lists: the only paths
    /// the app tier gets beyond the load balancer, the database, search and HTTPS (security-baseline.md §4.2: "SMTP and
    /// LDAP, as configured").
    /// </summary>
    public static IReadOnlyList<AppService> AppServices(StackSettings s)
    {
        var app = s.App;
        var result = new List<AppService>();
        if (app.HasDirectory)
            result.Add(new AppService("Directory", app.DirectoryPort, app.List("directory.networks"), app.Text("directory.connectionSecurity") switch
            {
                "TLS" => "LDAPS to the AD/LDAP directory",
                "STARTTLS" => "LDAP with STARTTLS to the AD/LDAP directory",
                _ => "unencrypted LDAP to the AD/LDAP directory",
            }, "mattermost:app.directory.networks"));
        if (app.HasEmail)
            result.Add(new AppService("Smtp", app.SmtpPort, app.List("email.networks"), app.Text("email.connectionSecurity") switch
            {
                "TLS" => "SMTP over TLS to the mail relay",
                "STARTTLS" => "SMTP with STARTTLS to the mail relay",
                _ => "unencrypted SMTP to the mail relay",
            }, "mattermost:app.email.networks"));
        return result;
    }

    /// <summary>A CIDR as a logical-name fragment: 203.0.113.0/24 becomes 203_0_113_0_24.</summary>
    public static string Sanitize(string cidr) =>
        new([.. cidr.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_')]);
}
