namespace Infra.Deploy.Tests.Support;

/// <summary>A throw-away Pulumi project directory (Pulumi.yaml and optionally one stack file).</summary>
public sealed class TempProject : IDisposable
{
    public TempProject(string? stackYaml, string stack = "staging")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mm-deploy-test-").FullName;
        File.WriteAllText(Path.Combine(Directory, "Pulumi.yaml"), """
            name: mattermost-infra
            runtime: dotnet
            config:
              aws:region:
                value: us-east-1
            """);
        if (stackYaml is not null) File.WriteAllText(Path.Combine(Directory, $"Pulumi.{stack}.yaml"), stackYaml);
    }

    public string Directory { get; }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
