using Infra.Core.Policies.Application;
using Infra.Core.Policies.ComputeIdentity;
using Infra.Core.Policies.DataProtection;
using Infra.Core.Policies.Governance;
using Infra.Core.Policies.Kubernetes;
using Infra.Core.Policies.MattermostConfig;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Network;
using Infra.Core.Policies.Sizing;

namespace Infra.Core.Policies;

/// <summary>The policy pack every stack is checked against, in report order.</summary>
public static class PolicyPack
{
    public static IReadOnlyList<Policy> Default { get; } =
    [
        new AppCapacityPolicy(),
        new DatabaseCapacityPolicy(),
        new SearchCapacityPolicy(),
        new ZoneLossPolicy(),
        new StoragePolicy(),
        new OversizePolicy(),
        new DatabaseZoneLossPolicy(),
        new WorldIngressPolicy(),
        new PrivateDataStoresPolicy(),
        new AppBehindLoadBalancerPolicy(),
        new GossipPolicy(),
        new FlowLogsPolicy(),
        new DefaultSecurityGroupPolicy(),
        new EksEndpointPolicy(),
        new LoadBalancerHardeningPolicy(),
        new PublicIpSubnetsPolicy(),
        new SearchAccessPolicy(),
        new LoadBalancerLogsPolicy(),
        new LoadBalancerDeletionProtectionPolicy(),
        new DatabasePortPolicy(),
        new EncryptionAtRestPolicy(),
        new KeyRotationPolicy(),
        new ListenerTlsPolicy(),
        new BucketTlsPolicy(),
        new DataInTransitPolicy(),
        new BucketPublicAccessPolicy(),
        new BucketVersioningPolicy(),
        new BackupRetentionPolicy(),
        new DeletionProtectionPolicy(),
        new PlainSecretsPolicy(),
        new LogRetentionPolicy(),
        new BucketAccessLoggingPolicy(),
        new ImdsV2Policy(),
        new NoPublicIpPolicy(),
        new LeastPrivilegePolicy(),
        new WorkloadRoleScopePolicy(),
        new DatabaseIamAuthPolicy(),
        new RealActionsPolicy(),
        new MattermostVariablesPolicy(),
        new TransportEncryptionPolicy(),
        new MultiFactorPolicy(),
        new OpenServerPolicy(),
        new PublicLinksPolicy(),
        new GuestAccountsPolicy(),
        new SessionLengthPolicy(),
        new PasswordRulesPolicy(),
        new DataRetentionPolicy(),
        new LicensedFeaturesPolicy(),
        new PodSecurityPolicy(),
        new ResourceLimitsPolicy(),
        new DisruptionBudgetPolicy(),
        new NetworkIsolationPolicy(),
        new EksAuditLogPolicy(),
        new WaiverPolicy(),
        new LicencePolicy(),
    ];

    public static IReadOnlySet<string> Ids { get; } = Default.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

    public static Policy? Find(string id) => Default.FirstOrDefault(p => p.Id == id);
}
