namespace Infra.Core.Sizing;

/// <summary>A mattermost-operator <c>spec.size</c> preset: app replicas and per-pod resources.</summary>
public sealed record OperatorSizePreset(
    string Size,
    int Users,
    int Replicas,
    int CpuRequestMillicores,
    int MemoryRequestMiB,
    int CpuLimitMillicores,
    int MemoryLimitMiB,
    string Source);

/// <summary>
/// The operator's size presets as plain data (mattermost/mattermost-operator 07a736bb,
/// apis/mattermost/v1alpha1/clusterinstallation_sizes.go; mattermost-sizing.md Table 9). With an external
/// database and file store only the app values apply. The presets are scheduling hints, smaller than
/// the reference tiers, so this tool sizes from the tiers and reports the nearest preset for comparison.
/// </summary>
public static class OperatorSizePresets
{
    private const string Src = "mattermost-operator apis/mattermost/v1alpha1/clusterinstallation_sizes.go (mattermost-sizing.md Table 9)";

    public static readonly IReadOnlyList<OperatorSizePreset> All =
    [
        new("100users", 100, 1, 100, 256, 2000, 4096, Src),
        new("1000users", 1_000, 2, 150, 256, 2000, 4096, Src),
        new("5000users", 5_000, 2, 500, 500, 4000, 8192, Src),
        new("10000users", 10_000, 2, 500, 500, 4000, 8192, Src),
        new("25000users", 25_000, 2, 1000, 4096, 4000, 16384, Src),
    ];

    /// <summary>The smallest preset that names at least <paramref name="users"/>, or the largest.</summary>
    public static OperatorSizePreset Nearest(decimal users) => All.FirstOrDefault(p => p.Users >= users) ?? All[^1];
}
