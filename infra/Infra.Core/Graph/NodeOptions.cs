using System.Collections.Immutable;

namespace Infra.Core.Graph;

/// <summary>
/// Pulumi resource options that the graph decides. Names refer to other nodes of the same graph.
/// </summary>
public sealed record NodeOptions
{
    public static readonly NodeOptions None = new();

    /// <summary>The component node this resource is registered under.</summary>
    public string? Parent { get; init; }

    /// <summary>Explicit ordering where no output reference already implies it.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Refuse to delete the resource (Pulumi's <c>protect</c>).</summary>
    public bool Protect { get; init; }

    /// <summary>Leave the cloud resource in place when Pulumi deletes it.</summary>
    public bool RetainOnDelete { get; init; }

    /// <summary>An explicit provider node, e.g. the Kubernetes provider built from the EKS cluster.</summary>
    public string? Provider { get; init; }

    /// <summary>Outputs that Pulumi must treat as secrets even though the provider does not mark them.</summary>
    public ImmutableArray<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>Inputs whose drift is owned elsewhere (e.g. an autoscaler owns desired capacity).</summary>
    public ImmutableArray<string> IgnoreChanges { get; init; } = [];

    public bool Equals(NodeOptions? other) =>
        other is not null && Parent == other.Parent && Provider == other.Provider &&
        Protect == other.Protect && RetainOnDelete == other.RetainOnDelete &&
        DependsOn.SequenceEqual(other.DependsOn) &&
        AdditionalSecretOutputs.SequenceEqual(other.AdditionalSecretOutputs) &&
        IgnoreChanges.SequenceEqual(other.IgnoreChanges);

    public override int GetHashCode() => HashCode.Combine(Parent, Provider, Protect, RetainOnDelete, DependsOn.Length);
}
