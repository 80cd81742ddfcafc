namespace Infra.Core.Graph;

/// <summary>
/// The <c>apiVersion</c> and <c>kind</c> of a Kubernetes object, derived from its pulumi-kubernetes type token.
/// This is the one place they are derived: the graph builder stamps them on every Kubernetes object node (so
/// program.yaml, plan.json, the diff, the policies and the C# program all see them), and the policies read
/// objects through it.
/// </summary>
/// <remarks>
/// Why the graph must carry them: the generated SDKs and Pulumi YAML fill them in from the schema's
/// <c>const</c> values, but a program that registers the token generically (as Infra.Deploy does) sends only
/// the inputs it is given, and pulumi-kubernetes builds the API request from those inputs alone.
/// The rule (pulumi-kubernetes 4.34.2 schema, every resource with apiVersion/kind consts): the token is
/// <c>kubernetes:&lt;group&gt;/&lt;version&gt;:&lt;Kind&gt;</c>; apiVersion is <c>&lt;group&gt;/&lt;version&gt;</c>, except the
/// core group which is just <c>&lt;version&gt;</c>; a <c>...Patch</c> resource patches the object of the kind
/// without the suffix. Helm releases and charts, YAML config groups and kustomize directories are not
/// Kubernetes objects (no apiVersion/kind inputs), nor is a generic CustomResource (its token has no
/// version; the program gives apiVersion and kind itself).
/// </remarks>
public sealed record KubernetesObjectType(string ApiVersion, string Kind)
{
    private const string Prefix = "kubernetes:";
    private const string PatchSuffix = "Patch";
    private static readonly string[] NotObjectGroups = ["helm.sh", "yaml", "kustomize"];

    /// <summary>The object type of a token, or null when the token is not a Kubernetes object.</summary>
    public static KubernetesObjectType? Of(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = token[Prefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1) return null;
        var module = rest[..colon];
        var kind = rest[(colon + 1)..];
        var slash = module.LastIndexOf('/');
        if (slash <= 0 || slash == module.Length - 1) return null;
        var group = module[..slash];
        if (NotObjectGroups.Contains(group, StringComparer.Ordinal)) return null;
        var apiVersion = group == "core" ? module[(slash + 1)..] : module;
        if (kind.Length > PatchSuffix.Length && kind.EndsWith(PatchSuffix, StringComparison.Ordinal)) kind = kind[..^PatchSuffix.Length];
        return new KubernetesObjectType(apiVersion, kind);
    }

    /// <summary>
    /// The node's properties with apiVersion and kind set from its token; a node that declares other values
    /// is refused, since the provider would be sent an object that is not what its type says.
    /// </summary>
    public static MapValue Stamp(string name, string token, MapValue properties)
    {
        if (Of(token) is not { } type) return properties;
        foreach (var (key, value) in new[] { ("apiVersion", type.ApiVersion), ("kind", type.Kind) })
        {
            if (properties[key] is { } declared && declared != new StringValue(value))
                throw new GraphException($"{name}: {token} is {key} '{value}', but the node declares {key} {Describe(declared)}");
            properties = properties.With(key, value);
        }
        return properties;
    }

    private static string Describe(Value v) => v is StringValue s ? $"'{s.Text}'" : v.GetType().Name;
}
