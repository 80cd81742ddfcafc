using System.Text;
using System.Text.RegularExpressions;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>One CLI command line shown in a code block of the documentation, as the test runs it.</summary>
/// <param name="Text">The line as shown (after placeholders are filled), without its comment.</param>
/// <param name="ExpectedExit">0, or the code the line's comment names ("# exit 2: ...").</param>
/// <param name="Directories">Folders the block creates before it (mkdir -p), relative to the working folder.</param>
public sealed record DocCommand(string Page, int Line, string Text, IReadOnlyList<string> Args, int ExpectedExit, IReadOnlyList<string> Directories)
{
    public override string ToString() => $"{Page}:{Line}: {Text}";
}

/// <summary>
/// Finds every `dotnet run --project infra/Infra.Cli -- ...` line in the documentation's code blocks. The placeholder
/// <c>&lt;folder&gt;</c> after <c>examples/</c> stands for every example; any other placeholder is an error, so that what the
/// documentation shows to run is always something that runs.
/// </summary>
public static partial class DocCommands
{
    public const string Prefix = "dotnet run --project infra/Infra.Cli -- ";

    public static IReadOnlyList<string> ExampleFolders { get; } =
        [.. Directory.GetDirectories(Path.Combine(Repo.Root, "examples"))
            .Where(d => File.Exists(Path.Combine(d, "Pulumi.yaml")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static IReadOnlyList<DocCommand> All { get; } = [.. DocPages.All.SelectMany(Find)];

    public static IEnumerable<DocCommand> Find(string page)
    {
        foreach (var block in DocPages.CodeBlocks(page))
        {
            var directories = new List<string>();
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var line = block.Lines[i].Trim();
                var number = block.Line + 1 + i;
                if (line.StartsWith("mkdir -p ", StringComparison.Ordinal))
                {
                    directories.AddRange(Words(line["mkdir -p ".Length..], page, number));
                    continue;
                }
                if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
                var comment = line.IndexOf(" #", StringComparison.Ordinal);
                var command = (comment < 0 ? line : line[..comment]).Trim();
                var exit = comment < 0 ? null : ExitComment().Match(line[(comment + 2)..].Trim());
                var expected = exit is { Success: true } ? int.Parse(exit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var texts = command.Contains("examples/<folder>", StringComparison.Ordinal)
                    ? ExampleFolders.Select(f => command.Replace("examples/<folder>", "examples/" + f, StringComparison.Ordinal))
                    : [command];
                foreach (var text in texts)
                {
                    if (Placeholder().Match(text) is { Success: true } p)
                        throw new InvalidOperationException($"{page}:{number}: '{p.Value}' in a command the tests cannot run: show a real value");
                    yield return new DocCommand(page, number, text, Words(text[Prefix.Length..], page, number), expected, [.. directories]);
                }
            }
        }
    }

    /// <summary>The shell's words of a simple command line: spaces separate, single and double quotes group.</summary>
    public static IReadOnlyList<string> Words(string line, string page, int number)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else word.Append(c);
            }
            else if (c is '\'' or '"') { quote = c; inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c is '$' or '`' or '|' or '>' or '<' or ';' or '&' or '*')
                throw new InvalidOperationException($"{page}:{number}: '{c}' needs a shell; the tests run documented commands without one");
            else { word.Append(c); inWord = true; }
        }
        if (quote is not null) throw new InvalidOperationException($"{page}:{number}: an unclosed quote");
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"^exit (\d+)\b")]
    private static partial Regex ExitComment();

    [GeneratedRegex(@"<[A-Za-z][^>]*>|\.\.\.")]
    private static partial Regex Placeholder();
}
