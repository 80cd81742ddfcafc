using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>
/// MM-DATA-010: no secret is written in plain text into the program or its outputs: no literal value under a
/// secret-looking name (password, token, private key, licence, ...), no access keys, private keys or
/// passwords in connection strings anywhere, and outputs that carry secrets are marked secret.
/// </summary>
public sealed partial class PlainSecretsPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-010";
    public override string Name => "No secrets in plain config or outputs";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => [];
    public override string HelpUri => "https://www.pulumi.com/docs/iac/concepts/secrets/";

    public override string Guideline =>
        "Secrets never appear as plain values: database passwords are generated into Secrets Manager (by RDS for the master user, by the " +
        "credential bootstrap and rotation for the app's users) and read at boot or by External Secrets, the licence " +
        "is a Pulumi secret (pulumi config set --secret), S3 is reached through the instance or pod role (no static keys). A value that must " +
        "pass through the program is wrapped in fn::secret, and an output carrying one is a secret output.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var clean = true;
        foreach (var n in ctx.Graph.Nodes)
        {
            var hits = new List<string>();
            Scan(n.Properties, "", hits);
            if (n.Type == Support.Types.K8sSecret)
                foreach (var field in new[] { "data", "stringData" })
                    if (n.Properties[field] is MapValue entries)
                        foreach (var (k, item) in entries.Entries)
                            if (item is StringValue { Text.Length: > 0 }) hits.Add($"{field}.{k} is a literal value in a Kubernetes Secret");
            if (hits.Count > 0) { clean = false; yield return Finding.Fail(n.Name, n.Type, string.Join("; ", hits.Distinct())); }
        }
        foreach (var o in ctx.Graph.Outputs)
        {
            var hits = new List<string>();
            if (!o.Secret)
            {
                Scan(o.Value, "", hits);
                foreach (var r in o.Value.References())
                    if (SecretPath().IsMatch(r.Path.Split('.', '[').Last()) && !r.Path.EndsWith("Arn", StringComparison.Ordinal))
                        hits.Add($"it exposes {r.Expression} without marking the output secret");
            }
            if (hits.Count > 0) { clean = false; yield return Finding.Fail("output " + o.Name, "output", string.Join("; ", hits.Distinct())); }
        }
        if (clean) yield return Finding.Pass("(all resources and outputs)", "", $"{ctx.Graph.Resources.Count()} resources and {ctx.Graph.Outputs.Length} outputs hold no plain secret");
    }

    private static void Scan(Value v, string path, List<string> hits)
    {
        switch (v)
        {
            case FunctionValue { Function: FunctionValue.Secret }:
                return; // wrapped: Pulumi keeps it encrypted
            case MapValue m:
                // A Kubernetes env var or similar: {name: DB_PASSWORD, value: "literal"}.
                if (Text(m["name"]) is { } envName && SecretName().IsMatch(envName) && !SecretObjectName().IsMatch(envName) && m["value"] is StringValue { Text.Length: > 0 })
                    hits.Add($"{Join(path, "value")} gives {envName} a literal value");
                foreach (var (k, item) in m.Entries)
                {
                    if (item is StringValue { Text.Length: > 0 } s && SecretName().IsMatch(k) && !SecretObjectName().IsMatch(k) && !LooksLikeReference(s.Text))
                        hits.Add($"{Join(path, k)} is a literal value");
                    Scan(item, Join(path, k), hits);
                }
                return;
            case ListValue l:
                for (var i = 0; i < l.Items.Length; i++) Scan(l.Items[i], $"{path}[{i}]", hits);
                return;
            case FunctionValue f:
                Scan(f.Argument, path, hits);
                return;
            case InterpolationValue i:
                foreach (var p in i.Parts) Scan(p, path, hits);
                return;
            case StringValue s:
                if (AccessKey().IsMatch(s.Text)) hits.Add($"{path} holds an AWS access key id");
                if (s.Text.Contains("PRIVATE KEY-----", StringComparison.Ordinal)) hits.Add($"{path} holds a private key");
                if (DsnPassword().IsMatch(s.Text)) hits.Add($"{path} holds a connection string with a password");
                return;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>ARNs, ids and names of secrets are not secrets themselves.</summary>
    private static bool LooksLikeReference(string text) => text.StartsWith("arn:", StringComparison.Ordinal) || text.StartsWith("alias/", StringComparison.Ordinal);

    // The name ends in the secret word: masterPassword, DB_PASSWORD, secretString, apiToken, licenseKey; not secretArn, httpTokens, passwordLength.
    [GeneratedRegex("(password|passwd|pwd|secret|secretstring|secretvalue|token|apikey|api_key|privatekey|private_key|accesskey|access_key|secretkey|secret_key|licen[cs]e|licen[cs]ekey)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // Kubernetes fields that hold the name of a Secret object, not its content (e.g. the operator's spec.licenseSecret).
    [GeneratedRegex("^(secret|licenseSecret|tlsSecret|existingSecret|secretName)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretObjectName();

    [GeneratedRegex("^(password|passwd|secretstring|secretvalue|privatekey|token|kubeconfig|apikey|secretaccesskey|licen[cs]e)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPath();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AccessKey();

    // scheme://user:password@host, where neither part is a shell or template variable.
    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^\s:/@$%{]+:[^\s@$%{]+@", RegexOptions.IgnoreCase)]
    private static partial Regex DsnPassword();
}
