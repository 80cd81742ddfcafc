using Infra.Core.Projection;

namespace Infra.Core.Tests.Projection;

/// <summary>--write edits the stack file's text minimally: comments and every other setting survive byte for byte.</summary>
public class StackFileEditorTests
{
    private const string Stack = """
        # Production: 20,000 registered users today.   (top comment)
        config:
          # the load
          mattermost:registeredUsers: 20000
          mattermost:concurrencyRatio: 0.2 # last published ratio
          mattermost:tags:
            owner: collaboration-platform   # who pays
            costCentre: CC-4410

          # secrets stay encrypted
          mattermost:licenseKey:
            secure: AAABAHbcZ3ZtZWRpdW0=
        # trailing comment
        """;

    private static readonly StackFileChange[] Changes =
    [
        StackFileChange.Set("mattermost:measuredConcurrencyRatio", "0.243", "peak 126 of 520"),
        StackFileChange.SetMap("mattermost:capacityCalibration",
            [("app", "1.3"), ("database", "1.14"), ("source", "examples/pilot-measurements"), ("window", "2027-01-10..2027-01-25"), ("measuredOn", "2027-01-25")], "evidence"),
    ];

    [Fact]
    public void New_keys_go_at_the_end_of_config_and_every_other_line_stays()
    {
        var edited = StackFileEditor.Apply(Stack, "Pulumi.production.yaml", Changes);

        // The original lines, in order, are all still there: the edit only inserted.
        var original = Stack.Split('\n');
        var lines = edited.Split('\n');
        var at = 0;
        foreach (var line in original) { at = Array.IndexOf(lines, line, at); Assert.True(at >= 0, $"lost: {line}"); }
        Assert.Equal(original.Length + 9, lines.Length);
        Assert.Contains("""
              # project: peak 126 of 520
              mattermost:measuredConcurrencyRatio: 0.243
              # project: evidence
              mattermost:capacityCalibration:
                app: 1.3
                database: 1.14
                source: examples/pilot-measurements
                window: 2027-01-10..2027-01-25
                measuredOn: 2027-01-25
            # trailing comment
            """, edited);
    }

    [Fact]
    public void Editing_again_replaces_the_keys_and_their_comments_instead_of_adding()
    {
        var once = StackFileEditor.Apply(Stack, "Pulumi.production.yaml", Changes);
        Assert.Equal(once, StackFileEditor.Apply(once, "Pulumi.production.yaml", Changes));

        var newer = StackFileEditor.Apply(once, "Pulumi.production.yaml",
            [StackFileChange.SetMap("mattermost:capacityCalibration", [("app", "1.2"), ("source", "march"), ("window", "2027-03-01..2027-03-14"), ("measuredOn", "2027-03-14")], "march")]);
        Assert.Single(newer.Split('\n'), l => l.Contains("mattermost:capacityCalibration:"));
        Assert.DoesNotContain("database: 1.14", newer);
        Assert.DoesNotContain("# project: evidence", newer);
        Assert.Contains("  # project: march\n  mattermost:capacityCalibration:\n    app: 1.2\n", newer);
        Assert.Contains("mattermost:measuredConcurrencyRatio: 0.243", newer);
    }

    [Fact]
    public void A_key_already_in_the_file_is_replaced_in_place()
    {
        var edited = StackFileEditor.Apply(Stack, "Pulumi.production.yaml", [StackFileChange.Set("mattermost:concurrencyRatio", "0.25")]);
        Assert.Equal(Stack.Replace("mattermost:concurrencyRatio: 0.2 # last published ratio", "mattermost:concurrencyRatio: 0.25"), edited);
    }

    [Fact]
    public void A_key_is_removed_with_its_block_and_nothing_else()
    {
        var once = StackFileEditor.Apply(Stack, "Pulumi.production.yaml", Changes);
        var removed = StackFileEditor.Apply(once, "Pulumi.production.yaml", [StackFileChange.Remove("mattermost:capacityCalibration")]);
        Assert.DoesNotContain("capacityCalibration", removed);
        Assert.DoesNotContain("measuredOn", removed);
        Assert.Contains("mattermost:measuredConcurrencyRatio: 0.243", removed);
    }

    [Fact]
    public void Crlf_files_stay_crlf_and_a_file_without_config_gets_one()
    {
        var crlf = Stack.Replace("\n", "\r\n");
        var edited = StackFileEditor.Apply(crlf, "Pulumi.production.yaml", Changes);
        Assert.DoesNotContain("\n", edited.Replace("\r\n", ""));
        Assert.Equal("# nothing yet\nconfig:\n  mattermost:measuredConcurrencyRatio: 0.3\n",
            StackFileEditor.Apply("# nothing yet\n", "Pulumi.qa.yaml", [StackFileChange.Set("mattermost:measuredConcurrencyRatio", "0.3")]));
    }

    [Theory]
    [InlineData("config: {mattermost:registeredUsers: 100}\n", "flow style")]
    [InlineData("config:\n\tmattermost:registeredUsers: 100\n", "tabs")]
    [InlineData("config:\n  mattermost:registeredUsers: [1\n", "not readable YAML")]
    public void A_file_it_cannot_edit_safely_is_left_alone_with_a_reason(string text, string expected)
    {
        var e = Assert.Throws<StackFileEditException>(() => StackFileEditor.Apply(text, "Pulumi.qa.yaml", Changes));
        Assert.Contains(expected, e.Message);
        Assert.Contains("Pulumi.qa.yaml", e.Message);
    }

    [Fact]
    public void Values_yaml_would_read_differently_are_quoted()
    {
        var edited = StackFileEditor.Apply("config:\n  a:b: 1\n", "Pulumi.qa.yaml", [StackFileChange.SetMap("mattermost:capacityCalibration", [("source", "/tmp/pilot: week 2 #1")], null)]);
        Assert.Contains("    source: \"/tmp/pilot: week 2 #1\"\n", edited);
    }
}
