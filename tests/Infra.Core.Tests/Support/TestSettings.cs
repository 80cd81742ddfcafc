using Infra.Core.Settings;

namespace Infra.Core.Tests.Support;

/// <summary>Settings for sizing tests: the production stack with a chosen design load.</summary>
public static class TestSettings
{
    /// <summary>A stack on the VM tier whose design load is exactly <paramref name="users"/> (ratio 1, no growth, no headroom).</summary>
    public static StackSettings DesignLoad(int users, bool ha = true, int zones = 3, int headroom = 0) =>
        Repo.Settings("production") with
        {
            Load = new LoadProfile(users, null, 1m, 0m, 12, FileUsageProfile.Medium, headroom),
            HighAvailability = ha,
            AvailabilityZoneCount = zones,
            AvailabilityZones = [.. Infra.Core.Catalog.AwsRegions.Zones("us-east-1", zones)],
            AppTier = AppTierKind.Vm,
            AppInstanceType = null,
            DatabaseInstanceClass = null,
        };
}
