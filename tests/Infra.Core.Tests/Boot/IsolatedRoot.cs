using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// A root file system for running a boot script for real: a temporary directory with the layout of a fresh Amazon
/// Linux node (its own /etc with only root and nobody, empty /opt, /usr/local, /var, /tmp), into which enter-root.sh binds
/// the host's /usr and the Python that carries the AWS CLI read-only, inside a mount namespace of its own (unshare), and
/// chroots. Only what cannot run here is a stub (Boot/stubs: dnf, systemctl, curl, sysctl); each records its calls in
/// /stub/calls.log. The test reads what the script left straight from the directory.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class IsolatedRoot : IDisposable
{
    private static readonly string BootFolder = System.IO.Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Boot");

    /// <summary>PATH inside the root: the stubs first (they shadow the host's systemctl and sysctl), the AWS CLI last.</summary>
    public const string SearchPath = "/stub/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/host/bin";

    private readonly List<string> _readOnly = [];

    public IsolatedRoot()
    {
        Path = Directory.CreateTempSubdirectory("mm-boot-root-").FullName;
        foreach (var dir in new[] { "usr", ".usr-local/bin", ".usr-local/sbin", ".usr-local/lib", ".usr-local/share", "etc/systemd/system",
                     "etc/sysctl.d", "opt", "proc", "root", "run", "tmp", "var/tmp", "var/log", "var/lib/cloud/instance/scripts", "dev", "host/bin", "stub/bin" })
            Directory.CreateDirectory(Full(dir));
        File.SetUnixFileMode(Full("tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        File.SetUnixFileMode(Full("var/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        foreach (var (link, target) in new[] { ("bin", "usr/bin"), ("sbin", "usr/sbin"), ("lib", "usr/lib"), ("lib64", "usr/lib64") })
            File.CreateSymbolicLink(Full(link), target);
        Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n", "644");
        Write("/etc/group", "root:x:0:\nnobody:x:65534:\n", "644");
        Write("/etc/shadow", "root:*LOCK*:14600::::::\nnobody:*:19000:0:99999:7:::\n", "000");
        Write("/etc/gshadow", "root:::\nnobody:!::\n", "000");
        // Name resolution as on the node: localhost from /etc/hosts (Amazon Linux's), files before DNS.
        Write("/etc/hosts", "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost6 localhost6.localdomain6\n", "644");
        Write("/etc/nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n", "644");
        Write("/stub/calls.log", "", "644");
        Write("/stub/effects.log", "", "644");
        foreach (var stub in Directory.GetFiles(System.IO.Path.Combine(BootFolder, "stubs")))
            Write("/stub/bin/" + System.IO.Path.GetFileName(stub), File.ReadAllText(stub), "755");

        // The AWS CLI of this machine, run by the Python it is installed in (the interpreter of its #! line, or python3
        // behind a pyenv shim), whose prefix is bound read-only at its own path when it is not under /usr.
        var aws = Tool.Find("aws") ?? throw new InvalidOperationException("aws is not on PATH");
        var shebang = File.ReadLines(aws).First();
        var interpreter = shebang.StartsWith("#!", StringComparison.Ordinal) && shebang.Contains("python", StringComparison.Ordinal)
            ? shebang[2..].Trim().Split(' ')[^1]
            : "python3";
        var python = Tool.Run(interpreter, ["-c", "import sys, awscli; print(sys.executable); print(sys.prefix)"]);
        Assert.True(python.Code == 0, $"python3 with awscli: {python}");
        var lines = python.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!lines[1].StartsWith("/usr/", StringComparison.Ordinal) && lines[1] != "/usr") _readOnly.Add(lines[1]);
        Write("/host/bin/aws", $"#!/bin/sh\nexec {lines[0]} -m awscli \"$@\"\n", "755");
    }

    /// <summary>The root's directory on the host.</summary>
    public string Path { get; }

    /// <summary>The host path of a path inside the root.</summary>
    public string Full(string path) =>
        System.IO.Path.Combine(Path, path.StartsWith("/usr/local/", StringComparison.Ordinal) ? ".usr-local/" + path["/usr/local/".Length..] : path.TrimStart('/'));

    public void Write(string path, string text, string mode)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Full(path))!);
        File.WriteAllText(Full(path), text);
        File.SetUnixFileMode(Full(path), (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    public void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Full(path))!);
        File.WriteAllBytes(Full(path), bytes);
    }

    /// <summary>Makes <c>curl https://HOST/PATH</c> inside the root return these bytes.</summary>
    public void Serve(string url, byte[] bytes)
    {
        var uri = new Uri(url);
        Assert.Equal("https", uri.Scheme);
        Write($"/stub/downloads/{uri.Host}{uri.AbsolutePath}", bytes);
    }

    public string Read(string path) => File.ReadAllText(Full(path));

    public bool Exists(string path) => File.Exists(Full(path)) || Directory.Exists(Full(path));

    /// <summary>The calls the stubs recorded, one a line, as the command line with shell quoting.</summary>
    public IReadOnlyList<string> Calls => [.. Read("/stub/calls.log").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>What systemd would have done for the systemctl calls (stubs/systemctl): "run UNIT", "start UNIT", "restart UNIT".</summary>
    public IReadOnlyList<string> Effects => [.. Read("/stub/effects.log").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>
    /// A reboot as far as the file system sees it: what lives in memory (/run, /tmp) is gone, the disk stays. With the
    /// runtime state of the systemctl stub goes which units are active.
    /// </summary>
    public void DiscardRuntimeState()
    {
        foreach (var dir in new[] { "run", "tmp" })
            foreach (var entry in new DirectoryInfo(Full(dir)).EnumerateFileSystemInfos())
                if (entry is DirectoryInfo d) d.Delete(recursive: true); else entry.Delete();
    }

    /// <summary>Runs a command chrooted into the root with exactly the given environment (and PATH).</summary>
    public Tool.Result Run(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var hostNamespace = new FileInfo("/proc/self/ns/mnt").LinkTarget ?? throw new InvalidOperationException("no /proc/self/ns/mnt");
        var args = new List<string> { "--mount", "--propagation", "private", "--", "bash", System.IO.Path.Combine(BootFolder, "enter-root.sh"), "--host-ns", hostNamespace, Path };
        foreach (var dir in _readOnly) args.AddRange(["--ro", dir]);
        args.AddRange(["--", "/usr/bin/env", "-i", $"PATH={SearchPath}", "HOME=/root", "LANG=C.UTF-8"]);
        args.AddRange(environment.Select(kv => $"{kv.Key}={kv.Value}"));
        args.AddRange(command);
        return Tool.Run("unshare", args, timeout: TimeSpan.FromMinutes(3));
    }

    public void Dispose()
    {
        // The binds live only in the namespaces of the commands above; should one have leaked into this namespace,
        // deleting the directory would reach through it into the host's /usr, so leave the directory instead.
        if (File.ReadAllLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4].StartsWith(Path, StringComparison.Ordinal)))
            throw new InvalidOperationException($"{Path} still has mounts in the test's namespace; not deleting it");
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
