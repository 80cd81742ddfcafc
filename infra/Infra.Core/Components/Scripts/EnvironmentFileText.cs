namespace Infra.Core.Components.Scripts;

/// <summary>
/// Values for systemd's <c>EnvironmentFile=</c>: double-quoted, with the only four characters systemd reads as escapes
/// inside double quotes escaped (<c>\\</c>, <c>\"</c>, <c>\`</c>, <c>\$</c>; systemd.exec(5), "EnvironmentFile="), so that
/// any one-line value reaches the service exactly: spaces, quotes, <c>#</c> and <c>$</c> included. The credentials
/// refresher (mattermost-credentials.sh, <c>quote</c>) writes the secret settings the same way.
/// </summary>
public static class EnvironmentFileText
{
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("`", "\\`", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal) + "\"";

    /// <summary>Reads a value written by <see cref="Quote"/> back (an unquoted value is returned as it is).</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"') return text;
        var sb = new System.Text.StringBuilder();
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1 && text[i + 1] is '\\' or '"' or '`' or '$') i++;
            sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
