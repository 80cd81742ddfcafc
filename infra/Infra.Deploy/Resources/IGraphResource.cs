using Pulumi;

namespace Infra.Deploy.Resources;

/// <summary>A registered graph node whose outputs other nodes may read by name.</summary>
public interface IGraphResource
{
    Resource Resource { get; }

    /// <summary>The output property named as in the provider schema, or null if the class does not declare it.</summary>
    Output<object?>? Output(string name);
}
