using System.Collections.Concurrent;
using Infra.Core.Graph;

namespace Infra.Core.Components.Scripts;

/// <summary>
/// The files of this folder (boot script templates, the scripts and systemd units they install), embedded in the
/// assembly under their own names (Infra.Core.csproj), so that each stays a file that reads, diffs and lints as what
/// it is.
/// </summary>
public static class ScriptFiles
{
    private const string Prefix = "Scripts/";

    private static readonly ConcurrentDictionary<string, ValueTemplate> Templates = new(StringComparer.Ordinal);

    /// <summary>The names of every embedded script file.</summary>
    public static IReadOnlyList<string> Names =>
        [.. typeof(ScriptFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)];

    /// <summary>The file's text exactly as committed.</summary>
    public static string Text(string file)
    {
        using var stream = typeof(ScriptFiles).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"no embedded script file {file} (infra/Infra.Core/Components/Scripts/)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The file as a block of lines to put in place of a placeholder that stands alone on its line: without the file's
    /// final line break, because the template's line supplies it.
    /// </summary>
    public static string Block(string file)
    {
        var text = Text(file);
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>The file parsed as a template (parsed once).</summary>
    public static ValueTemplate Template(string file) => Templates.GetOrAdd(file, f => ValueTemplate.Parse(f, Text(f)));

    /// <summary>A block template (see <see cref="Block"/>) filled with values.</summary>
    public static Value FillBlock(string file, IReadOnlyDictionary<string, Value> values) =>
        ValueTemplate.Parse(file, Block(file)).Fill(values);
}
