using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

public class IsolatedRootTests
{
    [NeedsToolsFact("bash")]
    public void Enter_root_refuses_to_mount_in_the_callers_mount_namespace()
    {
        // Mounts made in the test's own namespace would outlive it, under a directory it then deletes.
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "usr"));
        Directory.CreateDirectory(Path.Combine(dir.Path, ".usr-local"));
        var ns = new FileInfo("/proc/self/ns/mnt").LinkTarget!;
        var result = Tool.Run("bash", [Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Boot", "enter-root.sh"), "--host-ns", ns, dir.Path, "--", "/bin/true"]);
        Assert.Equal(2, result.Code);
        Assert.Contains("not in a mount namespace of its own", result.Error);
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(dir.Path, StringComparison.Ordinal));
    }
}
