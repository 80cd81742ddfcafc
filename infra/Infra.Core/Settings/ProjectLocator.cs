using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Core.Settings;

/// <summary>The project that runs the program cannot be told apart from another, or does not exist.</summary>
public sealed class ProjectLocationException(string message) : Exception(message);

/// <summary>
/// Finds the Pulumi project (the folder of its Pulumi.yaml and stack files) that is running the C# program, so that
/// the program plans the same stack as <c>plan --project-dir</c>.
/// </summary>
/// <remarks>
/// How Pulumi runs a .NET program (pulumi/pulumi pkg/engine/project.go getPwdMain and pulumi/pulumi-dotnet
/// pulumi-language-dotnet/main.go Run): the working directory is the project's <c>main</c> folder, here always
/// infra/Infra.Deploy, whichever project points at it (the repository root or an example whose <c>main</c> is
/// ../../infra/Infra.Deploy/); the project's own folder arrives only as PULUMI_ROOT_DIRECTORY
/// (Deployment.Instance.RootDirectory), which older CLIs do not send. Searching upward from the working directory
/// would always find the repository's Pulumi.yaml, also for an example, so the fallback looks at every project
/// under that folder that runs this program and has the stack, and refuses to guess between several.
/// </remarks>
public static class ProjectLocator
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "stacks"];

    /// <param name="rootDirectory">The project folder the engine named (PULUMI_ROOT_DIRECTORY), or null when it named none.</param>
    /// <param name="programDirectory">Where the program runs: the project's <c>main</c> folder.</param>
    /// <param name="stack">The stack being deployed.</param>
    public static string Locate(string? rootDirectory, string programDirectory, string stack)
    {
        var projectFile = StackSettingsLoader.ProjectFileName;
        if (!string.IsNullOrEmpty(rootDirectory))
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
            return File.Exists(Path.Combine(root, projectFile)) ? root
                : throw new ProjectLocationException($"the Pulumi CLI named {root} as the project's root directory, but it has no {projectFile}");
        }

        var program = Path.TrimEndingDirectorySeparator(Path.GetFullPath(programDirectory));
        var outermost = Ancestors(program).LastOrDefault(d => File.Exists(Path.Combine(d, projectFile)))
            ?? throw new ProjectLocationException($"{projectFile} not found in {program} or any folder above it, and the Pulumi CLI did not name the project's root directory");
        var stackFile = StackSettingsLoader.StackFileName(stack);
        var candidates = ProjectsUnder(outermost)
            .Where(d => RunsProgram(d, program) && File.Exists(Path.Combine(d, stackFile)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ProjectLocationException(
                $"no project under {outermost} has {stackFile} and a {projectFile} whose main is {program}, and the Pulumi CLI did not name the project's root directory; " +
                "run with PULUMI_ROOT_DIRECTORY=<the project's folder>"),
            _ => throw new ProjectLocationException(
                $"cannot tell which project is deploying stack '{stack}': {string.Join(", ", candidates)} each have {stackFile} and run this program, " +
                "and the Pulumi CLI did not name the project's root directory; use a Pulumi CLI that does, or run with PULUMI_ROOT_DIRECTORY=<the project's folder>"),
        };
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent) yield return d.FullName;
    }

    private static IEnumerable<string> ProjectsUnder(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var d = pending.Pop();
            if (File.Exists(Path.Combine(d, StackSettingsLoader.ProjectFileName))) yield return d;
            IEnumerable<string> children;
            try { children = Directory.EnumerateDirectories(d).ToList(); }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException) { continue; }
            foreach (var child in children)
            {
                var name = Path.GetFileName(child);
                if (!name.StartsWith('.') && !Skipped.Contains(name, StringComparer.Ordinal)) pending.Push(child);
            }
        }
    }

    /// <summary>True when the project's <c>main</c> (its own folder when absent) is the program's folder.</summary>
    private static bool RunsProgram(string projectDirectory, string program)
    {
        var main = Main(Path.Combine(projectDirectory, StackSettingsLoader.ProjectFileName));
        var target = Path.GetFullPath(string.IsNullOrEmpty(main) ? "." : main, projectDirectory);
        return string.Equals(Path.TrimEndingDirectorySeparator(target), Path.TrimEndingDirectorySeparator(program), StringComparison.Ordinal);
    }

    private static string? Main(string projectFile)
    {
        try
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(projectFile)) yaml.Load(reader);
            return yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode root
                   && root.Children.TryGetValue(new YamlScalarNode("main"), out var main) && main is YamlScalarNode s
                ? s.Value
                : null;
        }
        catch (YamlException)
        {
            return null; // an unreadable project is not a candidate; the chosen project's own errors are reported when it is loaded
        }
    }
}
