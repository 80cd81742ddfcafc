using System.Collections.Concurrent;
using Pulumi;

namespace Infra.Deploy.Tests.Support;

/// <summary>One resource as the SDK saw it at construction: its options include the parent it was given.</summary>
public sealed record Registration(string Name, string Type, Resource Resource, ResourceOptions Options);

/// <summary>
/// Records every resource through a stack transformation. The mock engine cannot tell parents (its URNs
/// keep only the root type), so this is how a test sees the resource tree the program builds.
/// </summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<string, Registration> _byName = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Registration> ByName => _byName;

    public ResourceTransformationResult? Record(ResourceTransformationArgs args)
    {
        var r = args.Resource;
        if (!_byName.TryAdd(r.GetResourceName(), new Registration(r.GetResourceName(), r.GetResourceType(), r, args.Options)))
            throw new InvalidOperationException($"'{r.GetResourceName()}' was registered twice");
        return null;
    }
}
