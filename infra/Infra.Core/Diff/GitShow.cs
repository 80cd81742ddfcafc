using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Infra.Core.Diff;

/// <summary>
/// Reads a file as it was at a git revision (<c>git show REF:./path</c>), run from the project directory so
/// that the path is relative to it. Used by <c>diff --base GIT-REF</c> to read the committed plan.json.
/// </summary>
public static class GitShow
{
    public static string Read(string workingDirectory, string reference, string relativePath)
    {
        if (reference.Length == 0 || reference.StartsWith('-') || reference.Any(char.IsWhiteSpace) || reference.Contains(':'))
            throw new GitException($"'{reference}' is not a git revision");
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        info.ArgumentList.Add("show");
        info.ArgumentList.Add($"{reference}:./{relativePath.Replace('\\', '/')}");
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new GitException("git could not be started");
        }
        catch (Win32Exception)
        {
            throw new GitException("git is not installed or not on PATH; give the base as a plan.json file instead");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var why = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? $"git exited with {process.ExitCode}";
                throw new GitException($"git show {reference}:./{relativePath} failed: {why}");
            }
            return output;
        }
    }
}

/// <summary>git is missing, or the revision or the file at it does not exist.</summary>
public sealed class GitException(string message) : Exception(message);
