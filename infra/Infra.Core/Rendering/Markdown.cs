namespace Infra.Core.Rendering;

/// <summary>Markdown table helpers: cells never break the table.</summary>
public static class Markdown
{
    public static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    public static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal) + "`";

    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |\n";

    public static string Header(params string[] cells) =>
        Row(cells) + "|" + string.Concat(cells.Select(_ => " --- |")) + "\n";
}
