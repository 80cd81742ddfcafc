using Infra.Core.Settings;
using Pulumi;

namespace Infra.Deploy;

/// <summary>Where Pulumi.yaml and the stack files are: the settings are read from there, as <c>plan</c> reads them.</summary>
public static class ProjectRoot
{
    public static string Locate()
    {
        try
        {
            return Deployment.Instance.RootDirectory;
        }
        catch (InvalidOperationException)
        {
            // CLIs older than root-directory support run the program from its own folder (infra/Infra.Deploy).
            return Above(Environment.CurrentDirectory)
                ?? throw new RunException($"{StackSettingsLoader.ProjectFileName} not found in {Environment.CurrentDirectory} or any folder above it");
        }
    }

    public static string? Above(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, StackSettingsLoader.ProjectFileName))) return d.FullName;
        return null;
    }
}
