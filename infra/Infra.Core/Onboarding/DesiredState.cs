using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Onboarding;

/// <summary>A role's permissions as changes to the server's defaults, so that a Mattermost upgrade's new permissions are kept.</summary>
public sealed record RolePatch(string Role, IReadOnlyList<string> Add, IReadOnlyList<string> Remove);

public sealed record ChannelSpec(string Name, string DisplayName, string Type);

public sealed record TeamSpec(string Name, string DisplayName, string Type, IReadOnlyList<ChannelSpec> Channels);

/// <summary>
/// What the server should hold, read from onboarding/&lt;stack&gt;/roles.yaml and teams.yaml in the repository.
/// Names follow Mattermost's rules for team and channel names (lower-case letters, digits, '-' and '_' for channels;
/// 2-64 characters; model/team.go IsValidTeamName, model/channel.go) so that a typo fails here, not half-way.
/// </summary>
public sealed record DesiredState(IReadOnlyList<RolePatch> Roles, IReadOnlyList<TeamSpec> Teams)
{
    private static readonly Regex TeamName = new("^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$");
    private static readonly Regex ChannelName = new("^[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]$");

    public static DesiredState Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new OnboardingInputException(directory, "no such directory (expected roles.yaml and teams.yaml)");
        var roles = new List<RolePatch>();
        var rolesFile = Path.Combine(directory, "roles.yaml");
        if (File.Exists(rolesFile))
        {
            var root = Root(rolesFile);
            if (Child(root, "roles", rolesFile) is YamlMappingNode map)
                foreach (var (k, v) in map.Children)
                {
                    var name = ((YamlScalarNode)k).Value!;
                    var where = $"roles.{name}";
                    if (v is not YamlMappingNode body) throw new OnboardingInputException(rolesFile, $"{where}: must hold add and/or remove lists");
                    foreach (var key in body.Children.Keys.Cast<YamlScalarNode>())
                        if (key.Value is not ("add" or "remove")) throw new OnboardingInputException(rolesFile, $"{where}.{key.Value}: unknown key (add, remove)");
                    var add = List(body, "add", rolesFile, where);
                    var remove = List(body, "remove", rolesFile, where);
                    var both = add.Intersect(remove).ToList();
                    if (both.Count > 0) throw new OnboardingInputException(rolesFile, $"{where}: {string.Join(", ", both)} both added and removed");
                    roles.Add(new RolePatch(name, add, remove));
                }
        }
        var teams = new List<TeamSpec>();
        var teamsFile = Path.Combine(directory, "teams.yaml");
        if (File.Exists(teamsFile))
        {
            var root = Root(teamsFile);
            if (Child(root, "teams", teamsFile) is YamlSequenceNode seq)
                foreach (var (node, i) in seq.Children.Select((n, i) => (n, i)))
                {
                    var where = $"teams[{i}]";
                    if (node is not YamlMappingNode t) throw new OnboardingInputException(teamsFile, $"{where}: must be a mapping");
                    var name = Scalar(t, "name", teamsFile, where, required: true)!;
                    if (!TeamName.IsMatch(name)) throw new OnboardingInputException(teamsFile, $"{where}.name: '{name}' is not a Mattermost team name (2-64 lower-case letters, digits, '-')");
                    var type = Scalar(t, "type", teamsFile, where) ?? "I";
                    if (type is not ("O" or "I")) throw new OnboardingInputException(teamsFile, $"{where}.type: must be O (open) or I (invite only); got '{type}'");
                    var channels = new List<ChannelSpec>();
                    if (t.Children.TryGetValue(new YamlScalarNode("channels"), out var cs))
                    {
                        if (cs is not YamlSequenceNode cseq) throw new OnboardingInputException(teamsFile, $"{where}.channels: must be a list");
                        foreach (var (cn, j) in cseq.Children.Select((n, j) => (n, j)))
                        {
                            var cw = $"{where}.channels[{j}]";
                            if (cn is not YamlMappingNode c) throw new OnboardingInputException(teamsFile, $"{cw}: must be a mapping");
                            var cname = Scalar(c, "name", teamsFile, cw, required: true)!;
                            if (!ChannelName.IsMatch(cname)) throw new OnboardingInputException(teamsFile, $"{cw}.name: '{cname}' is not a Mattermost channel name (2-64 lower-case letters, digits, '-', '_')");
                            var ctype = Scalar(c, "type", teamsFile, cw) ?? "O";
                            if (ctype is not ("O" or "P")) throw new OnboardingInputException(teamsFile, $"{cw}.type: must be O (public) or P (private); got '{ctype}'");
                            channels.Add(new ChannelSpec(cname, Scalar(c, "display_name", teamsFile, cw) ?? cname, ctype));
                        }
                    }
                    var dupChannel = channels.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
                    if (dupChannel is not null) throw new OnboardingInputException(teamsFile, $"{where}.channels: '{dupChannel.Key}' is listed twice");
                    teams.Add(new TeamSpec(name, Scalar(t, "display_name", teamsFile, where) ?? name, type, channels));
                }
            var dup = teams.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null) throw new OnboardingInputException(teamsFile, $"teams: '{dup.Key}' is listed twice");
        }
        return new DesiredState(roles, teams);
    }

    private static YamlMappingNode Root(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new OnboardingInputException(file, $"line {e.Start.Line}: {e.Message}");
        }
        return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
            ?? throw new OnboardingInputException(file, "must be a mapping");
    }

    private static YamlNode? Child(YamlMappingNode root, string key, string file)
    {
        foreach (var k in root.Children.Keys.Cast<YamlScalarNode>())
            if (k.Value != key) throw new OnboardingInputException(file, $"{k.Value}: unknown key (expected {key})");
        return root.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    private static IReadOnlyList<string> List(YamlMappingNode map, string key, string file, string where)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var v)) return [];
        if (v is not YamlSequenceNode seq || seq.Children.Any(c => c is not YamlScalarNode))
            throw new OnboardingInputException(file, $"{where}.{key}: must be a list of permission names");
        return [.. seq.Children.Cast<YamlScalarNode>().Select(s => s.Value!)];
    }

    private static string? Scalar(YamlMappingNode map, string key, string file, string where, bool required = false)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var v))
            return required ? throw new OnboardingInputException(file, $"{where}.{key}: required") : null;
        return v is YamlScalarNode s ? s.Value : throw new OnboardingInputException(file, $"{where}.{key}: must be a single value");
    }
}
