using System.Collections.Immutable;

namespace Infra.Core.Settings;

/// <summary>
/// Loads a stack's settings the way Pulumi layers them: code defaults for the environment, then
/// <c>Pulumi.yaml</c> project config, then <c>Pulumi.&lt;stack&gt;.yaml</c>. Every problem is collected and
/// reported together with the file and key it came from. Reading is strict (<see cref="YamlConfigReader"/>,
/// <see cref="ConfigFileText"/>, <see cref="StackNames"/>): what Pulumi would read differently, or this tool
/// would skip, is an error rather than a silent default.
/// </summary>
public sealed class StackSettingsLoader(string projectDirectory)
{
    public const string ProjectFileName = "Pulumi.yaml";

    public string ProjectDirectory { get; } = Path.GetFullPath(projectDirectory);

    public static string StackFileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>Stacks that have a <c>Pulumi.&lt;stack&gt;.yaml</c> in the project directory, sorted.</summary>
    public IReadOnlyList<string> AvailableStacks() =>
        // Every entry, not only regular files: a directory or FIFO under a stack file's name is reported, not skipped.
        [.. Directory.EnumerateFileSystemEntries(ProjectDirectory, "Pulumi.*.yaml")
            .Select(Path.GetFileName)
            .Select(f => f![7..^5])
            .Where(s => s.Length > 0)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Loads a stack. <paramref name="overrides"/> (for the diff, which replays one setting at its base value) take
    /// precedence over both files; a null value removes the key, so that its default applies.
    /// </summary>
    public StackSettings Load(string stack, IReadOnlyDictionary<string, RawValue?>? overrides = null)
    {
        var stackFile = StackFileName(stack);
        // The name is checked before it touches the file system: it could be a path ("../x").
        if (StackNames.Problem(stack) is { } nameProblem)
            throw new ConfigException([new ConfigProblem(Printable.Text(stackFile), "(stack name)", $"'{Printable.Text(stack)}' {nameProblem}")]);
        var problems = new List<ConfigProblem>();
        var project = ReadProject(problems);
        var stackPath = Path.Combine(ProjectDirectory, stackFile);
        if (!File.Exists(stackPath) && !Directory.Exists(stackPath))
        {
            var known = AvailableStacks();
            throw new ConfigException([.. problems, new ConfigProblem(stackFile, "(file)",
                $"not found in {ProjectDirectory}; known stacks: {(known.Count == 0 ? "none" : string.Join(", ", known.Select(Printable.Text)))}")]);
        }
        var stackValues = ReadStack(stackFile, problems);
        var (projectValues, values) = (project.Values, stackValues);
        foreach (var (key, value) in overrides ?? new Dictionary<string, RawValue?>())
        {
            projectValues = projectValues.Remove(key);
            values = value is null ? values.Remove(key) : values.SetItem(key, value);
        }
        try
        {
            var settings = new SettingsBinder(stack, project.Name, projectValues, values, ProjectDirectory).Bind();
            if (problems.Count == 0) return settings;
        }
        catch (ConfigException e)
        {
            problems.AddRange(e.Problems);
        }
        throw new ConfigException(problems);
    }

    /// <summary>Loads every stack and also checks what only shows across stacks (overlapping VPC ranges).</summary>
    public IReadOnlyList<StackSettings> LoadAll()
    {
        var problems = new List<ConfigProblem>();
        var loaded = new List<StackSettings>();
        foreach (var stack in AvailableStacks())
        {
            try { loaded.Add(Load(stack)); }
            catch (ConfigException e) { problems.AddRange(e.Problems); }
        }
        for (var i = 0; i < loaded.Count; i++)
            for (var j = 0; j < i; j++)
            {
                Cidr.TryParse(loaded[i].VpcCidr, out var a);
                Cidr.TryParse(loaded[j].VpcCidr, out var b);
                if (Cidr.Overlaps(a, b))
                    problems.Add(new ConfigProblem(StackFileName(loaded[i].Stack), "config.mattermost:vpcCidr",
                        $"{loaded[i].VpcCidr} overlaps stack '{loaded[j].Stack}' ({loaded[j].VpcCidr}); give each stack its own range so they can be peered"));
            }
        if (problems.Count > 0) throw new ConfigException(problems);
        return loaded;
    }

    /// <summary>The top-level sections of a stack file (Pulumi's ProjectStack: pkg/workspace/project.go).</summary>
    private static readonly string[] StackSections = ["config", "secretsprovider", "encryptedkey", "encryptionsalt"];

    private (string Name, ImmutableSortedDictionary<string, RawValue> Values) ReadProject(List<ConfigProblem> problems)
    {
        var top = ReadTop(ProjectFileName);
        var name = "";
        switch (top?.Entries.GetValueOrDefault("name"))
        {
            case RawScalar { Text: var n } when StackNames.ProjectNameProblem(n) is { } why:
                problems.Add(new ConfigProblem(ProjectFileName, "name", why));
                break;
            case RawScalar { Text: var n }:
                name = n;
                break;
            default:
                problems.Add(new ConfigProblem(ProjectFileName, "name", "is required: the Pulumi project name (letters, digits, '-', '_' and '.'), e.g. name: mattermost-infra"));
                break;
        }
        if (top?.Entries.ContainsKey("stackConfigDir") == true)
            problems.Add(new ConfigProblem(ProjectFileName, "stackConfigDir",
                "is not supported: this tool reads Pulumi.<stack>.yaml from the project directory, so stack files elsewhere would be ignored"));
        var values = ImmutableSortedDictionary.CreateBuilder<string, RawValue>(StringComparer.Ordinal);
        foreach (var (key, raw) in ConfigSection(top, ProjectFileName, problems))
        {
            // Project-level config: "ns:key: {value: ...}", a schema ("type", "default", ...) or a bare value.
            var value = raw;
            if (raw is RawMap m)
            {
                if (m.Entries.TryGetValue("value", out var v)) value = v;
                else if (m.Entries.Keys.Any(k => k is "type" or "description" or "default" or "secret" or "items"))
                {
                    if (!m.Entries.TryGetValue("default", out var d)) continue; // declared without a value
                    value = d;
                }
            }
            values[key] = value;
        }
        return (name, values.ToImmutable());
    }

    private ImmutableSortedDictionary<string, RawValue> ReadStack(string fileName, List<ConfigProblem> problems)
    {
        var top = ReadTop(fileName);
        foreach (var section in top?.Entries.Keys ?? [])
        {
            if (StackSections.Contains(section, StringComparer.Ordinal)) continue;
            var message = section == "environment"
                ? "imports Pulumi ESC environments, which this tool cannot read, so their settings would be deployed without being planned or checked: put the settings under config:"
                : $"is not a section of a Pulumi stack file ({string.Join(", ", StackSections)})" +
                  (StackSections.MinBy(s => Suggestions.Distance(s, section.ToLowerInvariant())) is { } near && Suggestions.Distance(near, section.ToLowerInvariant()) <= 2
                      ? $"; did you mean {near}?" : "");
            problems.Add(new ConfigProblem(fileName, Printable.Text(section), message));
        }
        return ConfigSection(top, fileName, problems);
    }

    private static ImmutableSortedDictionary<string, RawValue> ConfigSection(RawMap? top, string fileName, List<ConfigProblem> problems)
    {
        switch (top?.Entries.GetValueOrDefault("config"))
        {
            case null or RawNull: return ImmutableSortedDictionary<string, RawValue>.Empty.WithComparers(StringComparer.Ordinal);
            case RawMap config: return config.Entries;
            case var other:
                problems.Add(new ConfigProblem(fileName, "config", $"expected a map of settings (key: value), got {other.Shape}"));
                return ImmutableSortedDictionary<string, RawValue>.Empty.WithComparers(StringComparer.Ordinal);
        }
    }

    /// <summary>The file's top-level map, or null when the file holds no document.</summary>
    private RawMap? ReadTop(string fileName)
    {
        var path = Path.Combine(ProjectDirectory, fileName);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ConfigException([new ConfigProblem(fileName, "(file)", $"not found in {ProjectDirectory}; run from the repository root or pass --project-dir")]);
        try
        {
            return YamlConfigReader.Read(ConfigFileText.Read(path, ConfigFileText.ConfigMaxBytes), fileName) switch
            {
                null or RawNull => null,
                RawMap m => m,
                var other => throw new ConfigException([new ConfigProblem(fileName, "(file)", $"expected a map of sections (config: ...), got {other.Shape}")]),
            };
        }
        catch (UnreadableFileException e)
        {
            throw new ConfigException([new ConfigProblem(fileName, "(file)", e.Message)]);
        }
        catch (YamlReadException e)
        {
            throw new ConfigException([new ConfigProblem(fileName, "(file)", e.Message)]);
        }
    }
}
