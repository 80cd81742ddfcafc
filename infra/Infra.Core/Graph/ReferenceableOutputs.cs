using System.Collections.Frozen;

namespace Infra.Core.Graph;

/// <summary>
/// The output properties that one resource may read from another (<c>${resource.output}</c>). The C#
/// Pulumi program (infra/Infra.Deploy) registers resources generically, so an output exists on its
/// resource objects only if it is declared there as an <c>[Output]</c> property; this list is that set of
/// declarations, kept here so that a core test can check every graph against it and a test of the
/// program can check the declarations against it. Reading a lookup's result needs no declaration.
/// </summary>
public static class ReferenceableOutputs
{
    /// <summary>Outputs every custom resource has from the SDK itself.</summary>
    public static readonly FrozenSet<string> BuiltIn = FrozenSet.Create(StringComparer.Ordinal, "id", "urn");

    /// <summary>
    /// Outputs the program declares. The first group is what the VM tier reads today; the second is what
    /// the EKS tier needs (cluster endpoint, CA data and OIDC issuer for the Kubernetes provider and IRSA,
    /// the cluster security group, node-group ASG names, Kubernetes object metadata and Helm release
    /// status), declared ahead so that tier can land without touching the program.
    /// </summary>
    public static readonly FrozenSet<string> Declared = FrozenSet.Create(StringComparer.Ordinal,
        "arn", "arnSuffix", "bucket", "cidrBlock", "clusterIdentifier", "dnsName", "endpoint", "identifier",
        "keyId", "masterUserSecrets", "name", "outputs",
        "certificateAuthority", "identities", "latestVersion", "metadata", "resources", "status", "url", "vpcConfig");

    public static bool Contains(string output) => BuiltIn.Contains(output) || Declared.Contains(output);

    /// <summary>Every reference to a resource output that the program would not have declared, as one line each.</summary>
    public static IReadOnlyList<string> Problems(ResourceGraph graph)
    {
        var problems = new List<string>();
        void Check(string where, Value value)
        {
            foreach (var r in value.References())
                if (graph.Contains(r.Resource) && !Contains(r.OutputProperty))
                    problems.Add($"{where}: references {r.Expression}, but '{r.OutputProperty}' is not in ReferenceableOutputs (declare it there and as an [Output] of the program's resources)");
        }
        foreach (var n in graph.Nodes) Check(n.Name, n.Properties);
        foreach (var l in graph.Lookups) Check($"lookup {l.Name}", l.Arguments);
        foreach (var o in graph.Outputs) Check($"output {o.Name}", o.Value);
        return problems;
    }
}
