using System.Globalization;

namespace Infra.Core.Settings;

/// <summary>
/// Checks a stack's Kubernetes and PostgreSQL versions against <see cref="SupportWindows"/> on a given day: a version
/// past its standard support, or one AWS never released (PostgreSQL "16.99"), is a configuration problem naming the
/// file, the key, the date and what to use instead.
/// </summary>
public static class VersionSupport
{
    public const string KubernetesKey = "config.mattermost:kubernetesVersion";
    public const string PostgresKey = "config.mattermost:postgresVersion";

    public static IReadOnlyList<ConfigProblem> Check(StackSettings s, DateOnly today)
    {
        var file = StackSettingsLoader.StackFileName(s.Stack);
        var problems = new List<ConfigProblem>();
        if (s.AppTier == AppTierKind.Kubernetes && KubernetesProblem(s.KubernetesVersion, today) is { } k)
            problems.Add(new ConfigProblem(file, KubernetesKey, k));
        if (PostgresProblem(s.PostgresVersion, today) is { } p)
            problems.Add(new ConfigProblem(file, PostgresKey, p));
        return problems;
    }

    public static string? KubernetesProblem(string version, DateOnly today)
    {
        var window = SupportWindows.KubernetesWindow(version);
        var open = SupportWindows.Kubernetes.Where(w => w.StandardSupportEnds >= today).ToList();
        var instead = open.Count > 0
            ? $"use {string.Join(" or ", open.Select(w => $"{w.Version} (standard support until {Day(w.StandardSupportEnds)})"))}"
            : $"no version this tool knows is in standard support on {Day(today)}: add the current EKS versions to Settings/SupportWindows.cs with their source";
        if (window is null)
            return $"'{version}' is not a Kubernetes version with a known EKS support window; {instead}";
        if (window.StandardSupportEnds >= today) return null;
        return $"Kubernetes {version} left EKS standard support on {Day(window.StandardSupportEnds)} ({window.Source}); " +
               $"on {Day(today)} a cluster on it runs in extended support at six times the cluster price; {instead}";
    }

    public static string? PostgresProblem(string version, DateOnly today)
    {
        if (SupportWindows.PostgresMajorOf(version) is not { } major) return null; // the key's format refuses other majors
        if (!major.Minors.Any(m => m.Version == version))
            return $"'{version}' is not an Aurora PostgreSQL {major.Major} version; the known ones are {string.Join(", ", major.Minors.Select(m => m.Version))} " +
                   $"({string.Join("; ", major.Minors.Select(m => m.Source).Distinct())})";
        var newer = SupportWindows.Postgres.Where(m => Ends(m) >= today).Select(m => $"{m.Minors[^1].Version} (major {m.Major}, supported until {Day(Ends(m))})").ToList();
        var instead = newer.Count > 0 ? $"upgrade to {string.Join(" or ", newer)}" : "add a current major to Settings/SupportWindows.cs with its source";
        if (major.Aurora.StandardSupportEnds < today)
            return $"Aurora PostgreSQL {major.Major} left standard support on {Day(major.Aurora.StandardSupportEnds)} ({major.Aurora.Source}); {instead}";
        if (major.CommunityEndOfLife is { Confirmed: true } eol && eol.StandardSupportEnds < today)
            return $"PostgreSQL {major.Major} reached community end of life on {Day(eol.StandardSupportEnds)} ({eol.Source}), and Mattermost supports only community-supported versions; {instead}";
        return null;
    }

    /// <summary>The day a major stops being deployable: Aurora's end of standard support, or the community's end of life where it is confirmed and earlier.</summary>
    private static DateOnly Ends(PostgresMajor m) =>
        m.CommunityEndOfLife is { Confirmed: true } eol && eol.StandardSupportEnds < m.Aurora.StandardSupportEnds ? eol.StandardSupportEnds : m.Aurora.StandardSupportEnds;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
