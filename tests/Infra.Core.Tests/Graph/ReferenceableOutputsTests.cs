using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Graph;

public class ReferenceableOutputsTests
{
    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_reference_in_a_stack_reads_a_declared_output_or_a_lookup(string stack)
    {
        var graph = Repo.Plan(stack).Graph;
        Assert.Empty(ReferenceableOutputs.Problems(graph));

        var references = graph.Nodes.SelectMany(n => n.References())
            .Concat(graph.Outputs.SelectMany(o => o.Value.References())).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(
            graph.Contains(r.Resource) ? ReferenceableOutputs.Contains(r.OutputProperty) : graph.FindLookup(r.Resource) is not null,
            $"{r.Expression} reads neither a declared output nor a lookup"));
    }

    [Fact]
    public void An_undeclared_output_is_reported_with_the_node_and_the_expression()
    {
        var g = new GraphBuilder("test");
        var c = g.Component("storage", "mattermost:infra:FileStorage", "test");
        c.Add("bucket", "aws:s3/bucket:Bucket", MapValue.Empty, "test");
        c.Add("policy", "aws:s3/bucketPolicy:BucketPolicy", V.Map(("bucket", V.Ref("bucket", "bucketDomainName"))), "test");
        g.Output("domain", V.Ref("bucket", "websiteEndpoint"), "test");
        g.Output("bucketId", V.Ref("bucket", "id"), "test");

        var problems = ReferenceableOutputs.Problems(g.Build());

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("policy: references ${bucket.bucketDomainName}", problems[0]);
        Assert.StartsWith("output domain: references ${bucket.websiteEndpoint}", problems[1]);
    }

    [Fact]
    public void Built_in_and_declared_outputs_do_not_overlap()
    {
        Assert.Empty(ReferenceableOutputs.BuiltIn.Intersect(ReferenceableOutputs.Declared));
    }
}
