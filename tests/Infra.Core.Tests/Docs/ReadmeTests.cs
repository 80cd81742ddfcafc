using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>The README stays short: what the project is, the two set-up commands, a map of the repository and of docs/.</summary>
public class ReadmeTests
{
    private static readonly string Readme = DocPages.Read("README.md");

    [Fact]
    public void The_readme_has_exactly_two_setup_commands()
    {
        var setup = Readme[Readme.IndexOf("## Set up and run", StringComparison.Ordinal)..];
        var block = setup[(setup.IndexOf("```sh", StringComparison.Ordinal) + 5)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        var commands = block.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(2, commands.Count);
        Assert.StartsWith("dotnet run --project infra/Infra.Cli -- plan ", commands[0]);
        Assert.StartsWith("bash test.sh ", commands[1]);
    }

    [Fact]
    public void The_readme_maps_every_docs_page()
    {
        foreach (var page in DocPages.All.Where(p => p.StartsWith("docs/", StringComparison.Ordinal)))
            Assert.Contains($"]({page})", Readme);
    }

    [Fact]
    public void The_readme_stays_short()
    {
        // The reference material lives in docs/; 8 KB holds the paragraph, the commands and the maps.
        Assert.True(Readme.Length < 8_000, $"README.md has {Readme.Length} characters; move the detail into a page of docs/");
    }
}
