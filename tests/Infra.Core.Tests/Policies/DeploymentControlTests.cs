using Infra.Core.Artifacts;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Policies.Model;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>
/// The three controls issue 10 found unchecked: log retention (FSBP CloudWatch.16, MM-DATA-011), load balancer deletion
/// protection on both tiers (ELB.6, MM-NET-013) and S3 server access logging of the files bucket (S3.9, MM-DATA-012),
/// on the real stacks and on the graph changes that break them.
/// </summary>
public class DeploymentControlTests
{
    private static IReadOnlyList<PolicyResult> Check(StackPlan plan, string policy) => Results(PolicyContext.For(plan, Today), policy);

    private static IReadOnlyList<PolicyResult> Check(StackPlan plan, ResourceGraph graph, string policy) =>
        Results(new PolicyContext(graph, SizingBasis.From(plan), Today, plan.Settings.Waivers, plan.Settings.Environment), policy);

    [Fact]
    public void The_production_alb_is_protected_on_both_tiers_and_the_vm_tiers_fails_without_it()
    {
        var vm = VmPlan("production");
        Assert.Contains(Check(vm, "MM-NET-013"), r => r.Outcome == Outcome.Pass && r.Resource == VmAppTierComponent.LoadBalancer);
        Assert.Contains(Check(vm, With(vm.Graph, VmAppTierComponent.LoadBalancer, "enableDeletionProtection", false), "MM-NET-013"),
            r => r.Outcome == Outcome.Fail && r.Resource == VmAppTierComponent.LoadBalancer);
        Assert.Contains(Check(Repo.Plan("production"), "MM-NET-013"), r => r.Outcome == Outcome.Pass && r.Message.Contains("deletion_protection.enabled=true", StringComparison.Ordinal));
        Assert.All(Check(VmPlan("staging"), "MM-NET-013"), r => Assert.Equal(Outcome.NotApplicable, r.Outcome));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_log_group_of_every_stack_has_the_stacks_retention_and_the_services_groups_are_declared_first(string stack)
    {
        var plan = Repo.Plan(stack);
        var groups = plan.Graph.OfType(AwsTypes.LogGroup).ToList();
        Assert.All(groups, g => Assert.Equal(new NumberValue(plan.Settings.LogRetentionDays), g.Properties["retentionInDays"]));
        var results = Check(plan, "MM-DATA-011");
        Assert.All(results, r => Assert.Equal(Outcome.Pass, r.Outcome));
        // The group RDS exports the PostgreSQL log to, named after the fixed cluster identifier, exists before the cluster.
        var cluster = plan.Graph[DatabaseComponent.Cluster];
        Assert.Equal(new StringValue($"mattermost-{stack}"), cluster.Properties["clusterIdentifier"]);
        Assert.Contains("databaseLogGroup", cluster.Options.DependsOn);
        Assert.Equal(new StringValue($"/aws/rds/cluster/mattermost-{stack}/postgresql"), plan.Graph["databaseLogGroup"].Properties["name"]);
        Assert.Contains(results, r => r.Resource == DatabaseComponent.Cluster && r.Message.Contains("declared with a retention", StringComparison.Ordinal));
    }

    [Fact]
    public void Production_keeps_logs_a_year_and_fails_below_it()
    {
        Assert.Equal(365, Repo.Settings("production").LogRetentionDays);
        var shorter = StackPlan.From(Repo.Settings("production") with { LogRetentionDays = 90 });
        Assert.Contains(Check(shorter, "MM-DATA-011"), r => r.Outcome == Outcome.Fail && r.Message.Contains("under the 365 days", StringComparison.Ordinal));
        // Outside production a shorter retention is the stack's choice.
        Assert.All(Check(Repo.Plan("pilot"), "MM-DATA-011"), r => Assert.Equal(Outcome.Pass, r.Outcome));
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_files_bucket_logs_its_access_to_a_hardened_log_bucket_of_its_own(string stack)
    {
        var plan = Repo.Plan(stack);
        var g = plan.Graph;
        var logging = g["filesBucketLogging"];
        Assert.Equal(V.Ref(FileStorageComponent.Bucket, "id"), logging.Properties["bucket"]);
        Assert.Equal(V.Ref(FileStorageComponent.LogBucket, "id"), logging.Properties["targetBucket"]);
        Assert.Equal(FileStorageComponent.Name, g[FileStorageComponent.LogBucket].Options.Parent);

        Assert.Contains(Check(plan, "MM-DATA-012"), r => r.Resource == FileStorageComponent.Bucket && r.Outcome == Outcome.Pass);
        Assert.Contains(Check(plan, "MM-DATA-012"), r => r.Resource == FileStorageComponent.LogBucket && r.Outcome == Outcome.Pass);
        // The log bucket is held to the other bucket rules too: TLS only, public access blocked, versioned, protected in production.
        foreach (var policy in new[] { "MM-DATA-004", "MM-DATA-006", "MM-DATA-007" })
            Assert.Contains(Check(plan, policy), r => r.Resource == FileStorageComponent.LogBucket && r.Outcome == Outcome.Pass);
        Assert.Equal(stack == "production", g[FileStorageComponent.LogBucket].Options.Protect);
        // SSE-S3, the only default encryption S3 delivers access logs to: S3.17 does not apply, and says why.
        Assert.Contains(Check(plan, "MM-DATA-001"), r => r.Resource == FileStorageComponent.LogBucket && r.Outcome == Outcome.NotApplicable && r.Message.Contains("SSE-S3", StringComparison.Ordinal));
        Assert.Contains(Check(plan, "MM-DATA-001"), r => r.Resource == FileStorageComponent.Bucket && r.Outcome == Outcome.Pass);
        // Logs expire with the stack's log retention.
        var lifecycle = (MapValue)((ListValue)g["filesAccessLogBucketLifecycle"].Properties["rules"]!).Items[0];
        Assert.Equal(new NumberValue(plan.Settings.LogRetentionDays), ((MapValue)lifecycle["expiration"]!)["days"]);
    }

    [Fact]
    public void Only_the_logging_service_may_write_the_log_bucket_and_only_for_the_files_bucket_of_this_account()
    {
        var policy = Repo.Plan("production").Graph["filesAccessLogBucketPolicy"].Properties["policy"]!;
        var statements = ((ListValue)((MapValue)((FunctionValue)policy).Argument)["Statement"]!).Items.Cast<MapValue>().ToList();
        var allow = Assert.Single(statements, s => s["Effect"] == new StringValue("Allow"));
        Assert.Equal(V.Map(("Service", "logging.s3.amazonaws.com")), allow["Principal"]);
        Assert.Equal(new StringValue("s3:PutObject"), allow["Action"]);
        Assert.Equal(V.Map(
            ("ArnLike", V.Map(("aws:SourceArn", V.Ref(FileStorageComponent.Bucket, "arn")))),
            ("StringEquals", V.Map(("aws:SourceAccount", V.Ref(CallerIdentity.Name, "accountId"))))), allow["Condition"]);
        Assert.Contains(statements, s => s["Sid"] == new StringValue("DenyInsecureTransport"));
    }

    [Fact]
    public void Logging_into_itself_or_into_an_sse_kms_bucket_fails()
    {
        var plan = Repo.Plan("staging");
        var self = With(plan.Graph, "filesBucketLogging", "targetBucket", V.Ref(FileStorageComponent.Bucket, "id"));
        Assert.Contains(Check(plan, self, "MM-DATA-012"), r => r.Outcome == Outcome.Fail && r.Message.Contains("into itself", StringComparison.Ordinal));
        var kms = With(plan.Graph, "filesAccessLogBucketEncryption", "rules",
            V.List(V.Map(("applyServerSideEncryptionByDefault", V.Map(("sseAlgorithm", "aws:kms"), ("kmsMasterKeyId", V.Ref(FileStorageComponent.Key, "arn")))))));
        Assert.Contains(Check(plan, kms, "MM-DATA-012"), r => r.Outcome == Outcome.Fail && r.Message.Contains("only to SSE-S3", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_files_bucket_is_priced_from_the_storage_forecast()
    {
        var cost = PlanRenderings.Cost(Repo.Plan("production"));
        var lines = cost.Lines.Where(l => l.Resource == FileStorageComponent.LogBucket).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(Infra.Core.Cost.CostStatus.UsageBased, l.Status));
        Assert.Contains(cost.Lines, l => l.Resource == FileStorageComponent.Bucket && l.Status == Infra.Core.Cost.CostStatus.Priced);
    }
}
