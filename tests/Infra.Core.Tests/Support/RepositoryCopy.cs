namespace Infra.Core.Tests.Support;

/// <summary>
/// A copy of what the CLI reads and writes in the repository (the project and stack files, stacks/, examples/, docs/,
/// the README), committed to a git repository of its own so that `diff --base HEAD` has a revision to read. It sits one
/// level down in a temporary folder, so that `--out ../x` stays inside the temporary folder too.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private readonly TempDir _dir = new();

    public RepositoryCopy()
    {
        Root = Path.Combine(_dir.Path, "repo");
        Directory.CreateDirectory(Root);
        foreach (var file in Directory.GetFiles(Repo.Root, "Pulumi*.yaml").Append(Path.Combine(Repo.Root, "README.md")))
            File.Copy(file, Path.Combine(Root, Path.GetFileName(file)));
        foreach (var dir in new[] { "stacks", "examples", "docs" }) CopyTree(Path.Combine(Repo.Root, dir), Path.Combine(Root, dir));
        Git("init", "-q");
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "copy");
    }

    public string Root { get; }

    private void Git(params string[] args)
    {
        var result = Tool.Run("git", ["-C", Root, .. args], environment: new Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = _dir.Path });
        if (result.Code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {result}");
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public void Dispose() => _dir.Dispose();
}
