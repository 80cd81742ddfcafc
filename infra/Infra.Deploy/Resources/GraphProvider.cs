using Pulumi;

namespace Infra.Deploy.Resources;

/// <summary>
/// An explicit provider node (<c>pulumi:providers:kubernetes</c>), configured from the node's properties,
/// e.g. a kubeconfig built from the EKS cluster's outputs. Only its id and urn can be referenced.
/// </summary>
public sealed class GraphProvider(string package, string name, DictionaryResourceArgs args, CustomResourceOptions options)
    : ProviderResource(package, name, args, options), IGraphResource
{
    Resource IGraphResource.Resource => this;

    public Output<object?>? Output(string name) => DeclaredOutputs.Read(this, name);
}
