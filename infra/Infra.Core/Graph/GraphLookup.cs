namespace Infra.Core.Graph;

/// <summary>
/// A provider function read at deployment time (a data source), e.g. the caller's account id.
/// Rendered as a Pulumi YAML <c>fn::invoke</c> variable; nodes reference it like a resource.
/// </summary>
public sealed record GraphLookup(string Name, string Function, MapValue Arguments, string Reason);
