using System.Collections.Frozen;

namespace Infra.Core.Catalog;

/// <summary>
/// Regions this tool plans for, with the zone letters it may use. Zones are named, not looked up,
/// so that a plan is deterministic and reviewable; a region is added here once its zones are known.
/// Zone letters: AWS "Regions and Zones" (each region's AZ list); only letters open to all accounts.
/// </summary>
public static class AwsRegions
{
    public static readonly FrozenDictionary<string, string> ZoneLetters = new Dictionary<string, string>
    {
        ["us-east-1"] = "abcdf",
        ["us-east-2"] = "abc",
        ["us-west-2"] = "abcd",
        ["ca-central-1"] = "abd",
        ["eu-west-1"] = "abc",
        ["eu-west-2"] = "abc",
        ["eu-central-1"] = "abc",
        ["eu-north-1"] = "abc",
        ["ap-southeast-1"] = "abc",
        ["ap-southeast-2"] = "abc",
        ["ap-northeast-1"] = "acd",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string region) => ZoneLetters.ContainsKey(region);

    public static int MaxZones(string region) => ZoneLetters.TryGetValue(region, out var z) ? z.Length : 0;

    /// <summary>The first <paramref name="count"/> zones of the region, e.g. us-east-1a, us-east-1b.</summary>
    public static IReadOnlyList<string> Zones(string region, int count) =>
        [.. ZoneLetters[region].Take(count).Select(c => region + c)];
}
