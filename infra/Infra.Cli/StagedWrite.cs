using System.Text;

namespace Infra.Cli;

/// <summary>
/// Writes a set of files under a root, and removes others, all or nothing: everything is first checked
/// (no file where a folder is needed, no folder where a file goes) and written to a staging folder beside
/// the targets; only then are the files moved into place, the files they replace kept aside until the
/// end, so that a failure part-way puts every earlier file back. The message names the path in the way.
/// </summary>
public static class StagedWrite
{
    public static void Apply(string root, IReadOnlyList<(string RelativePath, string Content)> files, IReadOnlyList<string> remove)
    {
        foreach (var (relative, _) in files) CheckTarget(root, relative);

        // Staged in the root, so that moving into place is a rename on the same file system.
        var stage = Path.Combine(root, $".mattermost-infra-write.{Environment.ProcessId}.tmp");
        var placed = new Stack<(string Target, string? Backup)>();
        var createdDirectories = new List<string>();
        var committed = false;
        try
        {
            Directory.CreateDirectory(stage);
            var staged = new List<(string Staged, string Target, string Relative)>();
            for (var i = 0; i < files.Count; i++)
            {
                var path = Path.Combine(stage, $"{i}.new");
                File.WriteAllText(path, files[i].Content, new UTF8Encoding(false));
                staged.Add((path, Path.Combine(root, files[i].RelativePath), files[i].RelativePath));
            }

            var backups = 0;
            string Backup(string target)
            {
                var backup = Path.Combine(stage, $"{backups++}.old");
                File.Move(target, backup);
                return backup;
            }
            foreach (var (path, target, relative) in staged)
            {
                try
                {
                    foreach (var dir in MissingDirectories(Path.GetDirectoryName(target)!))
                    {
                        Directory.CreateDirectory(dir);
                        createdDirectories.Add(dir);
                    }
                    var backup = File.Exists(target) ? Backup(target) : null;
                    placed.Push((target, backup));
                    File.Move(path, target);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException(relative, $"cannot write: {e.Message}");
                }
            }
            foreach (var relative in remove)
            {
                var target = Path.Combine(root, relative);
                try
                {
                    placed.Push((target, Backup(target)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException(relative, $"cannot remove: {e.Message}");
                }
            }
            committed = true; // the replaced files' backups go with the staging folder
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(Path.GetFileName(stage), $"cannot stage the files: {e.Message}");
        }
        finally
        {
            if (!committed) RollBack(placed, createdDirectories);
            try { if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Refuses a target whose folder is a file somewhere up the path, or that is itself a folder.</summary>
    private static void CheckTarget(string root, string relative)
    {
        var parts = relative.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var ancestor = string.Join('/', parts[..i]);
            if (File.Exists(Path.Combine(root, ancestor)))
                throw new InputException(ancestor, $"is a file where a folder is needed (for {relative}); move it away and run again");
        }
        if (Directory.Exists(Path.Combine(root, relative)))
            throw new InputException(relative, "is a directory where this file goes; move it away and run again");
    }

    private static IEnumerable<string> MissingDirectories(string dir)
    {
        var missing = new Stack<string>();
        for (var d = dir; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) missing.Push(d);
        return missing;
    }

    /// <summary>Undoes what was placed, newest first: a replaced file gets its old content back, a new file goes.</summary>
    private static void RollBack(Stack<(string Target, string? Backup)> placed, List<string> createdDirectories)
    {
        while (placed.TryPop(out var p))
        {
            try
            {
                if (p.Backup is not null) File.Move(p.Backup, p.Target, overwrite: true);
                else if (File.Exists(p.Target)) File.Delete(p.Target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        foreach (var dir in Enumerable.Reverse(createdDirectories))
                try { if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
