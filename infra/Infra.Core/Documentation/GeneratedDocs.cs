namespace Infra.Core.Documentation;

/// <summary>A part of a documentation page that is generated from the code's data, between two marker comments.</summary>
/// <param name="RelativePath">The page, relative to the project directory (docs/configuration.md).</param>
/// <param name="Name">The section's name in its markers.</param>
/// <param name="Generate">The section's content, ending with a newline.</param>
public sealed record GeneratedSection(string RelativePath, string Name, Func<string> Generate)
{
    public string Begin => $"<!-- BEGIN GENERATED {Name}: {GeneratedDocs.WriteCommand} writes this; do not edit -->";

    public string End => $"<!-- END GENERATED {Name} -->";
}

/// <summary>A page whose generated sections are not what the code generates now.</summary>
public sealed record StaleDoc(string RelativePath, string Section, string Problem)
{
    public override string ToString() => $"{RelativePath}: {Section}: {Problem}";
}

/// <summary>
/// The generated sections of docs/ and how they are put into their pages. A page keeps its prose; only the text
/// between a section's markers is replaced, so a page without the markers is an error, not a silent skip.
/// </summary>
public static class GeneratedDocs
{
    public const string WriteCommand = "dotnet run --project infra/Infra.Cli -- docs --write";

    public static IReadOnlyList<GeneratedSection> Sections { get; } =
    [
        new("docs/configuration.md", "configuration-keys", ConfigurationTable.Markdown),
        new("docs/policies.md", "policies", PolicyTable.Markdown),
    ];

    /// <summary>The pages as they should read, relative path to content; an error (<see cref="DocsException"/>) when a page or its markers are missing.</summary>
    public static IReadOnlyList<(string RelativePath, string Content)> Render(string projectDirectory)
    {
        var pages = new List<(string RelativePath, string Content)>();
        foreach (var page in Sections.GroupBy(s => s.RelativePath))
        {
            var text = Read(projectDirectory, page.Key);
            foreach (var section in page) text = Replace(text, section, page.Key);
            pages.Add((page.Key, text));
        }
        return pages;
    }

    /// <summary>Generated sections that differ from what the code generates now.</summary>
    public static IReadOnlyList<StaleDoc> Stale(string projectDirectory) =>
        [.. Sections.Where(s => Between(Read(projectDirectory, s.RelativePath), s, s.RelativePath) != s.Generate())
            .Select(s => new StaleDoc(s.RelativePath, s.Name, "out of date"))];

    private static string Read(string projectDirectory, string page)
    {
        var path = Path.Combine(projectDirectory, page);
        if (!File.Exists(path)) throw new DocsException(page, $"not found in {projectDirectory}; run from the repository root or pass --project-dir");
        return File.ReadAllText(path).ReplaceLineEndings("\n");
    }

    /// <summary>The text between a section's markers in a page.</summary>
    public static string Between(string text, GeneratedSection section, string page)
    {
        var (start, end) = Bounds(text, section, page);
        return text[start..end];
    }

    private static string Replace(string text, GeneratedSection section, string page)
    {
        var (start, end) = Bounds(text, section, page);
        return text[..start] + section.Generate() + text[end..];
    }

    private static (int Start, int End) Bounds(string text, GeneratedSection section, string page)
    {
        var begin = text.IndexOf(section.Begin, StringComparison.Ordinal);
        var end = text.IndexOf(section.End, StringComparison.Ordinal);
        if (begin < 0 || end < 0 || end < begin)
            throw new DocsException(page, $"has no section '{section.Name}' between the lines\n  {section.Begin}\n  {section.End}\nput both lines where the section goes, then run {WriteCommand}");
        if (text.IndexOf(section.Begin, begin + 1, StringComparison.Ordinal) >= 0)
            throw new DocsException(page, $"has the section '{section.Name}' twice");
        var start = begin + section.Begin.Length;
        if (start < text.Length && text[start] == '\n') start++;
        return (start, end);
    }
}

/// <summary>A documentation page the generator cannot update: named, with what to do.</summary>
public sealed class DocsException(string page, string message) : Exception($"{page}: {message}")
{
    public string Page { get; } = page;
}
