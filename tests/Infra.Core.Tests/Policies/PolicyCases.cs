using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using static Infra.Core.Tests.Policies.KubernetesGraphs;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>For every policy of the pack, a hand-made graph that passes it and one that fails it.</summary>
internal static class PolicyCases
{
    public sealed record Case(Func<PolicyContext> Passing, Func<PolicyContext> Failing);

    private static PolicyContext Ctx(ResourceGraph g, SizingBasis? load = null, EnvironmentKind env = EnvironmentKind.Staging) => Context(g, load, env);

    private static ResourceGraph Stack(int nodes, string type, string dbClass, params string[] zones) =>
        Build([.. App(nodes, type, zones), .. Database(dbClass, zones)]);

    private static ResourceNode Rule(string name, string sg, string proto, int from, int to, (string, Value) peer) =>
        N(name, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", ("securityGroupId", Id(sg)), ("ipProtocol", proto), ("fromPort", from), ("toPort", to), peer);

    private static ResourceGraph Network(params ResourceNode[] rules) => Build([
        N("lbSg", "aws:ec2/securityGroup:SecurityGroup"),
        N("appSg", "aws:ec2/securityGroup:SecurityGroup"),
        N("lb", "aws:lb/loadBalancer:LoadBalancer", ("securityGroups", V.List(Id("lbSg")))),
        N("lt", "aws:ec2/launchTemplate:LaunchTemplate", ("vpcSecurityGroupIds", V.List(Id("appSg")))),
        N("asg", "aws:autoscaling/group:Group", ("launchTemplate", V.Map(("id", Id("lt")))), ("desiredCapacity", 2)),
        .. rules]);

    private static ResourceNode Role(string service) =>
        N("role", "aws:iam/role:Role", ("assumeRolePolicy", V.Json(V.Map(("Statement", V.List(V.Map(("Effect", "Allow"), ("Principal", V.Map(("Service", service))), ("Action", "sts:AssumeRole"))))))));

    private static ResourceNode RolePolicy(params MapValue[] statements) =>
        N("rolePolicy", "aws:iam/rolePolicy:RolePolicy", ("role", Id("role")), ("policy", V.Json(V.Map(("Statement", V.List([.. statements.Cast<Value>()]))))));

    /// <summary>An ALB ingress the AWS Load Balancer Controller builds a load balancer from, with these load-balancer-attributes.</summary>
    private static ResourceNode Ingress(string attributes) => N("ingress", "kubernetes:networking.k8s.io/v1:Ingress",
        ("metadata", V.Map(("name", "mm"), ("annotations", V.Map(("alb.ingress.kubernetes.io/load-balancer-attributes", attributes))))),
        ("spec", V.Map(("ingressClassName", "alb"))));

    /// <summary>A Mattermost deployment whose environment (a ConfigMap's keys) sets the site URL and these settings.</summary>
    private static ResourceGraph Mm(params (string Name, string Value)[] settings) =>
        Build(N("mattermostEnv", "kubernetes:core/v1:ConfigMap", ("data", V.Map([("MM_SERVICESETTINGS_SITEURL", (Value)"https://chat.example.com"),
            .. settings.Select(s => (s.Name, (Value?)new StringValue(s.Value))).ToArray()]))));

    private static PolicyContext Production(ResourceGraph g) => Context(g, null, EnvironmentKind.Production);

    /// <summary>A stack that declares it keeps messages and files at most <paramref name="days"/> days.</summary>
    private static PolicyContext Retention(ResourceGraph g, int days) =>
        new(g, null, Today, null, EnvironmentKind.Staging) { RetentionRequirementDays = days };

    private static MapValue Allow(Value actions, params Value[] resources) => V.Map(("Effect", "Allow"), ("Action", actions), ("Resource", V.List(resources)));

    public static readonly IReadOnlyDictionary<string, Case> All = new Dictionary<string, Case>
    {
        // Sizing: 2,000 users at 25% headroom -> design load 2,500; 3 x c7i.xlarge (12 vCPU) carries it, 1 x c7i.large does not.
        ["MM-SIZE-001"] = new(
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a", "b", "c"), Load(2000)),
            () => Ctx(Stack(1, "c7i.large", "db.r7g.xlarge", "a", "b", "c"), Load(2000))),
        ["MM-SIZE-002"] = new(
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a", "b"), Load(2000)),
            () => Ctx(Stack(3, "c7i.xlarge", "db.t4g.medium", "a"), Load(2000))),
        ["MM-SIZE-003"] = new(
            () => Ctx(Build(N("search", "aws:opensearch/domain:Domain", ("clusterConfig", V.Map(("instanceType", "r6g.xlarge.search"), ("instanceCount", 2))))), Load(2000)),
            () => Ctx(Build(N("search", "aws:opensearch/domain:Domain", ("clusterConfig", V.Map(("instanceType", "r6g.large.search"), ("instanceCount", 2))))), Load(2000))),
        // 3 nodes over 3 zones keep 2 after a zone loss; 3 nodes all in one zone keep none.
        ["MM-SIZE-004"] = new(
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a", "b", "c"), Load(2000)),
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a"), Load(2000))),
        ["MM-SIZE-005"] = new(
            () => Ctx(Build([.. App(1, "c7i.large", "a"), .. Bucket()]), Load(150, ha: false, storageHigh: 300)),
            () => Ctx(Build([.. App(1, "c7i.large", "a")]), Load(150, ha: false, storageHigh: 300))),
        ["MM-SIZE-006"] = new(
            () => Ctx(Stack(3, "c7i.large", "db.r7g.large", "a", "b", "c"), Load(2000)),
            () => Ctx(Stack(12, "c7i.4xlarge", "db.r7g.xlarge", "a", "b", "c"), Load(2000))),
        ["MM-SIZE-007"] = new(
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a", "b", "c"), Load(500)),
            () => Ctx(Stack(3, "c7i.xlarge", "db.r7g.xlarge", "a", "b"), Load(3000))),

        // Network
        ["MM-NET-001"] = new(
            () => Ctx(Network(Rule("https", "lbSg", "tcp", 443, 443, ("cidrIpv4", "0.0.0.0/0")))),
            () => Ctx(Network(Rule("ssh", "appSg", "tcp", 22, 22, ("cidrIpv4", "0.0.0.0/0"))))),
        ["MM-NET-002"] = new(
            () => Ctx(Build([.. Database("db.r7g.large", "a")])),
            () => Ctx(With(Build([.. Database("db.r7g.large", "a")]), "dbWriter", "publiclyAccessible", true))),
        ["MM-NET-003"] = new(
            () => Ctx(Network(Rule("fromLb", "appSg", "tcp", 8065, 8065, ("referencedSecurityGroupId", Id("lbSg"))))),
            () => Ctx(Network(Rule("fromVpc", "appSg", "tcp", 8065, 8065, ("cidrIpv4", "10.0.0.0/8"))))),
        ["MM-NET-004"] = new(
            () => Ctx(Network(Rule("gossip", "appSg", "udp", 8074, 8074, ("referencedSecurityGroupId", Id("appSg"))))),
            () => Ctx(Network(Rule("allFromLb", "appSg", "tcp", 0, 65535, ("referencedSecurityGroupId", Id("lbSg")))))),
        ["MM-NET-005"] = new(
            () => Ctx(Build(N("vpc", "aws:ec2/vpc:Vpc"), N("flow", "aws:ec2/flowLog:FlowLog", ("vpcId", Id("vpc")), ("trafficType", "ALL")))),
            () => Ctx(Build(N("vpc", "aws:ec2/vpc:Vpc"), N("flow", "aws:ec2/flowLog:FlowLog", ("vpcId", Id("vpc")), ("trafficType", "ACCEPT"))))),
        ["MM-NET-006"] = new(
            () => Ctx(Build(N("vpc", "aws:ec2/vpc:Vpc"), N("default", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", ("vpcId", Id("vpc"))))),
            () => Ctx(Build(N("vpc", "aws:ec2/vpc:Vpc")))),
        ["MM-NET-007"] = new(
            () => Ctx(Build(Eks(("vpcConfig", V.Map(("endpointPublicAccess", true), ("publicAccessCidrs", V.Strings(["203.0.113.0/24"]))))))),
            () => Ctx(Build(Eks(("vpcConfig", V.Map(("subnetIds", V.List()))))))),
        ["MM-NET-008"] = new(
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer", ("dropInvalidHeaderFields", true)))),
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer", ("dropInvalidHeaderFields", true), ("desyncMitigationMode", "monitor"))))),
        ["MM-NET-009"] = new(
            () => Ctx(Build([.. Subnets("pub", "none", "a")])),
            () => Ctx(With(Build([.. Subnets("pub", "none", "a")]), "puba", "mapPublicIpOnLaunch", true))),
        ["MM-NET-010"] = new(
            () => Ctx(Build(N("search", "aws:opensearch/domain:Domain", ("accessPolicies", V.Json(V.Map(("Statement", V.List(V.Map(("Effect", "Allow"), ("Principal", V.Map(("AWS", Arn("role")))), ("Action", "es:ESHttp*")))))))))),
            () => Ctx(Build(N("search", "aws:opensearch/domain:Domain", ("accessPolicies", V.Json(V.Map(("Statement", V.List(V.Map(("Effect", "Allow"), ("Principal", V.Map(("AWS", "*"))), ("Action", "es:ESHttp*"))))))))))),
        ["MM-NET-011"] = new(
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer", ("accessLogs", V.Map(("enabled", true), ("bucket", "logs")))))),
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer")))),
        ["MM-NET-012"] = new(
            () => Ctx(Build(N("db", "aws:rds/cluster:Cluster", ("engine", "aurora-postgresql"), ("port", 6432)))),
            () => Ctx(Build(N("db", "aws:rds/cluster:Cluster", ("engine", "aurora-postgresql"))))),
        // Production: the VM tier's ALB and the ALB the controller builds from an ingress are both held to it.
        ["MM-NET-013"] = new(
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer", ("enableDeletionProtection", true)), Ingress("deletion_protection.enabled=true")), env: EnvironmentKind.Production),
            () => Ctx(Build(N("lb", "aws:lb/loadBalancer:LoadBalancer", ("enableDeletionProtection", true)), Ingress("idle_timeout.timeout_seconds=600")), env: EnvironmentKind.Production)),

        // Data protection
        ["MM-DATA-001"] = new(
            () => Ctx(Build([.. Database("db.r7g.large", "a"), .. Bucket()])),
            () => Ctx(With(Build([.. Database("db.r7g.large", "a"), .. Bucket()]), "filesEncryption", "rules", V.List(V.Map(("applyServerSideEncryptionByDefault", V.Map(("sseAlgorithm", "AES256")))))))),
        ["MM-DATA-002"] = new(
            () => Ctx(Build(N("key", "aws:kms/key:Key", ("enableKeyRotation", true)))),
            () => Ctx(Build(N("key", "aws:kms/key:Key")))),
        ["MM-DATA-003"] = new(
            () => Ctx(Build(N("https", "aws:lb/listener:Listener", ("protocol", "HTTPS"), ("sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"), ("certificateArn", "arn:aws:acm:us-east-1:1:certificate/x")),
                N("http", "aws:lb/listener:Listener", ("protocol", "HTTP"), ("port", 80), ("defaultActions", V.List(V.Map(("type", "redirect"), ("redirect", V.Map(("protocol", "HTTPS"), ("port", "443"))))))))),
            () => Ctx(Build(N("http", "aws:lb/listener:Listener", ("protocol", "HTTP"), ("port", 80), ("defaultActions", V.List(V.Map(("type", "forward"), ("targetGroupArn", Arn("tg"))))))))),
        ["MM-DATA-004"] = new(
            () => Ctx(Build([.. Bucket()])),
            () => Ctx(Build([.. Bucket()]).Without("filesPolicy"))),
        ["MM-DATA-005"] = new(
            () => Ctx(Build([.. Database("db.r7g.large", "a")])),
            () => Ctx(With(Build([.. Database("db.r7g.large", "a")]), "dbParams", "parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "0")))))),
        ["MM-DATA-006"] = new(
            () => Ctx(Build([.. Bucket()])),
            () => Ctx(With(Build([.. Bucket()]), "filesBlock", "restrictPublicBuckets", false))),
        ["MM-DATA-007"] = new(
            () => Ctx(Build([.. Bucket()])),
            () => Ctx(With(Build([.. Bucket()]), "filesVersioning", "versioningConfiguration.status", "Suspended"))),
        ["MM-DATA-008"] = new(
            () => Ctx(Build([.. Database("db.r7g.large", "a")]), env: EnvironmentKind.Production),
            () => Ctx(With(Build([.. Database("db.r7g.large", "a")]), "db", "backupRetentionPeriod", 14), env: EnvironmentKind.Production)),
        ["MM-DATA-009"] = new(
            () => Ctx(Build([.. Protected([.. Database("db.r7g.large", "a"), .. Bucket()])]), env: EnvironmentKind.Production),
            () => Ctx(With(Build([.. Protected([.. Database("db.r7g.large", "a"), .. Bucket()])]), "db", "skipFinalSnapshot", true), env: EnvironmentKind.Production)),
        ["MM-DATA-010"] = new(
            () => Ctx(Build(N("secret", "kubernetes:core/v1:Secret", ("stringData", V.Map(("DB_CONNECTION_STRING", V.Secret("postgres://u:p@h/db"))))),
                N("db", "aws:rds/cluster:Cluster", ("manageMasterUserPassword", true), ("masterUserSecretKmsKeyId", Arn("key"))))),
            () => Ctx(Build(N("db", "aws:rds/cluster:Cluster", ("masterPassword", "hunter2hunter2"))))),
        // A log group without retention keeps its events forever; an EKS cluster's control-plane log group must be declared first.
        ["MM-DATA-011"] = new(
            () => Ctx(Build(N("logs", "aws:cloudwatch/logGroup:LogGroup", ("name", "/aws/eks/c1/cluster"), ("retentionInDays", 365)),
                N("eks", "aws:eks/cluster:Cluster", ("name", "c1"), ("enabledClusterLogTypes", V.Strings(["audit"])))), env: EnvironmentKind.Production),
            () => Ctx(Build(N("logs", "aws:cloudwatch/logGroup:LogGroup", ("name", "/aws/eks/c1/cluster")),
                N("eks", "aws:eks/cluster:Cluster", ("name", "c1"), ("enabledClusterLogTypes", V.Strings(["audit"])))), env: EnvironmentKind.Production)),
        ["MM-DATA-012"] = new(
            () => Ctx(Build([.. Bucket(), N("logBucket", "aws:s3/bucket:Bucket"),
                N("filesLogging", "aws:s3/bucketLogging:BucketLogging", ("bucket", Id("files")), ("targetBucket", Id("logBucket")), ("targetPrefix", "files/"))])),
            () => Ctx(Build([.. Bucket()]))),

        // Compute and identity
        ["MM-CMP-001"] = new(
            () => Ctx(Build([.. App(2, "c7i.large", "a", "b")])),
            () => Ctx(With(Build([.. App(2, "c7i.large", "a", "b")]), "lt", "metadataOptions.httpTokens", "optional"))),
        ["MM-CMP-002"] = new(
            () => Ctx(Build([.. App(2, "c7i.large", "a", "b")])),
            () => Ctx(With(Build([.. App(2, "c7i.large", "a", "b")]), "asg", "vpcZoneIdentifiers", V.List(Id("puba"))))),
        ["MM-IAM-001"] = new(
            () => Ctx(Build(Role("ec2.amazonaws.com"), RolePolicy(Allow(V.Strings(["s3:GetObject"]), V.Concat(Arn("files"), "/*"))))),
            () => Ctx(Build(Role("ec2.amazonaws.com"), RolePolicy(Allow("*", "*"))))),
        ["MM-IAM-002"] = new(
            () => Ctx(Build([.. Bucket(), Role("ec2.amazonaws.com"), RolePolicy(Allow(V.Strings(["s3:GetObject", "s3:PutObject"]), V.Concat(Arn("files"), "/*")))])),
            () => Ctx(Build([.. Bucket(), Role("ec2.amazonaws.com"), RolePolicy(Allow(V.Strings(["s3:GetObject", "s3:PutObject"]), "arn:aws:s3:::*/*"))]))),
        ["MM-IAM-004"] = new(
            () => Ctx(Build(Role("ec2.amazonaws.com"), RolePolicy(Allow(V.Strings(["s3:GetObject", "kms:GenerateDataKey*"]), V.Concat(Arn("files"), "/*"))))),
            () => Ctx(Build(Role("ec2.amazonaws.com"), RolePolicy(Allow(V.Strings(["s3:GetObjects", "kms:GenerateDataKey*"]), V.Concat(Arn("files"), "/*")))))),
        ["MM-APP-001"] = new(
            () => Ctx(Build(N("app", "kubernetes:core/v1:ConfigMap", ("data", V.Map(("MM_CLUSTERSETTINGS_GOSSIPPORT", "8074"), ("MM_LICENSE", "text")))))),
            () => Ctx(Build(N("app", "kubernetes:core/v1:ConfigMap", ("data", V.Map(("MM_CLUSTERSETTINGS_GOSSIPORT", "8074"), ("MM_LICENSE", "text"))))))),
        ["MM-IAM-003"] = new(
            () => Ctx(Build(N("db", "aws:rds/cluster:Cluster", ("iamDatabaseAuthenticationEnabled", true)))),
            () => Ctx(Build(N("db", "aws:rds/cluster:Cluster", ("iamDatabaseAuthenticationEnabled", false))))),

        // Kubernetes
        ["MM-K8S-001"] = new(
            () => Ctx(Compliant()),
            () => Ctx(Build(Namespace(level: "baseline"), ConfigGroup(Mattermost(podTemplate: MapValue.Empty))))),
        ["MM-K8S-002"] = new(
            () => Ctx(Compliant()),
            () => Ctx(Build(Namespace(), ConfigGroup(Mattermost(resources: V.Map(("requests", V.Map(("cpu", "2"))))))))),
        ["MM-K8S-003"] = new(
            () => Ctx(Compliant(replicas: 3)),
            () => Ctx(Compliant(replicas: 1))),
        ["MM-K8S-004"] = new(
            () => Ctx(Compliant()),
            () => Ctx(Build(Namespace(), ConfigGroup(Mattermost()), DenyAll(), Gossip(V.Map(("ipBlock", V.Map(("cidr", "10.0.0.0/8"))))), Pdb(1)))),
        ["MM-K8S-005"] = new(
            () => Ctx(Build(Eks())),
            () => Ctx(Build(Eks(("enabledClusterLogTypes", V.Strings(["api"])))))),

        // Mattermost's own configuration
        ["MM-CFG-001"] = new(
            () => Ctx(Mm(("MM_LDAPSETTINGS_ENABLE", "true"), ("MM_LDAPSETTINGS_CONNECTIONSECURITY", "TLS"))),
            () => Ctx(Mm(("MM_LDAPSETTINGS_ENABLE", "true"), ("MM_LDAPSETTINGS_CONNECTIONSECURITY", "")))),
        ["MM-CFG-002"] = new(
            () => Production(Mm(("MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION", "true"), ("MM_SERVICESETTINGS_ENFORCEMULTIFACTORAUTHENTICATION", "true"))),
            () => Production(Mm(("MM_SERVICESETTINGS_ENABLEMULTIFACTORAUTHENTICATION", "true"), ("MM_SERVICESETTINGS_ENFORCEMULTIFACTORAUTHENTICATION", "false")))),
        ["MM-CFG-003"] = new(
            () => Ctx(Mm(("MM_TEAMSETTINGS_ENABLEOPENSERVER", "false"))),
            () => Ctx(Mm(("MM_TEAMSETTINGS_ENABLEOPENSERVER", "true")))),
        ["MM-CFG-004"] = new(
            () => Production(Mm(("MM_FILESETTINGS_ENABLEPUBLICLINK", "false"))),
            () => Production(Mm(("MM_FILESETTINGS_ENABLEPUBLICLINK", "true")))),
        ["MM-CFG-005"] = new(
            () => Production(Mm(("MM_GUESTACCOUNTSSETTINGS_ENABLE", "true"), ("MM_GUESTACCOUNTSSETTINGS_RESTRICTCREATIONTODOMAINS", "partner.example"),
                ("MM_GUESTACCOUNTSSETTINGS_ENFORCEMULTIFACTORAUTHENTICATION", "true"))),
            () => Production(Mm(("MM_GUESTACCOUNTSSETTINGS_ENABLE", "true")))),
        ["MM-CFG-006"] = new(
            () => Ctx(Mm(("MM_SERVICESETTINGS_SESSIONLENGTHWEBINHOURS", "168"))),
            () => Ctx(Mm(("MM_SERVICESETTINGS_SESSIONLENGTHMOBILEINHOURS", "4320")))),
        ["MM-CFG-007"] = new(
            () => Ctx(Mm(("MM_PASSWORDSETTINGS_MINIMUMLENGTH", "12"))),
            () => Ctx(Mm(("MM_PASSWORDSETTINGS_MINIMUMLENGTH", "6")))),
        ["MM-CFG-008"] = new(
            () => Retention(Mm(("MM_DATARETENTIONSETTINGS_ENABLEMESSAGEDELETION", "true"), ("MM_DATARETENTIONSETTINGS_MESSAGERETENTIONDAYS", "365"),
                ("MM_DATARETENTIONSETTINGS_ENABLEFILEDELETION", "true"), ("MM_DATARETENTIONSETTINGS_FILERETENTIONDAYS", "90")), 365),
            () => Retention(Mm(("MM_DATARETENTIONSETTINGS_ENABLEMESSAGEDELETION", "true"), ("MM_DATARETENTIONSETTINGS_MESSAGERETENTIONDAYS", "730")), 365)),
        ["MM-CFG-009"] = new(
            () => Ctx(Build([.. Mm(("MM_LDAPSETTINGS_ENABLE", "true")).Nodes, N("licence", "aws:secretsmanager/secretVersion:SecretVersion", ("secretString", V.Secret(V.Config("mattermost:licenseKey"))))])),
            () => Ctx(Mm(("MM_LDAPSETTINGS_ENABLE", "true")))),

        // Governance
        ["MM-GOV-001"] = new(
            () => Context(Build([.. Database("db.r7g.large", "a")]), waivers: [new Waiver("MM-NET-012", ["db"], "Mattermost examples use 5432", new DateOnly(2026, 12, 31))]),
            () => Context(Build([.. Database("db.r7g.large", "a")]), waivers: [new Waiver("MM-NET-012", ["db"], "Mattermost examples use 5432", new DateOnly(2026, 8, 31))])),
        // Two app nodes form a cluster: licensed when the program reads the licence from the stack's secret.
        ["MM-GOV-002"] = new(
            () => Ctx(Build([.. App(2, "c7i.large", "a", "b"), N("licence", "aws:secretsmanager/secretVersion:SecretVersion", ("secretString", V.Secret(V.Config("mattermost:licenseKey"))))])),
            () => Ctx(Build([.. App(2, "c7i.large", "a", "b")]))),
    };
}
