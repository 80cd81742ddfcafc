using Infra.Core.Settings;
using Pulumi;

namespace Infra.Deploy;

/// <summary>Where Pulumi.yaml and the stack files are: the settings are read from there, as <c>plan</c> reads them.</summary>
public static class ProjectRoot
{
    /// <summary>
    /// The project folder the engine names (PULUMI_ROOT_DIRECTORY, as Deployment.Instance.RootDirectory); without
    /// it, the one project that runs this program and has the stack (<see cref="ProjectLocator"/>): the working
    /// directory is the program's own folder, shared by the repository's project and the examples.
    /// </summary>
    public static string Locate()
    {
        string? root;
        try
        {
            root = Deployment.Instance.RootDirectory;
        }
        catch (InvalidOperationException)
        {
            root = null; // a CLI without root-directory support
        }
        try
        {
            return ProjectLocator.Locate(root, Environment.CurrentDirectory, Deployment.Instance.StackName);
        }
        catch (ProjectLocationException e)
        {
            throw new RunException(e.Message);
        }
    }
}
