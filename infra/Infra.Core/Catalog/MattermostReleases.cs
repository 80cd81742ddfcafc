using System.Text.RegularExpressions;

namespace Infra.Core.Catalog;

/// <summary>One Mattermost release tarball the VM tier may install, with its pinned SHA-256 and where that came from.</summary>
public sealed record MattermostRelease(string Version, string Sha256, IReadOnlyList<string> Sources)
{
    /// <summary>The tarball's file name, as the boot script downloads and names it.</summary>
    public string FileName => MattermostReleases.FileName(Version);

    public string Url => MattermostReleases.Url(Version);
}

/// <summary>
/// The SHA-256 of each Mattermost release tarball the VM tier's boot script may install (Catalog/Data/mattermost-releases.json,
/// each with its source). The boot script verifies the download against it before unpacking anything, so a version
/// without a row here cannot be installed: the settings refuse it on the VM tier.
/// </summary>
public static partial class MattermostReleases
{
    /// <summary>The data file, as named in messages (relative to the repository).</summary>
    public const string DataFile = "infra/Infra.Core/Catalog/Data/mattermost-releases.json";

    public static IReadOnlyList<MattermostRelease> All { get; } = Load();

    public static MattermostRelease? Find(string version) => All.FirstOrDefault(r => r.Version == version);

    public static string FileName(string version) => $"mattermost-{version}-linux-amd64.tar.gz";

    public static string Url(string version) => $"https://releases.mattermost.com/{version}/{FileName(version)}";

    /// <summary>The pinned versions, oldest first, for messages.</summary>
    public static string PinnedList => string.Join(", ", All.Select(r => r.Version));

    private static List<MattermostRelease> Load()
    {
        using var doc = CatalogData.Open("mattermost-releases.json");
        var result = new List<MattermostRelease>();
        foreach (var row in doc.RootElement.GetProperty("releases").EnumerateArray())
        {
            var version = row.GetProperty("version").GetString() ?? "";
            var sha = row.GetProperty("sha256").GetString() ?? "";
            if (!Version().IsMatch(version)) throw new InvalidDataException($"{DataFile}: version '{version}' is not MAJOR.MINOR.PATCH");
            if (!Sha256().IsMatch(sha)) throw new InvalidDataException($"{DataFile}: {version}: sha256 '{sha}' is not 64 lower-case hex digits");
            var sources = row.GetProperty("sources").EnumerateArray()
                .Select(s => s.TryGetProperty("repo", out var repo)
                    ? $"{repo.GetString()} {s.GetProperty("path").GetString()} @ {s.GetProperty("commit").GetString()}"
                    : s.GetProperty("url").GetString() ?? "")
                .ToList();
            if (sources.Count == 0) throw new InvalidDataException($"{DataFile}: {version}: no source for its sha256");
            if (result.Any(r => r.Version == version)) throw new InvalidDataException($"{DataFile}: {version} is listed twice");
            result.Add(new MattermostRelease(version, sha, sources));
        }
        return [.. result.OrderBy(r => System.Version.Parse(r.Version))];
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex Version();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
