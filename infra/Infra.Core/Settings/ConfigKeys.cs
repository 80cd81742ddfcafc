using System.Text.RegularExpressions;
using Infra.Core.Catalog;

namespace Infra.Core.Settings;

/// <summary>
/// Every key under the <c>mattermost:</c> namespace (plus <c>aws:region</c>), with its defaults per
/// environment. Defaults follow the environment roles: the pilot is small and single-node, staging
/// mirrors production's shape at a lower size, production is highly available across three zones.
/// </summary>
public static partial class ConfigKeys
{
    public const string Namespace = "mattermost";
    public const string Region = "aws:region";

    public static readonly ConfigKeySpec EnvironmentKey = new(
        "mattermost:environment", ConfigKeyKind.Choice,
        "Which environment profile supplies the defaults. Defaults to the stack name when it is pilot, staging or production.",
        Choices: ["pilot", "staging", "production"]);

    public static readonly IReadOnlyList<ConfigKeySpec> All =
    [
        new(Region, ConfigKeyKind.Choice, "AWS region to deploy into (zones are named from it, so only regions with known zones are allowed).",
            Choices: [.. AwsRegions.ZoneLetters.Keys.Order(StringComparer.Ordinal)], Required: true),
        EnvironmentKey,

        // Projected load
        new("mattermost:registeredUsers", ConfigKeyKind.Integer,
            "Registered user accounts today. The basis of the load projection.", Min: 1, Max: 5_000_000, Required: true),
        new("mattermost:peakConcurrentUsers", ConfigKeyKind.Integer,
            "Peak concurrent users today, if measured. Overrides concurrencyRatio.", Min: 1, Max: 5_000_000),
        new ConfigKeySpec("mattermost:concurrencyRatio", ConfigKeyKind.Decimal,
            "Share of registered users online at the peak. 0.2 is Mattermost's last published ratio (2,000-4,000 concurrent of 10,000-20,000 registered).",
            Min: 0.01m, Max: 1m).WithDefault("0.2"),
        new ConfigKeySpec("mattermost:annualGrowthPercent", ConfigKeyKind.Decimal,
            "Expected growth of registered users per year, compounded over the growth horizon.", Min: 0, Max: 500).WithDefault("0"),
        new ConfigKeySpec("mattermost:growthHorizonMonths", ConfigKeyKind.Integer,
            "How far ahead the environment is sized, and the period of the storage forecast.", Min: 1, Max: 60).WithDefault("12"),
        new ConfigKeySpec("mattermost:fileUsage", ConfigKeyKind.Choice,
            "File-upload profile for the storage forecast: low (1-5 MB/user/month), medium (5-25), high (25-100).",
            Choices: ["low", "medium", "high"]).WithDefault("medium"),
        new ConfigKeySpec("mattermost:headroomPercent", ConfigKeyKind.Integer,
            "Capacity kept above the projected peak. Every sized component carries peak x (1 + headroom).", Min: 0, Max: 200).WithDefault("25"),

        // Shape
        new("mattermost:highAvailability", ConfigKeyKind.Boolean,
            "Run a Mattermost cluster (2+ app nodes, database readers) that survives the loss of one zone.",
            Pilot: "false", Staging: "true", Production: "true"),
        new("mattermost:availabilityZones", ConfigKeyKind.Integer,
            "Number of availability zones. At least 2 (the load balancer and the database subnet group need two); 3 for HA.",
            Pilot: "2", Staging: "3", Production: "3", Min: 2, Max: 6),
        new("mattermost:vpcCidr", ConfigKeyKind.Cidr,
            "VPC address range. Distinct per stack so that environments can be peered.",
            Pilot: "10.10.0.0/16", Staging: "10.20.0.0/16", Production: "10.30.0.0/16"),
        new("mattermost:natGatewayPerZone", ConfigKeyKind.Boolean,
            "One NAT gateway per zone (no cross-zone dependency) instead of one shared gateway.",
            Pilot: "false", Staging: "true", Production: "true"),
        new("mattermost:appTier", ConfigKeyKind.Choice,
            "Where Mattermost runs: vm (EC2 auto scaling group behind an ALB) or kubernetes (EKS with the Mattermost Operator).",
            Pilot: "vm", Staging: "kubernetes", Production: "kubernetes", Choices: ["vm", "kubernetes"]),
        new ConfigKeySpec("mattermost:kubernetesVersion", ConfigKeyKind.Choice,
            "EKS Kubernetes version of the kubernetes tier. Only versions in EKS standard support: 1.34 until 2026-12-02, 1.35 until 2027-03-27 (endoflife.date/amazon-eks); extended support costs six times as much per cluster hour.",
            Choices: ["1.34", "1.35"], Tier: AppTierKind.Kubernetes).WithDefault("1.35"),
        new ConfigKeySpec("mattermost:clusterEndpointPublicCidrs", ConfigKeyKind.CidrList,
            "Public networks allowed to reach the Kubernetes API (kubernetes tier). Empty keeps the API endpoint private (FSBP EKS.1).",
            TextFormat: "a list of public IPv4 CIDR blocks, e.g. [\"203.0.113.0/24\"]; empty for a private endpoint only", Tier: AppTierKind.Kubernetes).WithDefault("[]"),
        new ConfigKeySpec("mattermost:clusterEndpointPrivateCidrs", ConfigKeyKind.CidrList,
            "Networks inside or connected to the VPC (VPN, peering, a CI runner subnet) allowed to reach the private Kubernetes API endpoint on 443 (kubernetes tier).",
            TextFormat: "a list of private IPv4 CIDR blocks (10/8, 172.16/12, 192.168/16); may be empty", Tier: AppTierKind.Kubernetes).WithDefault("[]"),
        new("mattermost:appInstanceType", ConfigKeyKind.Choice,
            "Override the sized app instance type.", Choices: [.. InstanceTypes.Names(InstanceFamily.Compute)]),
        new("mattermost:databaseInstanceClass", ConfigKeyKind.Choice,
            "Override the sized database instance class (writer and readers).", Choices: [.. InstanceTypes.Names(InstanceFamily.Database)]),
        new("mattermost:searchInstanceType", ConfigKeyKind.Choice,
            "Override the sized OpenSearch data-node type.", Choices: [.. InstanceTypes.Names(InstanceFamily.Search)]),
        new("mattermost:enterpriseSearch", ConfigKeyKind.Boolean,
            "Deploy OpenSearch when the sizing tier has search nodes (needs a Mattermost Enterprise licence).",
            Pilot: "false", Staging: "true", Production: "true"),

        // Database
        new ConfigKeySpec("mattermost:postgresVersion", ConfigKeyKind.Text,
            "Aurora PostgreSQL engine version. PostgreSQL 14 reached community end of life on 2026-11-12 and is refused.",
            TextFormat: "MAJOR.MINOR with major 15, 16 or 17, e.g. 16.6", TextCheck: IsPostgresVersion).WithDefault("16.6"),
        new("mattermost:backupRetentionDays", ConfigKeyKind.Integer,
            "Days of automated database backups (AWS allows 1-35).", Pilot: "7", Staging: "14", Production: "30", Min: 1, Max: 35),
        new("mattermost:deletionProtection", ConfigKeyKind.Boolean,
            "Database deletion protection and a final snapshot on delete.", Pilot: "false", Staging: "true", Production: "true"),
        new("mattermost:retainOnDelete", ConfigKeyKind.Boolean,
            "Keep stateful cloud resources (database, bucket, keys) when the stack deletes them.",
            Pilot: "false", Staging: "false", Production: "true"),

        // Edge
        new("mattermost:domainName", ConfigKeyKind.Text,
            "Public host name of the site, e.g. chat.example.com (becomes the site URL).",
            TextFormat: "a DNS host name such as chat.example.com", TextCheck: IsHostName, Required: true),
        new("mattermost:certificateArn", ConfigKeyKind.Text,
            "ACM certificate for the domain, in the stack's region.",
            TextFormat: "arn:aws:acm:REGION:ACCOUNT:certificate/ID", TextCheck: IsCertificateArn, Required: true),
        new ConfigKeySpec("mattermost:allowedClientCidrs", ConfigKeyKind.CidrList,
            "Client networks allowed to reach the load balancer on 443 (and 80, which only redirects).").WithDefault("[\"0.0.0.0/0\"]"),

        // Operations
        new ConfigKeySpec("mattermost:mattermostVersion", ConfigKeyKind.Text,
            "Mattermost server version to install (an ESR is recommended for enterprises).",
            TextFormat: "MAJOR.MINOR.PATCH, e.g. 11.7.0", TextCheck: IsSemVer).WithDefault("11.7.0"),
        new("mattermost:logRetentionDays", ConfigKeyKind.Choice,
            "CloudWatch retention for application and VPC flow logs.", Pilot: "30", Staging: "90", Production: "365",
            Choices: ["7", "14", "30", "60", "90", "180", "365", "731", "1827", "3653"]),
        new("mattermost:alarmTopicArn", ConfigKeyKind.Text,
            "SNS topic that receives alarm notifications. Without it alarms only show in CloudWatch.",
            TextFormat: "arn:aws:sns:REGION:ACCOUNT:NAME", TextCheck: IsSnsArn),
        new("mattermost:licenseKey", ConfigKeyKind.Secret,
            "Mattermost Enterprise licence (needed for clustering and enterprise search). Only as a Pulumi secret."),
        new("mattermost:tags", ConfigKeyKind.StringMap,
            "Tags on every taggable resource. owner and costCentre are required; environment defaults to the environment name."),
        new("mattermost:app", ConfigKeyKind.App,
            "Mattermost's own configuration (sign-in, AD/LDAP, SAML, OpenID Connect, email, team defaults, branding, compliance, any other setting), deployed as MM_* variables that lock the fields in the System Console; staging and production enforce MFA by default. See 'Mattermost's own configuration'."),
        new("mattermost:waivers", ConfigKeyKind.Waivers,
            "Policy waivers: each names a policy id, the resources it covers, a reason and an expiry date (YYYY-MM-DD)."),
    ];

    public static IReadOnlyList<string> RequiredTags { get; } = ["owner", "costCentre"];

    /// <summary>Tags this tool sets on every resource itself (EnvironmentBlueprint, Tagging); a stack cannot override them.</summary>
    public static IReadOnlyList<string> ReservedTags { get; } = ["Name", "pulumi-stack", "managed-by"];

    /// <summary>AWS allows 50 tags per resource; the tool adds up to five (the reserved ones, environment, a subnet role).</summary>
    public const int MaxUserTags = 45;

    public static ConfigKeySpec? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    private static bool IsPostgresVersion(string v)
    {
        var m = PostgresVersionPattern().Match(v);
        return m.Success && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is >= 15 and <= 17;
    }

    private static bool IsHostName(string v) => v.Length <= 253 && HostNamePattern().IsMatch(v);

    private static bool IsCertificateArn(string v) => CertificateArnPattern().IsMatch(v);

    private static bool IsSnsArn(string v) => SnsArnPattern().IsMatch(v);

    private static bool IsSemVer(string v) => SemVerPattern().IsMatch(v);

    [GeneratedRegex(@"^(\d+)\.(\d+)$")]
    private static partial Regex PostgresVersionPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex HostNamePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$")]
    private static partial Regex CertificateArnPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SnsArnPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVerPattern();
}
