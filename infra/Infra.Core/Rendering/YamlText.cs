using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Infra.Core.Rendering;

/// <summary>
/// Scalar and key formatting for YAML 1.2 (the core schema Pulumi YAML reads): plain where that is
/// unambiguous, double-quoted otherwise, so that "true", "16.6", "0755" and "yes" stay strings.
/// </summary>
public static partial class YamlText
{
    public static string Key(string key) => IsPlainSafe(key) ? key : Quote(key);

    public static string Scalar(string text) => IsPlainSafe(text) ? text : Quote(text);

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>True when a multi-line string can be written as a literal block without changing it.</summary>
    public static bool CanBeLiteralBlock(string text) =>
        text.Contains('\n') && !text.Contains('\r') && !text.Contains('\t') &&
        !text.StartsWith(' ') && !text.Split('\n').Any(l => l.EndsWith(' ')) && !text.EndsWith("\n\n", StringComparison.Ordinal);

    private static bool IsPlainSafe(string s) =>
        s.Length > 0 && PlainPattern().IsMatch(s) && !Ambiguous().IsMatch(s) && !s.Contains(": ", StringComparison.Ordinal) &&
        !s.Contains(" #", StringComparison.Ordinal) && !s.EndsWith(':');

    // Letters, digits and a few punctuation marks; must not start with an indicator character.
    [GeneratedRegex(@"^[A-Za-z0-9_/.][A-Za-z0-9_./:@()+ -]*$")]
    private static partial Regex PlainPattern();

    // Anything a YAML 1.1 or 1.2 reader might take for a bool, null or number stays quoted.
    [GeneratedRegex(@"^(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.:eExXoO+-]*|\.inf|\.nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Ambiguous();
}
