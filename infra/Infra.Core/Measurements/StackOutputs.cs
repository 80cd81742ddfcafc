using System.Text.Json;

namespace Infra.Core.Measurements;

/// <summary>
/// A stack's outputs as <c>pulumi stack output --json</c> writes them, read for the <c>capacitySignals</c> output of the
/// Observability component: the names AWS gave at deploy time to the resources whose metrics are exported, and the
/// hardware they ran on. Every metric export is checked against it, so metrics of another stack are refused.
/// </summary>
public sealed record StackOutputs(
    string Stack,
    string AppTier,
    string Region,
    IReadOnlyList<string> AppAutoScalingGroups,
    string AppInstanceType,
    int AppNodes,
    string? LoadBalancer,
    string DatabaseClusterIdentifier,
    IReadOnlyList<string> DatabaseInstances,
    string DatabaseInstanceClass,
    string? SiteUrl,
    string File)
{
    public static bool Recognises(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object &&
        (first.TryGetProperty("capacitySignals", out _) || (first.TryGetProperty("siteUrl", out _) && first.TryGetProperty("databaseEndpoint", out _)));

    public static StackOutputs Parse(JsonExport x)
    {
        if (x.Documents.Count != 1) throw x.Wrong("document 2", "a second set of outputs in the same file");
        var doc = x.Documents[0];
        if (!doc.TryGetProperty("capacitySignals", out _))
            throw x.Wrong("$", "has no capacitySignals output: the stack was deployed before this version declared it; run pulumi up, then pulumi stack output --json again");
        var c = x.Property(doc, "$", "capacitySignals", JsonValueKind.Object);
        const string p = "$.capacitySignals";
        IReadOnlyList<string> Strings(string name)
        {
            var list = x.Property(c, p, name, JsonValueKind.Array);
            var result = new List<string>();
            for (var i = 0; i < list.GetArrayLength(); i++)
            {
                if (list[i].ValueKind != JsonValueKind.String || list[i].GetString()!.Length == 0)
                    throw x.Wrong($"{p}.{name}[{i}]", $"expected a name, got {JsonExport.Describe(list[i])}");
                result.Add(list[i].GetString()!);
            }
            if (result.Count == 0) throw x.Wrong($"{p}.{name}", "is empty");
            return result;
        }
        string? lb = c.TryGetProperty("loadBalancer", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        string? site = doc.TryGetProperty("siteUrl", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return new StackOutputs(x.String(c, p, "stack"), x.String(c, p, "appTier"), x.String(c, p, "region"), Strings("appAutoScalingGroups"),
            x.String(c, p, "appInstanceType"), x.Integer(c, p, "appNodes"), lb, x.String(c, p, "databaseClusterIdentifier"), Strings("databaseInstances"),
            x.String(c, p, "databaseInstanceClass"), site, x.File);
    }
}
