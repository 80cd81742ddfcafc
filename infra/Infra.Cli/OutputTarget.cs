using System.Text;
using System.Text.RegularExpressions;

namespace Infra.Cli;

/// <summary>
/// Where a command's result goes: standard output, or a file written whole (a temporary file renamed into place),
/// so that a failure never leaves a half-written file behind. --out never writes the project's configuration
/// (Pulumi.yaml, Pulumi.&lt;stack&gt;.yaml, existing or not, however the path reaches it), and writes through a
/// symlink to the file it points at (like a shell's redirection), saying so on standard error; a symlink that leads
/// to the configuration is refused like the configuration itself.
/// </summary>
public static partial class OutputTarget
{
    /// <summary>Pulumi's project and stack files: what `pulumi` reads as this project's configuration.</summary>
    [GeneratedRegex(@"^Pulumi(\..+)?\.ya?ml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationFile();

    public static void Write(string content, string? path, CliContext ctx)
    {
        if (path is null)
        {
            ctx.Out.Write(content);
            return;
        }
        var full = Path.GetFullPath(path, ctx.WorkingDirectory);
        var target = FinalTarget(full, path);
        var project = RealPath(ctx.ProjectDirectory);
        foreach (var candidate in target == full ? [full] : new[] { full, target })
            if (IsConfiguration(candidate, project))
                throw new InputException(path, target == full || candidate == full
                    ? $"is the project's configuration ({Path.GetFileName(candidate)} in {project}); --out never overwrites it, give another file"
                    : $"is a symlink to {target}, the project's configuration ({Path.GetFileName(candidate)}); --out never overwrites it, give another file");
        WriteFile(target, content, path);
        if (target != full) ctx.Progress($"wrote {target} through the symlink {path}");
    }

    private static bool IsConfiguration(string file, string realProject) =>
        ConfigurationFile().IsMatch(Path.GetFileName(file)) &&
        string.Equals(RealPath(Path.GetDirectoryName(file)!), realProject, StringComparison.OrdinalIgnoreCase);

    /// <summary>The file a chain of symlinks ends at (the path itself when it is no link); a loop is refused.</summary>
    private static string FinalTarget(string full, string given)
    {
        var current = full;
        for (var hops = 0; hops < 40; hops++)
        {
            var link = new FileInfo(current).LinkTarget;
            if (link is null) return current;
            current = Path.GetFullPath(link, Path.GetDirectoryName(current)!);
        }
        throw new InputException(given, "is a symlink that leads through more than 40 links (a loop?)");
    }

    /// <summary>The path with every symlink in it resolved (the parts that do not exist are kept as given).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (var hops = 0; hops < 40 && new FileInfo(current).LinkTarget is { } link; hops++)
                current = Path.GetFullPath(link, Path.GetDirectoryName(current)!);
        }
        return Path.TrimEndingDirectorySeparator(current);
    }

    public static void WriteFile(string full, string content, string given)
    {
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException(given, $"the directory {dir} does not exist");
        if (Directory.Exists(full)) throw new InputException(given, "is a directory; give a file");
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw new InputException(given, $"cannot write: {e.Message}");
        }
    }
}
