using Infra.Core.Planning;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// A copy of a project's Pulumi.yaml and one stack file with the Enterprise licence added as a Pulumi secret,
/// as `pulumi config set --secret mattermost:licenseKey ...` would write it. The program refuses a cluster or
/// enterprise search without it, and the committed stacks cannot hold a real one. The ciphertext is never read by
/// the core; the engine hands the program the decrypted value (<see cref="Config"/>, as PULUMI_CONFIG).
/// </summary>
public sealed class LicensedProject : IDisposable
{
    public const string Licence = "test-enterprise-licence";

    public LicensedProject(string projectDirectory, string stack)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mm-deploy-licensed-").FullName;
        File.Copy(Path.Combine(projectDirectory, "Pulumi.yaml"), Path.Combine(Directory, "Pulumi.yaml"));
        var stackFile = $"Pulumi.{stack}.yaml";
        var text = File.ReadAllText(Path.Combine(projectDirectory, stackFile));
        if (!text.EndsWith('\n')) text += "\n";
        File.WriteAllText(Path.Combine(Directory, stackFile), text + $"  {LicenceRequirement.ConfigKey}:\n    secure: v1:AAAAAAAAAAAAAAAAdGVzdC1saWNlbmNl\n");
    }

    public string Directory { get; }

    /// <summary>The stack configuration the engine would pass to the program (decrypted).</summary>
    public static IReadOnlyDictionary<string, string> Config { get; } = new Dictionary<string, string> { [LicenceRequirement.ConfigKey] = Licence };

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
