using Infra.Core.Planning;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// A copy of a project's Pulumi.yaml and one stack file with the Enterprise licence added as a Pulumi secret,
/// as `pulumi config set --secret mattermost:licenseKey ...` would write it. The program refuses a cluster or
/// enterprise search without it, and the committed stacks cannot hold a real one. The ciphertext is never read by
/// the core; the engine hands the program the decrypted value (<see cref="Config"/>, as PULUMI_CONFIG).
/// </summary>
public sealed class LicensedProject : IDisposable
{
    public const string Licence = "test-enterprise-licence";

    public LicensedProject(string projectDirectory, string stack)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mm-deploy-licensed-").FullName;
        File.Copy(Path.Combine(projectDirectory, "Pulumi.yaml"), Path.Combine(Directory, "Pulumi.yaml"));
        var stackFile = $"Pulumi.{stack}.yaml";
        var text = File.ReadAllText(Path.Combine(projectDirectory, stackFile));
        if (!text.EndsWith('\n')) text += "\n";
        File.WriteAllText(Path.Combine(Directory, stackFile), text + $"  {LicenceRequirement.ConfigKey}:\n    secure: v1:AAAAAAAAAAAAAAAAdGVzdC1saWNlbmNl\n");
    }

    public string Directory { get; }

    /// <summary>The stack configuration the engine would pass to the program (decrypted).</summary>
    public static IReadOnlyDictionary<string, string> Config { get; } = new Dictionary<string, string> { [LicenceRequirement.ConfigKey] = Licence };

    /// <summary>The decrypted value a test hands the program for a secret nested in a structured key (mattermost:app's).</summary>
    public static string NestedSecret(string path) => $"test-secret-of-{path}";

    /// <summary>
    /// The configuration the engine would pass for a graph's secrets: the licence, and each structured key that holds
    /// secrets (mattermost:app) as the JSON object Pulumi passes for it, with those secrets decrypted; null when there are none.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ConfigFor(Infra.Core.Graph.ResourceGraph graph)
    {
        var values = graph.Nodes.SelectMany(n => ConfigValues(n.Properties)).Distinct().ToList();
        if (values.Count == 0) return null;
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in values.Where(c => c.Object is null)) config[c.Key] = Config[c.Key];
        foreach (var group in values.Where(c => c.Object is not null).GroupBy(c => c.Object!))
        {
            var root = new System.Text.Json.Nodes.JsonObject();
            foreach (var c in group)
            {
                var at = root;
                var steps = c.Path!.Split('.');
                foreach (var step in steps[..^1]) at = (System.Text.Json.Nodes.JsonObject)(at[step] ??= new System.Text.Json.Nodes.JsonObject());
                at[steps[^1]] = NestedSecret(c.Path);
            }
            config[group.Key] = root.ToJsonString();
        }
        return config;
    }

    private static IEnumerable<Infra.Core.Graph.ConfigValue> ConfigValues(Infra.Core.Graph.Value value) => value switch
    {
        Infra.Core.Graph.ConfigValue c => [c],
        Infra.Core.Graph.MapValue m => m.Entries.Values.SelectMany(ConfigValues),
        Infra.Core.Graph.ListValue l => l.Items.SelectMany(ConfigValues),
        Infra.Core.Graph.InterpolationValue i => i.Parts.SelectMany(ConfigValues),
        Infra.Core.Graph.FunctionValue f => ConfigValues(f.Argument),
        _ => [],
    };

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
