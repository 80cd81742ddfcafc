using Infra.Core.Graph;
using Infra.Deploy.Resources;

namespace Infra.Deploy.Tests;

/// <summary>The program's [Output] declarations are exactly the list the core checks every graph against.</summary>
public class DeclaredOutputsTests
{
    [Fact]
    public void Resources_declare_exactly_the_referenceable_outputs()
    {
        var outputs = DeclaredOutputs.Of(typeof(GraphResource));
        Assert.Equal(ReferenceableOutputs.Declared.Union(ReferenceableOutputs.BuiltIn).Order(), outputs.Keys.Order());
        Assert.All(ReferenceableOutputs.Declared, name => Assert.Equal(typeof(GraphResource), outputs[name].DeclaringType));
    }

    [Fact]
    public void Provider_components_declare_the_same_outputs()
    {
        var outputs = DeclaredOutputs.Of(typeof(GraphProviderComponent));
        Assert.Equal(ReferenceableOutputs.Declared.Append("urn").Order(), outputs.Keys.Order());
    }
}
