using System.Text;

namespace Infra.Cli;

/// <summary>
/// Where a command's result goes: standard output, or a file written whole (a temporary file renamed
/// into place), so that a failure never leaves a half-written file behind.
/// </summary>
public static class OutputTarget
{
    public static void Write(string content, string? path, TextWriter stdout)
    {
        if (path is null)
        {
            stdout.Write(content);
            return;
        }
        WriteFile(path, content);
    }

    public static void WriteFile(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException(path, $"the directory {dir} does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw new InputException(path, $"cannot write: {e.Message}");
        }
    }
}
