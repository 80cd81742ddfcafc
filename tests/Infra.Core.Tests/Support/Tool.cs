using System.Diagnostics;

namespace Infra.Core.Tests.Support;

/// <summary>Runs a program of this machine (bash, shellcheck, the AWS CLI) and gives back what it printed.</summary>
public static class Tool
{
    public sealed record Result(int Code, string Output, string Error)
    {
        public override string ToString() => $"exit {Code}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static Result Run(string program, IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) info.Environment[k] = v;
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    /// <summary>CI must have every tool the tests use: there a missing one fails the test instead of skipping it.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A fact that needs programs of this machine. It is skipped only where one is missing and this is not CI; in CI
/// (CI=true) it runs and fails on the missing program, so a green CI always ran it.
/// </summary>
public sealed class NeedsToolsFactAttribute : FactAttribute
{
    public NeedsToolsFactAttribute(params string[] programs) => Skip = NeedsTools.SkipReason(programs);

    /// <summary>Also needs root (a mount namespace and chroot).</summary>
    public bool Root
    {
        get => NeedsTools.RootSkipReason() is null;
        set => Skip ??= value ? NeedsTools.RootSkipReason() : null;
    }

    /// <summary>Also needs a PostgreSQL server (Debian's, under /usr/lib/postgresql).</summary>
    public bool Postgres
    {
        get => NeedsTools.PostgresSkipReason() is null;
        set => Skip ??= value ? NeedsTools.PostgresSkipReason() : null;
    }
}

/// <summary>The theory counterpart of <see cref="NeedsToolsFactAttribute"/>.</summary>
public sealed class NeedsToolsTheoryAttribute : TheoryAttribute
{
    public NeedsToolsTheoryAttribute(params string[] programs) => Skip = NeedsTools.SkipReason(programs);

    /// <summary>Also needs root (a mount namespace and chroot).</summary>
    public bool Root
    {
        get => NeedsTools.RootSkipReason() is null;
        set => Skip ??= value ? NeedsTools.RootSkipReason() : null;
    }

    /// <summary>Also needs a PostgreSQL server (Debian's, under /usr/lib/postgresql).</summary>
    public bool Postgres
    {
        get => NeedsTools.PostgresSkipReason() is null;
        set => Skip ??= value ? NeedsTools.PostgresSkipReason() : null;
    }
}

internal static class NeedsTools
{
    public static string? SkipReason(string[] programs)
    {
        if (Tool.InCi) return null;
        var missing = programs.Where(p => Tool.Find(p) is null).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)} (not on PATH; .ci/run installs it)";
    }

    /// <summary>The bin directory of the newest Debian PostgreSQL (or MM_TEST_POSTGRES_BIN), or null.</summary>
    public static string? PostgresBinDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MM_TEST_POSTGRES_BIN") is { Length: > 0 } bin) return bin;
            if (!Directory.Exists("/usr/lib/postgresql")) return null;
            return Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderBy(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
                .Select(d => Path.Combine(d, "bin")).LastOrDefault();
        }
    }

    public static string? PostgresSkipReason() =>
        Tool.InCi || PostgresBinDirectory is not null ? null : "needs PostgreSQL (/usr/lib/postgresql/*/bin; .ci/run installs it)";

    public static string? RootSkipReason() =>
        Tool.InCi || Environment.IsPrivilegedProcess ? null : "needs root for a mount namespace and chroot (CI runs as root)";
}
