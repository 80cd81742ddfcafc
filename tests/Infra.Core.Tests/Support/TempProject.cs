namespace Infra.Core.Tests.Support;

/// <summary>A throw-away Pulumi project directory with the files a test writes into it.</summary>
public sealed class TempProject : IDisposable
{
    public const string ProjectYaml = """
        name: mattermost-infra
        runtime: dotnet
        config:
          aws:region:
            value: us-east-1
        """;

    /// <summary>A minimal valid stack: the required keys only.</summary>
    public const string MinimalStack = """
        config:
          mattermost:registeredUsers: 1000
          mattermost:domainName: chat.example.com
          mattermost:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123
          mattermost:tags:
            owner: platform
            costCentre: CC-1
        """;

    public TempProject(string? stackYaml = null, string stack = "staging", string projectYaml = ProjectYaml)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mm-infra-test-").FullName;
        File.WriteAllText(Path.Combine(Directory, "Pulumi.yaml"), projectYaml);
        if (stackYaml is not null) WriteStack(stack, stackYaml);
    }

    public string Directory { get; }

    public void WriteStack(string stack, string yaml) => File.WriteAllText(Path.Combine(Directory, $"Pulumi.{stack}.yaml"), yaml);

    /// <summary>The minimal stack with extra lines under config:; a key given again replaces the minimal one.</summary>
    public static string With(params string[] lines)
    {
        var keys = lines.Where(l => !l.StartsWith(' ')).Select(l => l.Split(':')[0] + ":" + l.Split(':')[1] + ":").ToHashSet();
        var kept = MinimalStack.Split('\n').Where(l => !keys.Any(k => l.TrimStart().StartsWith(k, StringComparison.Ordinal)));
        return string.Join("\n", kept) + "\n" + string.Concat(lines.Select(l => "  " + l + "\n"));
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
