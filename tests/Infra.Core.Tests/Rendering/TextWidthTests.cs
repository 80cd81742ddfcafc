using System.Text.RegularExpressions;
using Infra.Cli;
using Infra.Core.Artifacts;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Rendering;

/// <summary>The text renderer fits a terminal: 80 columns when not a terminal, the terminal's width when it is, COLUMNS honoured.</summary>
public partial class TextWidthTests
{
    [Theory]
    [InlineData(null, false, 200, 80)]   // redirected: 80, whatever the console says
    [InlineData(null, true, 132, 132)]   // a terminal: its width
    [InlineData(null, true, 0, 80)]      // a terminal that reports no width
    [InlineData(null, true, -1, 80)]
    [InlineData("100", false, 0, 100)]   // COLUMNS is honoured either way
    [InlineData("60", true, 200, 60)]    // narrower output asked for
    [InlineData("abc", true, 120, 120)]  // a COLUMNS that is not a number is ignored
    [InlineData("10", false, 0, 40)]     // below 40 the tables cannot be read: 40
    [InlineData(" 90 ", false, 0, 90)]
    public void The_width_comes_from_COLUMNS_else_the_terminal_else_80(string? columns, bool terminal, int window, int expected)
    {
        Assert.Equal(expected, TextWidth.Resolve(columns, terminal, () => window));
    }

    [Fact]
    public void A_terminal_whose_width_cannot_be_read_gets_80()
    {
        Assert.Equal(80, TextWidth.Resolve(null, true, () => throw new IOException("no console")));
    }

    /// <summary>
    /// Tokens a cell cannot break without changing what they say: ARNs, URLs and file paths. A line may exceed the
    /// width only to carry one of these whole.
    /// </summary>
    [GeneratedRegex(@"(arn:aws[^\s│]*|https?://[^\s│]*|[\w.-]*/[\w./-]{20,})")]
    private static partial Regex Unbreakable();

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_text_plan_at_80_columns_has_no_longer_lines_but_for_unbreakable_tokens(string stack)
    {
        var text = PlanRenderings.Text(Repo.Plan(stack), 80);
        var tooLong = text.Split('\n').Where(l => l.Length > 80 && !Unbreakable().Matches(l).Any(m => m.Length > 40)).ToList();
        Assert.True(tooLong.Count == 0, $"{tooLong.Count} lines over 80 columns:\n{string.Join("\n", tooLong.Take(5))}");
        Assert.Contains("Monthly cost estimate", text);
        Assert.Contains("Total", text);
    }

    [Fact]
    public void The_text_plan_fits_a_wider_terminal_when_asked()
    {
        var text = PlanRenderings.Text(Repo.Plan("production"), 160);
        Assert.Contains(text.Split('\n'), l => l.Length > 80);
        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 160 || Unbreakable().IsMatch(l), l));
    }

    [Fact]
    public void The_cli_renders_text_at_80_columns_when_standard_output_is_not_a_terminal()
    {
        var expected = TextWidth.Resolve(Environment.GetEnvironmentVariable("COLUMNS"), false, () => 0);
        var o = new StringWriter();
        Assert.Equal(0, CliApp.Run(["plan", "--stack", "pilot"], o, new StringWriter(), Repo.Root));
        var widest = o.ToString().Split('\n').Where(l => !Unbreakable().IsMatch(l)).Max(l => l.Length);
        Assert.True(widest <= expected, $"widest line {widest} > {expected}");
        Assert.True(widest > expected - 10, $"widest line {widest}: the tables should use the width");
    }
}
