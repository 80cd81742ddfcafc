namespace Infra.Core.Settings;

/// <summary>A version's support window: until when it may be deployed, and where that date comes from.</summary>
/// <param name="Version">"1.35" (Kubernetes minor) or "16" (PostgreSQL major).</param>
/// <param name="StandardSupportEnds">The last day of standard support (the version is refused from the day after).</param>
/// <param name="Source">Where the date was read; "unconfirmed" when no readable source gave it.</param>
public sealed record SupportWindow(string Version, DateOnly StandardSupportEnds, string Source)
{
    public bool Confirmed => !Source.StartsWith("unconfirmed", StringComparison.Ordinal);
}

/// <summary>An Aurora PostgreSQL major version: AWS's standard support and the PostgreSQL community's end of life, and its minor versions.</summary>
/// <param name="CommunityEndOfLife">The community's last release of the major; Mattermost's minimum tracks the oldest community-supported version (mattermost-sizing.md Table 8).</param>
/// <param name="Minors">Aurora PostgreSQL versions of this major that AWS has released, each with its source.</param>
public sealed record PostgresMajor(string Major, SupportWindow Aurora, SupportWindow? CommunityEndOfLife, IReadOnlyList<(string Version, string Source)> Minors);

/// <summary>
/// Support windows of the versions a stack names, as data with their sources. <see cref="VersionSupport"/> checks a
/// stack's versions against them on the day it is planned (the CLI's --today, else the clock).
/// </summary>
public static class SupportWindows
{
    private const string EksEndOfLife = "https://endoflife.date/amazon-eks (End of Support column, from https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)";

    /// <summary>EKS standard support per Kubernetes minor version (14 months from release; extended support costs six times as much per cluster hour, aws-prices.md §7).</summary>
    public static readonly IReadOnlyList<SupportWindow> Kubernetes =
    [
        new("1.33", new DateOnly(2026, 7, 29), EksEndOfLife + "; endoflife-date/release-data releases/amazon-eks.json @0b22b733"),
        new("1.34", new DateOnly(2026, 12, 2), EksEndOfLife),
        new("1.35", new DateOnly(2027, 3, 27), EksEndOfLife),
    ];

    private const string AuroraCalendar =
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraPostgreSQLReleaseNotes/aurorapostgresql-release-calendar.html (Aurora end of standard support), " +
        "as collected by endoflife-date/release-data releases/amazon-aurora-postgresql.json @016f5815";

    private const string AuroraReleases = "endoflife-date/release-data releases/amazon-aurora-postgresql.json @016f5815 (Aurora releases, from the release calendar)";

    private const string Cdk = "aws/aws-cdk packages/aws-cdk-lib/aws-rds/lib/cluster-engine.ts @00868fb4 (AuroraPostgresEngineVersion; 16.0 is marked \"no longer supported by Amazon RDS\" and left out)";

    private static IReadOnlyList<(string, string)> Minors(string source, params string[] versions) => [.. versions.Select(v => (v, source))];

    /// <summary>Aurora PostgreSQL majors this tool deploys (15-17; 14 and older are refused by the key's format).</summary>
    public static readonly IReadOnlyList<PostgresMajor> Postgres =
    [
        new("15", new("15", new DateOnly(2028, 2, 29), AuroraCalendar),
            new("15", new DateOnly(2027, 11, 11), "unconfirmed: the community's five-year policy (https://www.postgresql.org/support/versioning/), date not read from a stored source"),
            [.. Minors(Cdk, "15.2", "15.3", "15.4", "15.5", "15.6", "15.7", "15.8"), .. Minors(AuroraReleases, "15.10", "15.12", "15.13", "15.14", "15.15")]),
        new("16", new("16", new DateOnly(2029, 2, 28), AuroraCalendar),
            new("16", new DateOnly(2028, 11, 9), "unconfirmed: the community's five-year policy (https://www.postgresql.org/support/versioning/), date not read from a stored source"),
            [.. Minors(Cdk, "16.1", "16.2", "16.3", "16.4"), .. Minors(AuroraReleases, "16.6", "16.8", "16.9", "16.10", "16.11")]),
        new("17", new("17", new DateOnly(2030, 2, 28), AuroraCalendar),
            new("17", new DateOnly(2029, 11, 8), "unconfirmed: the community's five-year policy (https://www.postgresql.org/support/versioning/), date not read from a stored source"),
            [.. Minors(AuroraReleases, "17.4", "17.5", "17.6", "17.7")]),
    ];

    /// <summary>
    /// Minor versions have their own end of standard support in AWS's minor-version calendar; no readable copy of it
    /// was found, so minors are checked for existence only.
    /// </summary>
    public const string MinorWindowsUnconfirmed = "unconfirmed: the Aurora PostgreSQL minor-version release calendar's end-of-support dates were not found in a readable source";

    public static SupportWindow? KubernetesWindow(string version) => Kubernetes.FirstOrDefault(w => w.Version == version);

    public static PostgresMajor? PostgresMajorOf(string version) => Postgres.FirstOrDefault(m => version.Split('.')[0] == m.Major);
}
