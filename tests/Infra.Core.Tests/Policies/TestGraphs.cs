using System.Collections.Concurrent;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Policies;

/// <summary>Small hand-made graphs and the helpers the policy tests share.</summary>
internal static class TestGraphs
{
    public static readonly DateOnly Today = new(2026, 9, 1);

    private static readonly ConcurrentDictionary<string, StackPlan> VmPlans = new(StringComparer.Ordinal);

    /// <summary>A default stack on the VM app tier (pilot as it is; staging and production switched from their Kubernetes default).</summary>
    public static StackPlan VmPlan(string stack) => VmPlans.GetOrAdd(stack, s =>
        Repo.Settings(s).AppTier == AppTierKind.Vm ? Repo.Plan(s) : StackPlan.From(Repo.Settings(s) with { AppTier = AppTierKind.Vm }));

    public static ResourceNode N(string name, string type, params (string Key, Value? Value)[] props) =>
        new(name, type, V.Map(props), NodeOptions.None, "test");

    public static ResourceGraph Build(params ResourceNode[] nodes) => new("test", nodes, [], []);

    public static RefValue Id(string name) => V.Ref(name, "id");

    public static RefValue Arn(string name) => V.Ref(name, "arn");

    public static PolicyContext Context(ResourceGraph graph, SizingBasis? sizing = null, EnvironmentKind? env = EnvironmentKind.Staging, IEnumerable<Waiver>? waivers = null) =>
        new(graph, sizing, Today, waivers, env);

    public static SizingBasis Load(int peak, bool ha = true, int headroom = 25, decimal storageHigh = 100) =>
        new(ha, peak, (int)Math.Ceiling(peak * (1 + headroom / 100m)), headroom, 12, storageHigh / 5, storageHigh, "test");

    public static IReadOnlyList<PolicyResult> Results(PolicyContext ctx, string policyId) =>
        PolicyEvaluator.Evaluate(PolicyPack.Default, ctx, "test").Results.Where(r => r.PolicyId == policyId).ToList();

    /// <summary>Sets a property by path (a.b.c), creating maps on the way.</summary>
    public static MapValue Set(MapValue map, string path, Value? value)
    {
        var dot = path.IndexOf('.');
        if (dot < 0) return value is null ? map.Without(path) : map.With(path, value);
        var head = path[..dot];
        var inner = map[head] as MapValue ?? MapValue.Empty;
        return map.With(head, Set(inner, path[(dot + 1)..], value));
    }

    /// <summary>Sets a property by its path segments, for keys that hold dots (labels, annotations); null removes it.</summary>
    public static MapValue SetAt(MapValue map, IReadOnlyList<string> path, Value? value)
    {
        if (path.Count == 1) return value is null ? map.Without(path[0]) : map.With(path[0], value);
        var inner = map[path[0]] as MapValue ?? MapValue.Empty;
        return map.With(path[0], SetAt(inner, [.. path.Skip(1)], value));
    }

    public static ResourceGraph With(ResourceGraph g, string node, string path, Value? value) =>
        g.With(g[node] with { Properties = Set(g[node].Properties, path, value) });

    public static ResourceGraph WithAll(ResourceGraph g, string type, string path, Value? value) =>
        g.Nodes.Where(n => n.Type == type).Aggregate(g, (acc, n) => With(acc, n.Name, path, value));

    // ---- building blocks ------------------------------------------------------------------------

    /// <summary>Subnets in the given zones with a route table; public ones route to an internet gateway, private ones to a NAT in their zone.</summary>
    public static IEnumerable<ResourceNode> Subnets(string prefix, string kind, params string[] zones)
    {
        foreach (var z in zones)
        {
            var s = $"{prefix}{z}";
            yield return N(s, "aws:ec2/subnet:Subnet", ("availabilityZone", $"us-east-1{z}"), ("mapPublicIpOnLaunch", false));
            yield return N($"{s}Rt", "aws:ec2/routeTable:RouteTable");
            yield return N($"{s}Assoc", "aws:ec2/routeTableAssociation:RouteTableAssociation", ("subnetId", Id(s)), ("routeTableId", Id($"{s}Rt")));
            if (kind == "public")
                yield return N($"{s}Route", "aws:ec2/route:Route", ("routeTableId", Id($"{s}Rt")), ("destinationCidrBlock", "0.0.0.0/0"), ("gatewayId", Id("igw")));
            else if (kind == "private")
                yield return N($"{s}Route", "aws:ec2/route:Route", ("routeTableId", Id($"{s}Rt")), ("destinationCidrBlock", "0.0.0.0/0"), ("natGatewayId", Id($"nat{z}")));
        }
    }

    public static IEnumerable<ResourceNode> Nats(params string[] zones) =>
        zones.Select(z => N($"nat{z}", "aws:ec2/natGateway:NatGateway", ("subnetId", Id($"pub{z}"))));

    /// <summary>An app tier: launch template + auto scaling group of <paramref name="nodes"/> in private subnets of the zones.</summary>
    public static IEnumerable<ResourceNode> App(int nodes, string type, params string[] zones)
    {
        yield return N("igw", "aws:ec2/internetGateway:InternetGateway");
        foreach (var n in Subnets("pub", "public", zones)) yield return n;
        foreach (var n in Nats(zones)) yield return n;
        foreach (var n in Subnets("priv", "private", zones)) yield return n;
        yield return N("appSg", "aws:ec2/securityGroup:SecurityGroup");
        yield return N("lt", "aws:ec2/launchTemplate:LaunchTemplate", ("instanceType", type), ("vpcSecurityGroupIds", V.List(Id("appSg"))),
            ("metadataOptions", V.Map(("httpTokens", "required"))));
        yield return N("asg", "aws:autoscaling/group:Group", ("desiredCapacity", nodes), ("minSize", nodes), ("maxSize", nodes + 1),
            ("launchTemplate", V.Map(("id", Id("lt")))), ("vpcZoneIdentifiers", V.List([.. zones.Select(z => (Value)Id($"priv{z}"))])));
    }

    /// <summary>An Aurora cluster with one writer and readers, each in the given zone; max_connections 1600 covers 15 app nodes' pools and fits every r7g class's memory.</summary>
    public static IEnumerable<ResourceNode> Database(string cls, params string[] zones)
    {
        yield return N("dbKey", "aws:kms/key:Key", ("enableKeyRotation", true));
        yield return N("dbParams", "aws:rds/clusterParameterGroup:ClusterParameterGroup",
            ("parameters", V.List(V.Map(("name", "rds.force_ssl"), ("value", "1")), V.Map(("name", "max_connections"), ("value", "1600")))));
        yield return N("db", "aws:rds/cluster:Cluster", ("engine", "aurora-postgresql"), ("storageEncrypted", true), ("kmsKeyId", Arn("dbKey")),
            ("dbClusterParameterGroupName", V.Ref("dbParams", "name")), ("backupRetentionPeriod", 30), ("deletionProtection", true),
            ("skipFinalSnapshot", false), ("finalSnapshotIdentifier", "final"));
        for (var i = 0; i < zones.Length; i++)
            yield return N(i == 0 ? "dbWriter" : $"dbReader{i}", "aws:rds/clusterInstance:ClusterInstance", ("clusterIdentifier", Id("db")),
                ("instanceClass", cls), ("availabilityZone", $"us-east-1{zones[i]}"), ("promotionTier", i == 0 ? 0 : 1), ("publiclyAccessible", false));
    }

    /// <summary>A bucket with every control the data-protection policies ask for.</summary>
    public static IEnumerable<ResourceNode> Bucket()
    {
        yield return N("filesKey", "aws:kms/key:Key", ("enableKeyRotation", true));
        yield return N("files", "aws:s3/bucket:Bucket");
        yield return N("filesBlock", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", ("bucket", Id("files")),
            ("blockPublicAcls", true), ("blockPublicPolicy", true), ("ignorePublicAcls", true), ("restrictPublicBuckets", true));
        yield return N("filesVersioning", "aws:s3/bucketVersioning:BucketVersioning", ("bucket", Id("files")), ("versioningConfiguration", V.Map(("status", "Enabled"))));
        yield return N("filesEncryption", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", ("bucket", Id("files")),
            ("rules", V.List(V.Map(("applyServerSideEncryptionByDefault", V.Map(("sseAlgorithm", "aws:kms"), ("kmsMasterKeyId", Arn("filesKey"))))))));
        yield return N("filesPolicy", "aws:s3/bucketPolicy:BucketPolicy", ("bucket", Id("files")), ("policy", V.Json(V.Map(("Statement", V.List(V.Map(
            ("Effect", "Deny"), ("Principal", "*"), ("Action", "s3:*"), ("Resource", V.List(Arn("files"), V.Concat(Arn("files"), "/*"))),
            ("Condition", V.Map(("Bool", V.Map(("aws:SecureTransport", "false"))))))))))));
    }

    public static IEnumerable<ResourceNode> Protected(IEnumerable<ResourceNode> nodes) =>
        nodes.Select(n => n.Type is "aws:rds/cluster:Cluster" or "aws:s3/bucket:Bucket" ? n with { Options = n.Options with { Protect = true } } : n);
}
