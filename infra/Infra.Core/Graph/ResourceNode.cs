namespace Infra.Core.Graph;

/// <summary>
/// One desired resource. <see cref="Name"/> becomes the Pulumi logical name: renaming a node replaces
/// the cloud resource, so names are chosen once and kept.
/// </summary>
/// <param name="Name">Stable, unique logical name.</param>
/// <param name="Type">Pulumi type token, e.g. <c>aws:ec2/vpc:Vpc</c>, or a component token <c>mattermost:infra:Network</c>.</param>
/// <param name="Properties">Provider input properties, with the provider's own property names.</param>
/// <param name="Options">Parent, dependencies, protection and provider.</param>
/// <param name="Reason">Why this resource exists or has its size; shown to reviewers.</param>
public sealed record ResourceNode(string Name, string Type, MapValue Properties, NodeOptions Options, string Reason)
{
    public const string ComponentPackage = "mattermost";

    /// <summary>Component nodes group resources; they have no cloud counterpart.</summary>
    public bool IsComponent => Type.StartsWith(ComponentPackage + ":", StringComparison.Ordinal);

    /// <summary>Provider nodes (<c>pulumi:providers:kubernetes</c>) configure how other nodes are created.</summary>
    public bool IsProvider => Type.StartsWith("pulumi:providers:", StringComparison.Ordinal);

    /// <summary>The package of the type token: <c>aws</c>, <c>kubernetes</c>, <c>mattermost</c>, <c>pulumi</c>.</summary>
    public string Package => Type[..Type.IndexOf(':')];

    public IEnumerable<RefValue> References() => Properties.References();

    /// <summary>Every node this one needs first: referenced outputs, explicit depends-on, provider and parent.</summary>
    public IEnumerable<string> Dependencies()
    {
        foreach (var r in References()) yield return r.Resource;
        foreach (var d in Options.DependsOn) yield return d;
        if (Options.Provider is { } p) yield return p;
        if (Options.Parent is { } parent) yield return parent;
    }
}
