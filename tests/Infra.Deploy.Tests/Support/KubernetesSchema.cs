using System.Text.Json;

namespace Infra.Deploy.Tests.Support;

/// <summary>
/// The pulumi-kubernetes 4.34.2 schema's apiVersion/kind const values for the tokens the project uses, as copied
/// (with their source) into tests/Infra.Core.Tests/Data/kubernetes-object-types.json. Read here independently of
/// the program's own derivation (Infra.Core.Graph.KubernetesObjectType).
/// </summary>
public static class KubernetesSchema
{
    private static readonly Lazy<(IReadOnlyDictionary<string, (string ApiVersion, string Kind)> Objects, IReadOnlySet<string> Others)> Data = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests", "Infra.Core.Tests", "Data", "kubernetes-object-types.json")));
        var objects = doc.RootElement.GetProperty("objects").EnumerateObject().ToDictionary(
            p => p.Name, p => (p.Value.GetProperty("apiVersion").GetString()!, p.Value.GetProperty("kind").GetString()!), StringComparer.Ordinal);
        var others = doc.RootElement.GetProperty("noApiVersionKind").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        return (objects, others);
    });

    /// <summary>Kubernetes object tokens and the apiVersion/kind the provider needs in the inputs.</summary>
    public static IReadOnlyDictionary<string, (string ApiVersion, string Kind)> Objects => Data.Value.Objects;

    /// <summary>Tokens of the provider that have no apiVersion/kind inputs (Helm releases, config groups).</summary>
    public static IReadOnlySet<string> WithoutApiVersionKind => Data.Value.Others;
}
