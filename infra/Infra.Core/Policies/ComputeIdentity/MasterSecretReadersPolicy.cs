using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>
/// MM-IAM-005: the database's master credentials are read only by the functions that need them (the credential
/// bootstrap and the rotation function). No app node role, pod role or secret-sync role may read the RDS-managed master
/// secret, no boot script or Kubernetes object may name it: the app runs as its own database user, so that a
/// compromised node or pod is not a compromised database.
/// </summary>
public sealed class MasterSecretReadersPolicy : ComputeIdentityPolicyBase
{
    private const string Read = "secretsmanager:GetSecretValue";

    /// <summary>An RDS-managed master secret's ARN (the secret's name starts with "rds!"), for matching literal ARN patterns.</summary>
    private static readonly string[] MasterSecretSamples =
    [
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!cluster-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!db-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf",
    ];

    public override string Id => "MM-IAM-005";
    public override string Name => "Only the bootstrap and rotation functions read the master secret";
    public override Severity Severity => Severity.Critical;
    public override ImmutableArray<string> Controls => [];
    public override string HelpUri => "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html";

    public override string Guideline =>
        "The RDS-managed master secret (masterUserSecrets of an aws:rds/cluster or aws:rds/instance; a secret named rds!...) belongs to " +
        "administration: only the execution role of a Lambda function the program declares (the credential bootstrap) and the rotation " +
        "function of the Serverless Application Repository stack may read it. An instance role, pod role (IRSA, EKS Pod Identity), " +
        "secret-sync role or any other identity must not be allowed secretsmanager:GetSecretValue (or a wildcard covering it) on it, on " +
        "\"*\" or on a pattern matching rds!*; boot scripts and Kubernetes objects (ExternalSecret keys) must not name it. The app reads its " +
        "own credentials (the app secret, users rotated by alternating users; docs/database-credentials.md).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var g = ctx.Graph;
        var f = ctx.Facts;
        if (!g.Nodes.Any(n => n.Type is AwsTypes.DbCluster or Types.RdsInstance && n.Properties["manageMasterUserPassword"] is BoolValue { Flag: true }))
        {
            yield return Finding.NotApplicable("(stack)", "no database with an RDS-managed master secret");
            yield break;
        }

        // Identity policies, per role (inline, role policies, attached policies of this program).
        var functionsByRole = g.OfType(AwsTypes.LambdaFunction)
            .SelectMany(fn => RefNames(fn.Properties["role"]).Select(role => (Role: role, Function: fn.Name)))
            .GroupBy(x => x.Role, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Select(y => y.Function).ToList(), StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in f.OfTypes(AwsTypes.Role))
        {
            var grants = IamFacts.OfRole(f, role).SelectMany(p => { covered.Add(p.Node.Name); return Grants(g, p); }).Distinct().ToList();
            var workload = IamFacts.IsWorkloadRole(role);
            if (grants.Count == 0)
            {
                if (workload) yield return Finding.Pass(role.Name, role.Type, "cannot read the master secret");
                continue;
            }
            if (!workload && functionsByRole.TryGetValue(role.Name, out var functions))
                yield return Finding.Pass(role.Name, role.Type, $"reads the master secret as the execution role of {string.Join(", ", functions)} (the credential bootstrap)");
            else
                yield return Finding.Fail(role.Name, role.Type,
                    $"{(workload ? "a workload role" : "a role that no Lambda function of this program runs as")} may read the master secret: {string.Join("; ", grants)}");
        }
        // Policies of users and groups, and managed policies attached to nothing here: nobody else may read it either.
        foreach (var p in IamFacts.All(f).Where(p => !covered.Contains(p.Node.Name) && p.Node.Type != AwsTypes.Role))
            if (Grants(g, p).Distinct().ToList() is { Count: > 0 } grants)
                yield return Finding.Fail(p.Node.Name, p.Node.Type, $"{p.Label} lets its users, groups or roles read the master secret: {string.Join("; ", grants)}");

        // What nodes and pods are told to read: boot scripts and Kubernetes objects (an ExternalSecret's keys).
        foreach (var n in g.Nodes.Where(n => n.Type is AwsTypes.LaunchTemplate or Types.Ec2Instance || n.Type.StartsWith("kubernetes:", StringComparison.Ordinal)))
        {
            if (n.References().FirstOrDefault(r => IsMasterSecretRef(g, r)) is { } named)
                yield return Finding.Fail(n.Name, n.Type, $"names the master secret ({named.Expression}): app nodes and pods read the app's own credentials");
        }
        foreach (var es in KubernetesObjects.OfKind(g, "ExternalSecret"))
        {
            var keys = Items(es.Spec["dataFrom"]).OfType<MapValue>().Select(d => d.At("extract.key"))
                .Concat(Items(es.Spec["data"]).OfType<MapValue>().Select(d => d.At("remoteRef.key"))).OfType<Value>().ToList();
            if (keys.Count > 0 && !keys.Any(k => IsMasterSecret(g, k)))
                yield return Finding.Pass(es.Node.Name, es.Node.Type, $"ExternalSecret {es.Name} syncs {string.Join(", ", keys.Select(Show))}, not the master secret");
        }

        // The rotation function lives in the Serverless Application Repository stack; say what it does with the secret.
        foreach (var stack in g.OfType(AwsTypes.ServerlessApplicationStack).Where(s => s.Properties.At("parameters.masterSecretArn") is { } m && IsMasterSecret(g, m)))
        {
            var app = Text(stack.Properties["applicationId"]) ?? "?";
            var rotations = g.OfType(AwsTypes.SecretRotation).Where(r => RefNames(r.Properties["rotationLambdaArn"]).Contains(stack.Name)).ToList();
            var schedule = rotations.Select(r => Number(r.Properties.At("rotationRules.automaticallyAfterDays")) is { } days
                ? $"{RefName(r.Properties["secretId"]) ?? Show(r.Properties["secretId"])} every {days:0} days"
                : $"{RefName(r.Properties["secretId"]) ?? Show(r.Properties["secretId"])} on {Show(r.Properties.At("rotationRules.scheduleExpression"))}");
            yield return Finding.Pass(stack.Name, stack.Type,
                $"the rotation function ({app[(app.LastIndexOf('/') + 1)..]} {Text(stack.Properties["semanticVersion"])}) uses the master secret to rotate " +
                (rotations.Count == 0 ? "nothing yet (no rotation schedule names it)" : string.Join(", ", schedule)));
        }
    }

    /// <summary>The statements of a policy that allow reading the master secret, as text.</summary>
    private static IEnumerable<string> Grants(ResourceGraph g, IdentityPolicy p)
    {
        foreach (var s in p.Statements.Where(s => s.Allows))
        {
            var actions = s.Actions.Where(a => Glob(a).IsMatch(Read)).ToList();
            if (actions.Count == 0) continue;
            var resources = s.Resources.Count == 0 ? ["(every resource)"] : s.Resources.Where(r => IsMasterSecret(g, r)).Select(Show).ToList();
            if (resources.Count > 0) yield return $"{p.Label} allows {string.Join(", ", actions)} on {string.Join(", ", resources)}";
        }
    }

    /// <summary>A value that is, contains or (as a literal pattern) matches an RDS-managed master secret's ARN.</summary>
    private static bool IsMasterSecret(ResourceGraph g, Value v) => v switch
    {
        StringValue s => MasterSecretSamples.Any(Glob(s.Text).IsMatch),
        _ => v.References().Any(r => IsMasterSecretRef(g, r)),
    };

    private static bool IsMasterSecretRef(ResourceGraph g, RefValue r) =>
        r.OutputProperty.StartsWith("masterUserSecret", StringComparison.Ordinal) && g.Find(r.Resource)?.Type is AwsTypes.DbCluster or Types.RdsInstance;

    /// <summary>An IAM pattern (* and ?) as a case-insensitive regular expression over the whole text.</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
