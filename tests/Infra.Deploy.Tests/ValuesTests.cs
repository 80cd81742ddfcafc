using System.Collections.Immutable;
using Infra.Core.Graph;
using Infra.Deploy.Values;

namespace Infra.Deploy.Tests;

public class ValuesTests
{
    [Fact]
    public void Json_is_compact_with_keys_in_ordinal_order_whatever_order_the_map_has()
    {
        var document = ImmutableDictionary<string, object?>.Empty
            .Add("b", ImmutableArray.Create<object?>(1, 2.5, "x<y", null, true))
            .Add("a", ImmutableDictionary<string, object?>.Empty.Add("Z", "z").Add("B", false));

        Assert.Equal("""{"a":{"B":false,"Z":"z"},"b":[1,2.5,"x<y",null,true]}""", JsonText.Write(document));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("-7", -7)]
    [InlineData("2.5", 2.5)]
    [InlineData("5368709120", 5368709120d)]
    public void Whole_numbers_that_fit_go_as_integers_others_as_doubles(string text, object expected)
    {
        var number = GraphValues.Number(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.GetType() == typeof(int) ? typeof(int) : typeof(double), number.GetType());
        Assert.Equal(Convert.ToDouble(expected, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Literals_stay_plain_inputs_so_previews_show_them()
    {
        var values = new GraphValues(r => throw new InvalidOperationException("no references here"));

        var inputs = values.Inputs(V.Map(("cidrBlock", "10.0.0.0/16"), ("enabled", true), ("ports", V.List(80, 443)), ("tags", V.Map(("owner", "me")))));

        Assert.Equal("10.0.0.0/16", inputs["cidrBlock"]);
        Assert.Equal(true, inputs["enabled"]);
        Assert.Equal<object?>([80, 443], Assert.IsType<ImmutableArray<object?>>(inputs["ports"]).ToArray());
        Assert.Equal("me", Assert.IsType<ImmutableDictionary<string, object?>>(inputs["tags"])["owner"]);
    }

    [Fact]
    public void A_path_that_does_not_exist_names_the_reference()
    {
        var r = V.Ref("databaseCluster", "masterUserSecrets[1].secretArn");
        var value = ImmutableArray.Create<object>(ImmutableDictionary<string, object>.Empty.Add("secretArn", "arn"));

        var e = Assert.Throws<InvalidOperationException>(() => PathNavigation.Follow(value, RefPath.Parse(r.Path).Skip(1), r));

        Assert.Contains("${databaseCluster.masterUserSecrets[1].secretArn}", e.Message);
        Assert.Contains("item [1]", e.Message);
        Assert.Equal("arn", PathNavigation.Follow(value, RefPath.Parse("masterUserSecrets[0].secretArn").Skip(1), r));
    }
}
