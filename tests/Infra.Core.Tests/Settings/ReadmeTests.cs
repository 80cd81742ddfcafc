using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

public class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    [Fact]
    public void Every_config_key_is_documented_with_its_defaults()
    {
        foreach (var key in ConfigKeys.All)
        {
            var row = Readme.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{key.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README has no row for {key.Key}");
            foreach (var d in new[] { key.Pilot, key.Staging, key.Production }.OfType<string>())
                Assert.Contains($"`{d}`", row);
        }
    }

    private static string Row(string key) =>
        Readme.Split('\n').Single(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));

    [Fact]
    public void Tier_only_keys_say_so_in_their_row_and_no_other_row_does()
    {
        foreach (var key in ConfigKeys.All)
        {
            var marked = Row(key.Key).Contains("*Kubernetes tier only.*", StringComparison.Ordinal);
            Assert.True(marked == (key.Tier == AppTierKind.Kubernetes), $"{key.Key}: README row and ConfigKeys disagree on the tier");
        }
    }

    [Fact]
    public void The_tags_row_names_the_tags_the_tool_sets_and_the_limit()
    {
        var row = Row("mattermost:tags");
        foreach (var tag in ConfigKeys.ReservedTags) Assert.Contains($"`{tag}`", row);
        Assert.Contains($"At most {ConfigKeys.MaxUserTags}", row);
    }

    [Fact]
    public void Every_field_of_mattermost_app_is_documented_with_its_setting()
    {
        var section = Readme[Readme.IndexOf("## Mattermost's own configuration", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        foreach (var field in Infra.Core.Settings.App.AppFields.All)
        {
            var row = section.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{field.Path}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"README documents no field {field.Path}");
            if (field.Setting is { } setting) Assert.Contains(setting, row);
            if (field.Pending) Assert.Contains("pending", row);
        }
    }

    [Fact]
    public void The_readme_has_exactly_two_setup_commands()
    {
        var setup = Readme[Readme.IndexOf("## Set up and run", StringComparison.Ordinal)..];
        var block = setup[(setup.IndexOf("```sh", StringComparison.Ordinal) + 5)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var commands = block.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(2, commands.Count);
        Assert.StartsWith("dotnet run --project infra/Infra.Cli -- plan", commands[0]);
        Assert.StartsWith("bash test.sh", commands[1]);
    }
}
