using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Onboarding;

/// <summary>
/// One wave of the phased roll-out (mattermost:rollout in Pulumi.&lt;stack&gt;.yaml): its name, the day it starts,
/// the users it brings (a count for the sizing, or a source file listing them by e-mail for the invitations) and
/// the teams they join.
/// </summary>
public sealed record RolloutWave(string Name, DateOnly Date, int? Users, string? Source, IReadOnlyList<string> Teams)
{
    public const string Key = "mattermost:rollout";

    /// <summary>The waves of a stack file, in order; a problem names the file and the key.</summary>
    public static IReadOnlyList<RolloutWave> Read(string stackFile)
    {
        if (!File.Exists(stackFile)) throw new OnboardingInputException(stackFile, "no such file");
        var stream = new YamlStream();
        using (var reader = new StreamReader(stackFile)) stream.Load(reader);
        var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        if (Get(root, "config") is not YamlMappingNode config
            || Get(config, Key) is not { } node)
            return [];
        if (node is not YamlSequenceNode seq) throw new OnboardingInputException(stackFile, $"{Key}: must be a list of waves");
        var waves = new List<RolloutWave>();
        foreach (var (item, i) in seq.Children.Select((n, i) => (n, i)))
        {
            var at = $"{Key}[{i}]";
            if (item is not YamlMappingNode m) throw new OnboardingInputException(stackFile, $"{at}: must be a mapping");
            string? S(string k) => Get(m, k) is YamlScalarNode s ? s.Value : null;
            foreach (var k in m.Children.Keys.Cast<YamlScalarNode>())
                if (k.Value is not ("name" or "date" or "users" or "source" or "teams"))
                    throw new OnboardingInputException(stackFile, $"{at}.{k.Value}: unknown key (name, date, users, source, teams)");
            var name = S("name") ?? throw new OnboardingInputException(stackFile, $"{at}.name: required");
            if (!DateOnly.TryParseExact(S("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new OnboardingInputException(stackFile, $"{at}.date: expected a date YYYY-MM-DD, got '{S("date")}'");
            int? users = null;
            if (S("users") is { } u)
                users = int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                    : throw new OnboardingInputException(stackFile, $"{at}.users: expected a whole number above 0, got '{u}'");
            var source = S("source");
            if (users is null && source is null) throw new OnboardingInputException(stackFile, $"{at}: needs users (a count) or source (a CSV file of the wave's users)");
            var teams = Get(m, "teams") switch
            {
                YamlSequenceNode t => t.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList(),
                null => [],
                _ => throw new OnboardingInputException(stackFile, $"{at}.teams: must be a list of team names"),
            };
            waves.Add(new RolloutWave(name, date, users, source, teams));
        }
        var dup = waves.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new OnboardingInputException(stackFile, $"{Key}: the wave '{dup.Key}' is listed twice");
        return waves;
    }

    private static YamlNode? Get(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
}
