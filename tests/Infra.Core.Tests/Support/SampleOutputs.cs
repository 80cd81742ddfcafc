using System.Security.Cryptography;
using System.Text;
using Infra.Core.Components;
using Infra.Core.Graph;

namespace Infra.Core.Tests.Support;

/// <summary>
/// Deterministic stand-ins for the outputs a deployment would give the graph's references, so that a value built
/// from text and references (a boot script) can be read as the text an instance would receive. Each reference gets a
/// value of the shape AWS gives it (an RDS-managed secret's ARN, an instance endpoint's host name), derived from the
/// resource's name so that the same graph always reads the same; <paramref name="given"/> overrides any of them (a
/// test that holds a secret in a local moto server passes the ARN moto gave it).
/// </summary>
public sealed class SampleOutputs(ResourceGraph graph, string region, IReadOnlyDictionary<RefValue, string>? given = null)
{
    public const string Account = "111122223333";

    public string Of(RefValue r)
    {
        if (given is not null && given.TryGetValue(r, out var text)) return text;
        if (graph.FindLookup(r.Resource) is { Function: AwsTypes.SecretLookup } lookup && r.Path == "arn" && lookup.Arguments["arn"] is StringValue arn)
            return arn.Text;
        var node = graph.Find(r.Resource) ?? throw new InvalidOperationException($"{r.Expression}: no resource {r.Resource} in the graph");
        var name = r.Resource.ToLowerInvariant();
        return (node.Type, r.Path) switch
        {
            (AwsTypes.DbCluster, "masterUserSecrets[0].secretArn") =>
                $"arn:aws:secretsmanager:{region}:{Account}:secret:rds!cluster-{Guid(r)}-{Suffix(r)}",
            (AwsTypes.DbCluster, "endpoint") => $"{name}.cluster-{Hex(r, 12)}.{region}.rds.amazonaws.com",
            (AwsTypes.DbClusterInstance, "endpoint") => $"{name}.{Hex(r, 12)}.{region}.rds.amazonaws.com",
            (AwsTypes.OpenSearchDomain, "endpoint") => $"vpc-{name}-{Hex(r, 26)}.{region}.es.amazonaws.com",
            (AwsTypes.Secret, "arn") => $"arn:aws:secretsmanager:{region}:{Account}:secret:{name}-{Suffix(r)}",
            (AwsTypes.Bucket, "bucket" or "id") => $"{name}-{Hex(r, 8)}",
            (AwsTypes.LogGroup, "name") => $"/sample/{name}-{Hex(r, 8)}",
            _ => throw new InvalidOperationException($"no sample value for {r.Expression} ({node.Type}); add one to {nameof(SampleOutputs)}"),
        };
    }

    /// <summary>The text the value stands for once every reference is resolved; <c>fn::toBase64</c> is applied as the engine would.</summary>
    public string Text(Value value) => value switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Text,
        BoolValue b => b.Flag ? "true" : "false",
        RefValue r => Of(r),
        InterpolationValue i => string.Concat(i.Parts.Select(Text)),
        FunctionValue { Function: FunctionValue.Secret } f => Text(f.Argument),
        FunctionValue { Function: FunctionValue.ToBase64 } f => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(f.Argument))),
        _ => throw new InvalidOperationException($"{nameof(SampleOutputs)} cannot read {value.GetType().Name} as text"),
    };

    private static byte[] Hash(RefValue r) => SHA256.HashData(Encoding.UTF8.GetBytes(r.Expression));

    private static string Hex(RefValue r, int length) => Convert.ToHexStringLower(Hash(r))[..length];

    private static string Guid(RefValue r) => new Guid(Hash(r)[..16]).ToString();

    /// <summary>The six random characters Secrets Manager appends to a secret's name in its ARN.</summary>
    private static string Suffix(RefValue r) => new([.. Hash(r)[16..22].Select(b => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[b % 52])]);
}
