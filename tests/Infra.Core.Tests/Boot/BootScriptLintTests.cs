using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// Every boot script the project renders parses in bash without a warning and passes ShellCheck: a here-document
/// that swallows the rest of the script (issue 10) or a quoting slip shows here, not on a node that never starts.
/// </summary>
public class BootScriptLintTests
{
    [Fact]
    public void The_pilot_and_every_vm_tier_example_render_a_boot_script()
    {
        Assert.Contains("pilot", BootScripts.All.Keys);
        Assert.Contains("examples/eu-pilot:pilot", BootScripts.All.Keys);
        Assert.Equal(BootScripts.Committed().Count(p => p.Plan.Settings.AppTier == AppTierKind.Vm),
            BootScripts.All.Keys.Count(k => !k.Contains("VM tier", StringComparison.Ordinal)));
    }

    [NeedsToolsTheory("bash")]
    [MemberData(nameof(BootScripts.Names), MemberType = typeof(BootScripts))]
    public void Bash_parses_the_boot_script_without_a_warning(string name)
    {
        using var dir = new TempDir();
        var file = dir.Write("user-data.sh", BootScripts.Text(BootScripts.All[name]));
        var result = Tool.Run("bash", ["-n", file]);
        Assert.True(result.Code == 0 && result.Error.Length == 0, $"bash -n {name}: {result}");
    }

    [NeedsToolsTheory("shellcheck")]
    [MemberData(nameof(BootScripts.Names), MemberType = typeof(BootScripts))]
    public void ShellCheck_finds_nothing_in_the_boot_script(string name)
    {
        using var dir = new TempDir();
        var file = dir.Write("user-data.sh", BootScripts.Text(BootScripts.All[name]));
        var result = Tool.Run("shellcheck", ["--shell=bash", "--format=gcc", file]);
        Assert.True(result.Code == 0, $"shellcheck {name}: {result}");
    }
}
