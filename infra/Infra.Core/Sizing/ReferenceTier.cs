namespace Infra.Core.Sizing;

/// <summary>
/// One of Mattermost's reference architectures ("Scale Mattermost up to N users"): the hardware that
/// carried <see cref="ConcurrentUsers"/> in Mattermost's unbounded load tests.
/// </summary>
public sealed record ReferenceTier(
    int ConcurrentUsers,
    bool HighAvailabilityRequired,
    int AppNodes,
    string AppInstanceType,
    string DatabaseClass,
    int DatabaseReaders,
    int SearchNodes,
    string SearchInstanceType,
    string Source)
{
    public int DatabaseInstances => 1 + DatabaseReaders;
}
