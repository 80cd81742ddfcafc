using Pulumi;

namespace Infra.Deploy.Resources;

/// <summary>
/// One of the project's component resources (<c>mattermost:infra:Network</c>, ...): it groups its
/// children in the resource tree and has no cloud counterpart. Its children are registered by the graph
/// walk, after which <see cref="Complete"/> tells the engine the component is done.
/// </summary>
public sealed class GraphComponent(string type, string name, ComponentResourceOptions options)
    : ComponentResource(type, name, options), IGraphResource
{
    Resource IGraphResource.Resource => this;

    public Output<object?>? Output(string name) => DeclaredOutputs.Read(this, name);

    public void Complete() => RegisterOutputs();
}
