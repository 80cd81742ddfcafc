using System.Globalization;
using System.Text;

namespace Infra.Core.Settings;

/// <summary>
/// Text from input files and names shown in messages, with control characters escaped, so that a
/// newline in a file name or key cannot forge a line of its own in the output.
/// </summary>
public static class Printable
{
    public static string Text(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
