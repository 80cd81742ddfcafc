using System.Collections.Frozen;

namespace Infra.Core.Catalog;

/// <summary>
/// The instance types and classes this tool knows, so that overrides can be validated and sizes
/// compared by vCPU. EC2 specs: moto 5.2.1 instance_types.json (shared/reference/aws-prices.md §1);
/// RDS/Aurora classes: aws-prices.md §2a/§3a; OpenSearch: mattermost-sizing.md Table 1.
/// </summary>
public static class InstanceTypes
{
    private const string Ec2 = "moto 5.2.1 instance_types.json (aws-prices.md §1)";
    private const string Rds = "aws-prices.md §2a/§3a (AWS agent-toolkit Aurora table)";
    private const string RdsClasses = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html (db.r7g hardware table; not in aws-prices.md, whose Aurora table stops at db.r7g.4xlarge: unconfirmed there)";
    private const string Search = "mattermost-sizing.md Table 1 (docs scale-to-N-users)";

    public static readonly IReadOnlyList<InstanceType> All =
    [
        new("t3.medium", InstanceFamily.Compute, 2, 4, "x86_64", Ec2),
        new("t3.large", InstanceFamily.Compute, 2, 8, "x86_64", Ec2),
        new("c6i.large", InstanceFamily.Compute, 2, 4, "x86_64", Ec2),
        new("c6i.xlarge", InstanceFamily.Compute, 4, 8, "x86_64", Ec2),
        new("c6i.2xlarge", InstanceFamily.Compute, 8, 16, "x86_64", Ec2),
        new("c6i.4xlarge", InstanceFamily.Compute, 16, 32, "x86_64", Ec2),
        new("c6i.8xlarge", InstanceFamily.Compute, 32, 64, "x86_64", Ec2),
        new("c7i.large", InstanceFamily.Compute, 2, 4, "x86_64", Ec2),
        new("c7i.xlarge", InstanceFamily.Compute, 4, 8, "x86_64", Ec2),
        new("c7i.2xlarge", InstanceFamily.Compute, 8, 16, "x86_64", Ec2),
        new("c7i.4xlarge", InstanceFamily.Compute, 16, 32, "x86_64", Ec2),
        new("c7i.8xlarge", InstanceFamily.Compute, 32, 64, "x86_64", Ec2),
        new("m7i.large", InstanceFamily.Compute, 2, 8, "x86_64", Ec2),
        new("m7i.xlarge", InstanceFamily.Compute, 4, 16, "x86_64", Ec2),
        new("m7i.2xlarge", InstanceFamily.Compute, 8, 32, "x86_64", Ec2),
        new("m7i.4xlarge", InstanceFamily.Compute, 16, 64, "x86_64", Ec2),
        new("m6in.8xlarge", InstanceFamily.Compute, 32, 128, "x86_64", Ec2),
        new("db.t4g.medium", InstanceFamily.Database, 2, 4, "arm64", Rds),
        new("db.t4g.large", InstanceFamily.Database, 2, 8, "arm64", Rds),
        new("db.r6g.large", InstanceFamily.Database, 2, 16, "arm64", Rds),
        new("db.r6g.xlarge", InstanceFamily.Database, 4, 32, "arm64", Rds),
        new("db.r6g.2xlarge", InstanceFamily.Database, 8, 64, "arm64", Rds),
        new("db.r6g.4xlarge", InstanceFamily.Database, 16, 128, "arm64", Rds),
        new("db.r7g.large", InstanceFamily.Database, 2, 16, "arm64", Rds),
        new("db.r7g.xlarge", InstanceFamily.Database, 4, 32, "arm64", Rds),
        new("db.r7g.2xlarge", InstanceFamily.Database, 8, 64, "arm64", Rds),
        new("db.r7g.4xlarge", InstanceFamily.Database, 16, 128, "arm64", Rds),
        new("db.r7g.8xlarge", InstanceFamily.Database, 32, 256, "arm64", RdsClasses),
        new("db.r7g.12xlarge", InstanceFamily.Database, 48, 384, "arm64", RdsClasses),
        new("db.r7g.16xlarge", InstanceFamily.Database, 64, 512, "arm64", RdsClasses),
        new("r6g.large.search", InstanceFamily.Search, 2, 16, "arm64", Search),
        new("r6g.xlarge.search", InstanceFamily.Search, 4, 32, "arm64", Search),
        new("r6g.2xlarge.search", InstanceFamily.Search, 8, 64, "arm64", Search),
        new("cache.m7g.2xlarge", InstanceFamily.Cache, 8, 32, "arm64", Search),
    ];

    private static readonly FrozenDictionary<string, InstanceType> ByName =
        All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static InstanceType Get(string name) =>
        ByName.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"unknown instance type '{name}'");

    public static InstanceType? Find(string name) => ByName.GetValueOrDefault(name);

    public static IEnumerable<string> Names(InstanceFamily family) =>
        All.Where(t => t.Family == family).Select(t => t.Name);
}
