using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

/// <summary>
/// A copy of one of the repository's stacks in a temporary project: write its plan as the base, change
/// settings in its stack file as an operator would, and run the real CLI's diff against that base.
/// </summary>
internal sealed class StackEdit : IDisposable
{
    private readonly TempProject _project;

    public StackEdit(string stack = "production")
    {
        Stack = stack;
        _project = new TempProject(File.ReadAllText(Path.Combine(Repo.Root, $"Pulumi.{stack}.yaml")), stack,
            File.ReadAllText(Path.Combine(Repo.Root, "Pulumi.yaml")));
    }

    public string Stack { get; }

    public string Directory => _project.Directory;

    public string StackFile => Path.Combine(Directory, $"Pulumi.{Stack}.yaml");

    /// <summary>Sets a top-level key of the stack file (replacing its line, or adding one under config:).</summary>
    public StackEdit Set(string key, string value)
    {
        var lines = File.ReadAllLines(StackFile).ToList();
        var at = lines.FindIndex(l => l.StartsWith($"  {key}:", StringComparison.Ordinal));
        var line = $"  {key}: {value}";
        if (at >= 0) lines[at] = line;
        else lines.Add(line);
        File.WriteAllLines(StackFile, lines);
        return this;
    }

    /// <summary>The stack's plan as it stands now, written as a base file; returns its path.</summary>
    public string WriteBase(string name = "base.json")
    {
        var path = Path.Combine(Directory, name);
        var (code, _, err) = Run("plan", "--stack", Stack, "--format", "json", "--out", path);
        Assert.True(code == 0, err);
        return path;
    }

    public (int Code, string Out, string Err) Diff(string basePath, params string[] extra) =>
        Run(["diff", "--stack", Stack, "--base", basePath, .. extra]);

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, Directory);
        return (code, o.ToString(), e.ToString());
    }

    public void Dispose() => _project.Dispose();
}
