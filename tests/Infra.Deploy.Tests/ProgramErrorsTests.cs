using Infra.Core.Graph;
using Infra.Deploy.Tests.Support;
using Pulumi;

namespace Infra.Deploy.Tests;

/// <summary>Bad input stops the program before anything is registered, with the file and key or the node named.</summary>
public class ProgramErrorsTests
{
    [Fact]
    public void Bad_stack_configuration_is_reported_with_file_and_key()
    {
        using var project = new TempProject("""
            config:
              mattermost:registeredUsers: lots
              mattermost:domainName: chat.example.com
              mattermost:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123
              mattermost:tags:
                owner: platform
                costCentre: CC-1
            """);

        var e = Assert.Throws<RunException>(() => MattermostProgram.Plan("staging", project.Directory));

        Assert.Contains("nothing was deployed", e.Message);
        Assert.Contains("Pulumi.staging.yaml: config.mattermost:registeredUsers:", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public void A_stack_without_its_file_is_reported()
    {
        using var project = new TempProject(null);

        var e = Assert.Throws<RunException>(() => MattermostProgram.Plan("qa", project.Directory));

        Assert.Contains("Pulumi.qa.yaml", e.Message);
    }

    [Fact]
    public void A_graph_reading_an_undeclared_output_is_refused_before_registering()
    {
        var g = new GraphBuilder("test");
        var c = g.Component("storage", "mattermost:infra:FileStorage", "test");
        c.Add("bucket", "aws:s3/bucket:Bucket", MapValue.Empty, "test");
        c.Add("policy", "aws:s3/bucketPolicy:BucketPolicy", V.Map(("bucket", V.Ref("bucket", "websiteEndpoint"))), "test");

        var e = Assert.Throws<RunException>(() => GraphDeployment.Deploy(g.Build()));

        Assert.Contains("policy: references ${bucket.websiteEndpoint}", e.Message);
    }

    [Fact]
    public void An_inconsistent_graph_is_refused_before_registering()
    {
        var g = new GraphBuilder("test");
        var c = g.Component("storage", "mattermost:infra:FileStorage", "test");
        c.Add("policy", "aws:s3/bucketPolicy:BucketPolicy", V.Map(("bucket", V.Ref("bucket", "id"))), "test", new NodeOptions { Provider = "nowhere" });

        var e = Assert.Throws<RunException>(() => GraphDeployment.Deploy(g.Build()));

        Assert.Contains("there is no 'bucket'", e.Message);
        Assert.Contains("provider 'nowhere' is not a provider node", e.Message);
    }

    [Fact]
    public async Task The_program_deploys_what_plan_plans_for_the_deployments_project_directory()
    {
        using var project = new TempProject("""
            config:
              mattermost:registeredUsers: 1500
              mattermost:domainName: chat-qa.example.org
              mattermost:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123
              mattermost:tags:
                owner: platform
                costCentre: CC-1
            """);
        var graph = new Infra.Core.Planning.Planner(project.Directory).Plan("staging").Graph;

        var d = await TestDeployment.RunAsync(graph, MattermostProgram.Run, TestDeployment.Options("staging", project.Directory));

        Assert.Equal(graph.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), d.Mocks.Registered.Select(r => r.Name!).Order(StringComparer.Ordinal));
        Assert.Equal("https://chat-qa.example.org", await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
        Expected.Matches(Expected.Inputs(graph["vpc"].Properties), d.Mocks.Of("vpc").Inputs, "vpc");
    }
}
