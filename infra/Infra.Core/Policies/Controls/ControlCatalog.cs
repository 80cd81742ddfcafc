using System.Collections.Frozen;

namespace Infra.Core.Policies.Controls;

/// <summary>
/// The controls of security-baseline.md that bear on what a stack builds. Titles are the baseline's
/// paraphrases; ids are AWS Security Hub FSBP ids, CIS AWS Foundations Benchmark v3.0.0 item numbers
/// (prefixed "CIS") and the Kubernetes baseline of security-baseline.md §4 (prefixed "K8S").
/// </summary>
public static class ControlCatalog
{
    public const string Fsbp = "AWS Foundational Security Best Practices";
    public const string Cis = "CIS AWS Foundations Benchmark v3.0.0";
    public const string Kubernetes = "Kubernetes baseline (security-baseline.md §4)";
    public const string Mattermost = "Mattermost security and compliance documentation (mattermost/docs 9dd1c713)";

    private const string CisUrl = "https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html";

    private static Control F(string id, string title, string? notEvaluated = null)
    {
        var service = id[..id.IndexOf('.')].ToLowerInvariant();
        var page = service == "es" ? "es" : service;
        return new Control(id, Fsbp, title, $"https://docs.aws.amazon.com/securityhub/latest/userguide/{page}-controls.html#{service}-{id[(id.IndexOf('.') + 1)..]}", notEvaluated);
    }

    private static Control C(string item, string title, string? notEvaluated = null) => new("CIS " + item, Cis, title, CisUrl, notEvaluated);

    private static Control K(string id, string title, string url) => new(id, Kubernetes, title, url);

    private const string MattermostDocs = "https://docs.mattermost.com/";

    private static Control M(string id, string title, string page) => new(id, Mattermost, title, MattermostDocs + page);

    private const string Account = "account-level setting, outside what a stack's program declares";

    public static readonly IReadOnlyList<Control> All =
    [
        // Network (security-baseline.md §1.1)
        F("EC2.2", "The default security group of each VPC has no inbound or outbound rules."),
        F("EC2.6", "Every VPC has flow logs."),
        F("EC2.13", "No security group ingress from 0.0.0.0/0 to port 22."),
        F("EC2.14", "No security group ingress from 0.0.0.0/0 to port 3389."),
        F("EC2.15", "Subnets do not auto-assign public IP addresses."),
        F("EC2.18", "Ports open to 0.0.0.0/0 are on an authorised list (default TCP 80 and 443)."),
        F("EC2.19", "No unrestricted ingress to high-risk ports (22, 3389, 5432, 9200, 9300, ...)."),
        F("EC2.53", "No security group ingress from 0.0.0.0/0 to remote-admin ports."),
        F("EC2.54", "No security group ingress from ::/0 to remote-admin ports."),
        // EC2, EBS and Auto Scaling (§1.2)
        F("EC2.3", "Attached EBS volumes are encrypted."),
        F("EC2.7", "EBS encryption by default is on in the account and Region.", Account),
        F("EC2.8", "Instances require IMDSv2."),
        F("EC2.9", "Instances have no public IPv4 address."),
        F("EC2.25", "Launch templates do not assign public IPs."),
        F("EC2.170", "Launch templates require IMDSv2."),
        F("AutoScaling.2", "Auto scaling groups span multiple Availability Zones."),
        F("AutoScaling.3", "Auto scaling group launch configurations require IMDSv2."),
        F("AutoScaling.4", "The instance metadata hop limit is not above 1."),
        F("AutoScaling.5", "Auto scaling group instances have no public IP."),
        // EKS (§1.3)
        F("EKS.1", "The cluster API endpoint is not publicly accessible."),
        F("EKS.3", "Kubernetes secrets use envelope encryption with KMS."),
        F("EKS.8", "Cluster audit logging is enabled."),
        // RDS and Aurora (§1.4)
        F("RDS.2", "DB instances are not publicly accessible."),
        F("RDS.3", "DB instance storage is encrypted."),
        F("RDS.4", "Cluster and instance snapshots are encrypted."),
        F("RDS.7", "DB clusters have deletion protection."),
        F("RDS.8", "DB instances have deletion protection."),
        F("RDS.10", "DB instances use IAM database authentication."),
        F("RDS.11", "DB instances have automated backups."),
        F("RDS.12", "DB clusters use IAM database authentication."),
        F("RDS.15", "DB clusters span multiple Availability Zones."),
        F("RDS.18", "DB instances are in a VPC."),
        F("RDS.23", "The database does not use the engine's default port."),
        F("RDS.27", "DB clusters are encrypted at rest."),
        F("RDS.38", "PostgreSQL connections are encrypted in transit (rds.force_ssl=1)."),
        // S3 (§1.5)
        F("S3.1", "Account-level S3 Block Public Access is on.", Account),
        F("S3.2", "Buckets block public read access."),
        F("S3.3", "Buckets block public write access."),
        F("S3.5", "Bucket policies require requests over TLS (aws:SecureTransport)."),
        F("S3.8", "Bucket-level Block Public Access is on."),
        F("S3.9", "Server access logging is on."),
        F("S3.14", "Bucket versioning is on."),
        F("S3.17", "Default encryption uses SSE-KMS."),
        // KMS and IAM (§1.6)
        F("KMS.1", "Customer-managed policies do not allow decrypt on all KMS keys."),
        F("KMS.2", "Inline policies do not allow decrypt on all KMS keys."),
        F("KMS.4", "KMS key rotation is on."),
        F("IAM.1", "No customer-managed policy grants *:* administrative privileges."),
        F("IAM.21", "Customer policies grant no service-wide wildcard actions."),
        // Load balancers (§1.7)
        F("ELB.1", "ALB HTTP listeners redirect to HTTPS."),
        F("ELB.4", "The ALB drops invalid HTTP headers."),
        F("ELB.5", "ALB access logging is on."),
        F("ELB.6", "ALB deletion protection is on."),
        F("ELB.12", "ALB desync mitigation is defensive or strictest."),
        F("ELB.13", "Load balancers span multiple Availability Zones."),
        F("ELB.16", "The ALB is associated with a WAF web ACL.", "no WAF is built; add a web ACL at the edge if the organisation requires one"),
        // Logging and detection (§1.8): account-level services, not declared per stack
        F("CloudTrail.1", "A multi-Region trail logs management events.", Account),
        F("Config.1", "AWS Config is enabled.", Account),
        F("GuardDuty.1", "GuardDuty is enabled.", Account),
        // Not in security-baseline.md (its CloudWatch.1-14 are CIS metric filters): FSBP CloudWatch.16, checked by the AWS Config
        // rule cw-loggroup-retention-period-check, NON_COMPLIANT under MinRetentionTime (default 365 days); "never expire" passes it.
        F("CloudWatch.16", "CloudWatch log groups are retained for a specified period (by default at least 365 days)."),
        // OpenSearch (§1.9)
        F("Opensearch.1", "OpenSearch domains encrypt data at rest."),
        F("Opensearch.2", "OpenSearch domains are not public; they sit in a VPC."),
        F("ES.1", "Search domains encrypt data at rest."),
        F("ES.2", "Search domains are not public; they sit in a VPC."),
        F("ES.3", "Search domains encrypt node-to-node traffic."),
        F("ES.6", "Search domains have 3 or more data nodes.", "Mattermost's reference tiers use 2 or 4 data nodes (security-baseline.md §1.9); the sizing engine follows them"),
        F("ES.8", "Search domain connections use the latest TLS policy."),
        // CIS AWS Foundations v3.0 (§2)
        C("2.1.1", "S3 bucket policies deny HTTP requests (S3.5)."),
        C("2.1.4", "S3 Block Public Access is on (S3.1, S3.8)."),
        C("2.2.1", "EBS encryption by default is on (EC2.7).", Account),
        C("2.3.1", "RDS storage is encrypted (RDS.3)."),
        C("2.3.3", "RDS instances are not public (RDS.2)."),
        C("3.1", "CloudTrail is on in all Regions (CloudTrail.1).", Account),
        C("3.6", "KMS key rotation is on (KMS.4)."),
        C("3.7", "VPC flow logs are on (EC2.6)."),
        C("5.2", "No security group allows 0.0.0.0/0 to remote-admin ports (EC2.53)."),
        C("5.3", "No security group allows ::/0 to remote-admin ports (EC2.54)."),
        C("5.4", "The default security group of every VPC restricts all traffic (EC2.2)."),
        C("5.6", "The EC2 metadata service allows only IMDSv2 (EC2.8)."),
        // Kubernetes (§4)
        K("K8S.PSS", "Namespaces enforce the restricted Pod Security Standard; pods meet it.", "https://kubernetes.io/docs/concepts/security/pod-security-standards/"),
        K("K8S.NETPOL", "Default-deny NetworkPolicy per namespace, then explicit allows.", "https://kubernetes.io/docs/concepts/services-networking/network-policies/"),
        K("K8S.RESOURCES", "Containers declare CPU and memory requests and limits.", "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
        K("K8S.PDB", "HA workloads have a PodDisruptionBudget that keeps quorum and allows drains.", "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/"),
        // Mattermost's own configuration: the security guide (source/security-guide/security-guide-index.rst) and the
        // configuration references it points to (source/administration-guide/configure/*.rst).
        M("MM.LDAP-TLS", "AD/LDAP connections are encrypted with TLS or STARTTLS and the server's certificate is verified.",
            "administration-guide/configure/authentication-configuration-settings.html#connection-security"),
        M("MM.SMTP-TLS", "The mail relay is reached over TLS or STARTTLS and its certificate is verified.",
            "administration-guide/configure/smtp-configuration-settings.html"),
        M("MM.MFA", "Multi-factor authentication is enforced for accounts that sign in with email or AD/LDAP.",
            "security-guide/security-guide-index.html#multi-factor-authentication-mfa"),
        M("MM.OPEN-SERVER", "Accounts are created only by invitation or through the directory (open server off).",
            "administration-guide/configure/authentication-configuration-settings.html#enable-open-server"),
        M("MM.PUBLIC-LINKS", "Files are not shared through public links.",
            "security-guide/security-guide-index.html#public-link-management"),
        M("MM.GUESTS", "Guest access is off, or limited to named domains with multi-factor authentication.",
            "administration-guide/configure/authentication-configuration-settings.html#guest-access"),
        M("MM.SESSIONS", "Sessions end after a bounded time.",
            "security-guide/security-guide-index.html#session-management"),
        M("MM.PASSWORDS", "Passwords have a minimum length and failed sign-ins are limited.",
            "security-guide/security-guide-index.html#user-password-requirements"),
        M("MM.RETENTION", "Data retention deletes messages and files after the period the organisation requires.",
            "administration-guide/configure/compliance-configuration-settings.html#data-retention-policies"),
    ];

    private static readonly FrozenDictionary<string, Control> ById = All.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);

    public static Control? Find(string id) => ById.GetValueOrDefault(id);

    public static Control Get(string id) => ById.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"control '{id}' is not in the catalogue");
}
