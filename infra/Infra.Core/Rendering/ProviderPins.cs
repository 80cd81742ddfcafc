namespace Infra.Core.Rendering;

/// <summary>
/// The provider plugin versions every resource is pinned to. They match the schemas the programs are
/// validated against (shared/provider-schemas/README.md: pulumi-aws 7.48.0, pulumi-kubernetes 4.34.2).
/// Upgrading a provider means changing it here, regenerating stacks/ and reviewing the diff.
/// </summary>
public static class ProviderPins
{
    public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["aws"] = "7.48.0",
        ["kubernetes"] = "4.34.2",
    };

    /// <summary>The pinned version for a resource or provider type token, or null for components.</summary>
    public static string? VersionFor(string typeToken)
    {
        var package = typeToken.StartsWith("pulumi:providers:", StringComparison.Ordinal)
            ? typeToken["pulumi:providers:".Length..]
            : typeToken[..typeToken.IndexOf(':')];
        return Versions.GetValueOrDefault(package);
    }
}
