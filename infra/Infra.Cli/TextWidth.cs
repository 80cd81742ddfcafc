using System.Globalization;

namespace Infra.Cli;

/// <summary>
/// How wide the text renderings are: COLUMNS when it is set to a number (narrower or wider output on request), else the
/// terminal's width when standard output is a terminal, else 80 columns (a file or a pipe gets the classic width, so
/// that it reads the same everywhere). Never narrower than 40: below that the tables cannot be read.
/// </summary>
public static class TextWidth
{
    public const int Default = 80;
    public const int Minimum = 40;

    /// <summary>The width from the environment of this process, for output to <paramref name="stdout"/>.</summary>
    public static int For(TextWriter stdout) =>
        Resolve(Environment.GetEnvironmentVariable("COLUMNS"),
            ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
            () => Console.WindowWidth);

    public static int Resolve(string? columns, bool isTerminal, Func<int> terminalWidth)
    {
        if (int.TryParse(columns?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0)
            return Math.Max(asked, Minimum);
        if (!isTerminal) return Default;
        try
        {
            var width = terminalWidth();
            return width > 0 ? Math.Max(width, Minimum) : Default;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return Default; // a terminal that cannot say its width: the classic one
        }
    }
}
