using Infra.Core.Graph;

namespace Infra.Core.Tests.Graph;

public class RefPathTests
{
    [Fact]
    public void Splits_names_and_indexes()
    {
        Assert.Equal<PathStep>(
            [new PathStep.Property("masterUserSecrets"), new PathStep.Index(0), new PathStep.Property("secretArn")],
            RefPath.Parse("masterUserSecrets[0].secretArn"));
        Assert.Equal<PathStep>(
            [new PathStep.Property("identities"), new PathStep.Index(0), new PathStep.Property("oidcs"), new PathStep.Index(12), new PathStep.Property("issuer")],
            RefPath.Parse("identities[0].oidcs[12].issuer"));
        Assert.Equal<PathStep>([new PathStep.Property("arn")], RefPath.Parse("arn"));
        Assert.Empty(RefPath.Parse(""));
    }

    [Fact]
    public void The_first_step_is_the_output_property()
    {
        var r = V.Ref("cluster", "certificateAuthority.data");
        Assert.Equal(new PathStep.Property(r.OutputProperty), RefPath.Parse(r.Path)[0]);
    }

    [Theory]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData(".a")]
    public void Malformed_paths_are_refused(string path)
    {
        var e = Assert.Throws<GraphException>(() => RefPath.Parse(path));
        Assert.Contains(path, e.Message);
    }
}
