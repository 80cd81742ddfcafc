using System.Collections.Frozen;

namespace Infra.Core.Graph;

/// <summary>
/// Resource types that a provider implements as a component (its schema marks them <c>isComponent</c>):
/// a program registers them as remote component resources and the provider creates their children,
/// instead of one cloud resource. Source: shared/provider-schemas/kubernetes.json (pulumi-kubernetes
/// 4.34.2); <c>kubernetes:helm.sh/v3:Chart</c> is left out because it is an SDK overlay that no provider
/// implements (and Pulumi YAML rejects it). pulumi-aws 7.48.0 has none. Types outside that schema
/// subset are not listed until they are checked against a schema.
/// </summary>
public static class ProviderComponents
{
    public static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal,
        "kubernetes:helm.sh/v4:Chart",
        "kubernetes:yaml/v2:ConfigFile",
        "kubernetes:yaml/v2:ConfigGroup");

    public static bool IsProviderComponent(this ResourceNode node) => Types.Contains(node.Type);
}
