using System.Text.RegularExpressions;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>The documentation pages (README.md, docs/*.md, examples/README.md) and what the tests read from them.</summary>
public static partial class DocPages
{
    /// <summary>Every page, relative to the repository root, with '/' separators.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal),
        "examples/README.md",
    ];

    public static string Read(string page) => File.ReadAllText(Path.Combine(Repo.Root, page)).ReplaceLineEndings("\n");

    /// <summary>A fenced code block: its page, the line its fence opens on, and its lines.</summary>
    public sealed record CodeBlock(string Page, int Line, IReadOnlyList<string> Lines);

    public static IEnumerable<CodeBlock> CodeBlocks(string page)
    {
        var lines = Read(page).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) continue;
            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) body.Add(lines[i]);
            if (i == lines.Length) throw new InvalidOperationException($"{page}:{start + 1}: a code block that never closes");
            yield return new CodeBlock(page, start + 1, body);
        }
    }

    /// <summary>The page's text outside code blocks and code spans, line for line (code lines become empty).</summary>
    public static IReadOnlyList<string> ProseLines(string page)
    {
        var result = new List<string>();
        var inBlock = false;
        foreach (var line in Read(page).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                result.Add("");
                continue;
            }
            result.Add(inBlock ? "" : CodeSpan().Replace(line, "``"));
        }
        return result;
    }

    /// <summary>The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    public static IReadOnlySet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inBlock = false;
        foreach (var line in Read(page).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inBlock = !inBlock;
            if (inBlock) continue;
            var m = Heading().Match(line);
            if (!m.Success) continue;
            var slug = NotInSlug().Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }
        return anchors;
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\p{Mn} _-]")]
    private static partial Regex NotInSlug();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();
}
