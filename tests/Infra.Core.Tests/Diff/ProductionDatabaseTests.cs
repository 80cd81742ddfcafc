using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Cli;
using Infra.Core.Artifacts;
using Infra.Core.Components;
using Infra.Core.Diff;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

/// <summary>The change the issue names: a replacement of the production database must be flagged, with exit code 3.</summary>
public class ProductionDatabaseTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, Repo.Root);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>The production plan as committed, with one property of one resource changed: the deployed state differed there.</summary>
    private static string BaseWith(string resource, string property, JsonNode value)
    {
        var json = JsonNode.Parse(PlanRenderings.Json(Repo.Plan("production")))!;
        var node = json["resources"]!.AsArray().Single(r => (string?)r!["name"] == resource)!;
        node["properties"]![property] = value;
        var path = Path.Combine(Path.GetTempPath(), $"base-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    [Fact]
    public void Changing_the_production_database_engine_replaces_the_cluster_and_its_instances()
    {
        var production = Repo.Plan("production").Graph;
        var cluster = production[DatabaseComponent.Cluster];
        var changed = production.With(cluster with { Properties = cluster.Properties.With("engine", "aurora-mysql") });

        var r = GraphDiff.Compare(production, changed);

        var c = Assert.Single(r.Changes, x => x.Name == DatabaseComponent.Cluster);
        Assert.Equal(ChangeAction.Replace, c.Action);
        Assert.Contains(c.ReplaceReasons, why => why.Contains("changing engine forces replacement"));
        Assert.True(c.LosesData);
        Assert.True(c.Protected); // production protects stateful resources: pulumi up would refuse
        Assert.True(r.RequiresApproval);
        // The writer takes the cluster's id in a replace-on-change input, so it is replaced too.
        Assert.Equal(ChangeAction.Replace, Assert.Single(r.Changes, x => x.Name == DatabaseComponent.Writer).Action);
    }

    [Fact]
    public void Diff_flags_storage_encryption_on_the_production_database_with_a_banner_in_every_format_and_exit_3()
    {
        var file = BaseWith(DatabaseComponent.Cluster, "storageEncrypted", JsonValue.Create(false));
        try
        {
            var text = Run("diff", "--stack", "production", "--base", file);
            Assert.Equal(ExitCodes.StatefulChange, text.Code);
            Assert.Contains("!!! DATA LOSS RISK", text.Out);
            Assert.Contains("databaseCluster (aws:rds/cluster:Cluster) would be replaced", text.Out);
            Assert.Contains("changing storageEncrypted forces replacement", text.Out);

            var markdown = Run("diff", "--stack", "production", "--base", file, "--format", "markdown");
            Assert.Equal(ExitCodes.StatefulChange, markdown.Code);
            Assert.StartsWith(DiffMarkdownRenderer.Marker("production"), markdown.Out);
            Assert.Contains("> [!CAUTION]", markdown.Out);
            Assert.Contains("storageEncrypted", markdown.Out);

            var json = Run("diff", "--stack", "production", "--base", file, "--format", "json");
            Assert.Equal(ExitCodes.StatefulChange, json.Code);
            using var doc = JsonDocument.Parse(json.Out);
            Assert.True(doc.RootElement.GetProperty("requiresApproval").GetBoolean());
            Assert.Contains(doc.RootElement.GetProperty("dataLoss").EnumerateArray(), d => d.GetProperty("name").GetString() == DatabaseComponent.Cluster);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_update_of_the_production_database_needs_no_approval()
    {
        var file = BaseWith(DatabaseComponent.Cluster, "backupRetentionPeriod", JsonValue.Create(7));
        try
        {
            var (code, output, _) = Run("diff", "--stack", "production", "--base", file);
            Assert.Equal(ExitCodes.Ok, code);
            Assert.DoesNotContain("DATA LOSS", output);
            Assert.Contains("~ update databaseCluster", output);
            Assert.Contains("backupRetentionPeriod: 7 -> 30", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
