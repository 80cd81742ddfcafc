using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Catalog;
using Microsoft.Extensions.Configuration;

namespace Infra.Core.Settings;

/// <summary>
/// Loads a stack's settings the way Pulumi layers them: code defaults for the environment, then
/// <c>Pulumi.yaml</c> project config, then <c>Pulumi.&lt;stack&gt;.yaml</c>. Every problem is collected and
/// reported together with the file and key it came from.
/// </summary>
public sealed class StackSettingsLoader(string projectDirectory)
{
    public const string ProjectFileName = "Pulumi.yaml";

    public string ProjectDirectory { get; } = Path.GetFullPath(projectDirectory);

    public static string StackFileName(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>Stacks that have a <c>Pulumi.&lt;stack&gt;.yaml</c> in the project directory, sorted.</summary>
    public IReadOnlyList<string> AvailableStacks() =>
        [.. Directory.EnumerateFiles(ProjectDirectory, "Pulumi.*.yaml")
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
        var project = ReadFile(ProjectFileName, projectFile: true);
        var stackFile = StackFileName(stack);
        if (!File.Exists(Path.Combine(ProjectDirectory, stackFile)))
        {
            var known = AvailableStacks();
            throw new ConfigException([new ConfigProblem(stackFile, "(file)",
                $"not found in {ProjectDirectory}; known stacks: {(known.Count == 0 ? "none" : string.Join(", ", known))}")]);
        }
        var stackValues = ReadFile(stackFile, projectFile: false);
        var (projectValues, values) = (project.Values, stackValues.Values);
        foreach (var (key, value) in overrides ?? new Dictionary<string, RawValue?>())
        {
            projectValues = projectValues.Remove(key);
            values = value is null ? values.Remove(key) : values.SetItem(key, value);
        }
        return new SettingsBinder(stack, project.Name, projectValues, values).Bind();
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

    private static long LastGoodLine(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new YamlDotNet.Core.Parser(reader);
        long line = 1;
        try
        {
            while (parser.MoveNext()) line = parser.Current!.End.Line;
        }
        catch (Exception e) when (e is InvalidOperationException or YamlDotNet.Core.YamlException) { }
        return line;
    }

    private (string Name, ImmutableSortedDictionary<string, RawValue> Values) ReadFile(string fileName, bool projectFile)
    {
        var path = Path.Combine(ProjectDirectory, fileName);
        if (!File.Exists(path))
            throw new ConfigException([new ConfigProblem(fileName, "(file)", $"not found in {ProjectDirectory}; run from the repository root or pass --project-dir")]);
        // YamlDotNet first: it reports where a syntax error is, and shows explicit empty lists, which the
        // configuration provider drops (an empty client list must be an error, not "use the default").
        var emptyLists = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count > 0 &&
                stream.Documents[0].RootNode is YamlDotNet.RepresentationModel.YamlMappingNode top &&
                top.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("config"), out var config) &&
                config is YamlDotNet.RepresentationModel.YamlMappingNode keys)
            {
                foreach (var (k, v) in keys.Children)
                {
                    var value = projectFile && v is YamlDotNet.RepresentationModel.YamlMappingNode m &&
                                m.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("value"), out var inner) ? inner : v;
                    if (value is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: 0 } && k is YamlDotNet.RepresentationModel.YamlScalarNode ks)
                        emptyLists.Add(ks.Value!);
                }
            }
        }
        catch (YamlDotNet.Core.YamlException y)
        {
            throw new ConfigException([new ConfigProblem(fileName, "(file)",
                $"is not valid YAML: line {y.Start.Line}, column {y.Start.Column}: {y.InnerException?.Message ?? y.Message}")]);
        }
        catch (InvalidOperationException)
        {
            // Some malformed input makes YamlDotNet's scanner fail without a position; report where parsing stopped.
            throw new ConfigException([new ConfigProblem(fileName, "(file)", $"is not valid YAML: near line {LastGoodLine(path)}")]);
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().SetBasePath(ProjectDirectory).AddYamlFile(fileName, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new ConfigException([new ConfigProblem(fileName, "(file)", $"cannot be read as configuration: {(e.InnerException ?? e).Message}")]);
        }
        var name = root["name"] ?? "";
        var values = RawConfigReader.Read(root, fileName, projectFile);
        foreach (var key in emptyLists.Where(k => !values.ContainsKey(k)))
            values = values.Add(key, new RawList(fileName, []));
        return (name, values);
    }
}
