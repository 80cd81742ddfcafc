using Infra.Core.Graph;

namespace Infra.Core.Tests.Graph;

public class ValueTemplateTests
{
    private static Value Fill(string text, params (string Name, Value Value)[] values) =>
        ValueTemplate.Parse("t.tpl", text).Fill(values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Placeholders_are_filled_with_text_and_references_into_one_interpolation()
    {
        var value = Fill("A={{a}}\nB=x{{b}}y {{a}}\n", ("a", "1"), ("b", V.Ref("bucket", "bucket")));
        Assert.Equal(new InterpolationValue(["A=1\nB=x", V.Ref("bucket", "bucket"), "y 1\n"]), value);
    }

    [Fact]
    public void A_template_without_references_is_plain_text_and_one_lone_reference_is_the_reference()
    {
        Assert.Equal(new StringValue("x=1}}}} {a}"), Fill("x={{a}}}}}} {a}", ("a", "1")));
        Assert.Equal(V.Ref("r", "arn"), Fill("{{a}}", ("a", V.Ref("r", "arn"))));
    }

    [Fact]
    public void An_empty_value_alone_on_its_line_removes_the_line_and_elsewhere_leaves_nothing()
    {
        Assert.Equal(new StringValue("a\nc\n"), Fill("a\n{{b}}\nc\n", ("b", "")));
        Assert.Equal(new StringValue("a\n"), Fill("a\n{{b}}", ("b", "")));
        Assert.Equal(new StringValue("a\nX\nc\n"), Fill("a\n{{b}}\nc\n", ("b", "X")));
        Assert.Equal(new StringValue("a\nR=\"\"\nc\n"), Fill("a\nR=\"{{b}}\"\nc\n", ("b", "")));
    }

    [Fact]
    public void A_placeholder_without_a_value_is_an_error_naming_it_and_its_line()
    {
        var e = Assert.Throws<TemplateException>(() => Fill("a\nb={{bee}}\n{{cee}}", ("bee", "1")));
        Assert.Equal("t.tpl: no value for {{cee}} (line 3)", e.Message);
    }

    [Fact]
    public void A_value_for_no_placeholder_is_an_error()
    {
        var e = Assert.Throws<TemplateException>(() => Fill("a={{a}}", ("a", "1"), ("stale", "2")));
        Assert.Equal("t.tpl: it has no placeholder {{stale}}; a value was given for it", e.Message);
    }

    [Theory]
    [InlineData("x\n{{Name}}")]
    [InlineData("x\n{{ name }}")]
    [InlineData("x\n{{name")]
    [InlineData("x\n{{1st}}")]
    public void A_malformed_placeholder_is_an_error_naming_the_line(string text)
    {
        var e = Assert.Throws<TemplateException>(() => ValueTemplate.Parse("t.tpl", text));
        Assert.StartsWith("t.tpl:2: ", e.Message);
    }

    [Fact]
    public void The_template_lists_its_placeholders_once_each_in_order()
    {
        Assert.Equal(["b", "a"], ValueTemplate.Parse("t", "{{b}} {{a}} {{b}}").Placeholders);
    }
}
