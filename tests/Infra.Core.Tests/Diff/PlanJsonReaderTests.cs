using Infra.Core.Artifacts;
using Infra.Core.Diff;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Diff;

public class PlanJsonReaderTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void A_plan_read_back_from_its_json_has_no_differences_from_the_graph(string stack)
    {
        var plan = Repo.Plan(stack);
        var snapshot = PlanJsonReader.Read(PlanRenderings.Json(plan));
        Assert.Equal(stack, snapshot.Stack);
        Assert.Equal(plan.Settings.Region, snapshot.Region);
        Assert.Equal(Infra.Core.Cost.StorageGrowth.From(plan.Blueprint.Sizing), snapshot.Storage); // priced like the desired state
        Assert.Equal(plan.Graph.Nodes.Select(n => n.Name), snapshot.Graph.Nodes.Select(n => n.Name));
        Assert.Equal(plan.Graph.Nodes.Select(n => n.Options), snapshot.Graph.Nodes.Select(n => n.Options));
        var diff = GraphDiff.Compare(snapshot.Graph, plan.Graph);
        Assert.True(diff.IsEmpty, string.Join("; ", diff.Changes.Select(c => c.Name)));
    }

    [Theory]
    [InlineData("${vpc.id}", "vpc", "id")]
    [InlineData("${databaseCluster.masterUserSecrets[0].secretArn}", "databaseCluster", "masterUserSecrets[0].secretArn")]
    [InlineData("${lookup}", "lookup", "")]
    public void A_whole_string_reference_is_a_reference(string text, string resource, string path)
    {
        var r = Assert.IsType<RefValue>(PlanJsonReader.ParseString(text, "x"));
        Assert.Equal((resource, path), (r.Resource, r.Path));
        Assert.Equal(text, r.Expression);
    }

    [Fact]
    public void Text_around_references_is_an_interpolation_and_an_escaped_dollar_brace_is_literal()
    {
        var v = Assert.IsType<InterpolationValue>(PlanJsonReader.ParseString("arn:${bucket.arn}/*", "x"));
        Assert.Equal(new Value[] { new StringValue("arn:"), new RefValue("bucket", "arn"), new StringValue("/*") }, v.Parts.ToArray());
        Assert.Equal(new StringValue("echo ${HOME}"), PlanJsonReader.ParseString("echo $${HOME}", "x"));
        Assert.Equal(new StringValue("cost $$ ${x"), PlanJsonReader.ParseString("cost $$ $${x", "x"));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "the top level must be a JSON object")]
    [InlineData("{\"formatVersion\": 2, \"resources\": []}", "formatVersion: 2 is not supported")]
    [InlineData("{\"stack\": \"x\"}", "resources: missing")]
    [InlineData("{\"resources\": [{\"type\": \"aws:ec2/vpc:Vpc\"}]}", "resources[0].name: missing")]
    [InlineData("{\"resources\": [{\"name\": \"v\", \"type\": \"t\", \"properties\": {\"a\": \"${oops\"}}]}", "resources[0] (v).properties.a: unclosed reference")]
    [InlineData("{\"resources\": [{\"name\": \"v\", \"type\": \"t\"}, {\"name\": \"v\", \"type\": \"t\"}]}", "two resources are named 'v'")]
    [InlineData("{\"resources\": [{\"name\": \"v\", \"type\": \"t\", \"options\": {\"protect\": \"yes\"}}]}", "options.protect: must be true or false")]
    public void A_malformed_plan_is_refused_with_where_it_goes_wrong(string json, string message)
    {
        var e = Assert.Throws<PlanFormatException>(() => PlanJsonReader.Read(json));
        Assert.Contains(message, e.Message);
    }
}
