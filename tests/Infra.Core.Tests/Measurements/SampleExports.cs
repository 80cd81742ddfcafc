using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Core.Measurements;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Measurements;

/// <summary>
/// The synthetic pilot exports of examples/pilot-measurements, copied into a temporary folder so that a test can break
/// one thing (a value, a page, a label) and see what project makes of it.
/// </summary>
public sealed class SampleExports : IDisposable
{
    public static string Source => Path.Combine(Repo.Root, "examples", "pilot-measurements");

    private readonly TempDir _dir = new();

    public SampleExports(params string[] leaveOut)
    {
        foreach (var file in Directory.GetFiles(Source).Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
            if (!leaveOut.Contains(Path.GetFileName(file)))
                File.Copy(file, System.IO.Path.Combine(Folder, Path.GetFileName(file)));
    }

    public string Folder => _dir.Path;

    public string Path_(string file) => System.IO.Path.Combine(Folder, file);

    public string Text(string file) => File.ReadAllText(Path_(file));

    public void Write(string file, string text) => File.WriteAllText(Path_(file), text);

    public void Delete(string file) => File.Delete(Path_(file));

    /// <summary>Edits each JSON document of a file (a file may hold several, appended one after the other).</summary>
    public void Edit(string file, Action<JsonNode, int> edit)
    {
        var export = JsonExport.Parse(file, Text(file));
        var docs = export.Documents.Select(d => JsonNode.Parse(d.GetRawText())!).ToList();
        for (var i = 0; i < docs.Count; i++) edit(docs[i], i);
        Write(file, string.Join("\n", docs.Select(d => d.ToJsonString())) + "\n");
    }

    /// <summary>Every result of every page with this Id, across the CloudWatch files.</summary>
    public void EditSeries(string id, Action<JsonObject> edit)
    {
        foreach (var file in new[] { "pilot-cloudwatch-week1.json", "pilot-cloudwatch-week2.json" })
            if (File.Exists(Path_(file)))
                Edit(file, (doc, _) =>
                {
                    foreach (var r in doc["MetricDataResults"]!.AsArray().OfType<JsonObject>().Where(r => (string?)r["Id"] == id)) edit(r);
                });
    }

    /// <summary>Calibrates from the folder with the repository's stacks, as project --from does.</summary>
    public PilotCalibration Calibrate()
    {
        var loader = new Planner(Repo.Root).Loader;
        return PilotCalibration.From(Folder, "pilot-measurements", s => loader.Load(s));
    }

    public void Dispose() => _dir.Dispose();

    public static JsonArray Array(params decimal[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
