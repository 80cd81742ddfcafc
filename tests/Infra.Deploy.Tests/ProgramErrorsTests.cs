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
        var d = await TestDeployment.Project(project.Directory, "staging");
        var graph = d.Graph;

        Assert.Equal(graph.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), d.Mocks.Registered.Select(r => r.Name!).Order(StringComparer.Ordinal));
        Assert.Equal("https://chat-qa.example.org", await ((Output<object?>)d.Outputs["siteUrl"]!).ValueAsync());
        Expected.Matches(Expected.Inputs(graph["vpc"].Properties), d.Mocks.Of("vpc").Inputs, "vpc");
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task A_cluster_or_enterprise_search_without_the_licence_is_refused_before_anything_is_registered(string stack)
    {
        var mocks = new GraphMocks(Repo.Plan(stack).Graph);

        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, TestDeployment.Options(stack), MattermostProgram.Run));

        Assert.Contains("mattermost:licenseKey", e.Message);
        Assert.Contains("pulumi config set --secret mattermost:licenseKey <licence>", e.Message);
        Assert.Contains("Nothing was deployed", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task Enterprise_search_alone_needs_the_licence_too()
    {
        using var project = new TempProject("""
            config:
              mattermost:registeredUsers: 1500
              mattermost:highAvailability: false
              mattermost:availabilityZones: 2
              mattermost:domainName: chat-qa.example.org
              mattermost:certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc-123
              mattermost:tags:
                owner: platform
                costCentre: CC-1
            """);
        var plan = new Infra.Core.Planning.Planner(project.Directory).Plan("staging");
        Assert.True(plan.Blueprint.Sizing.Search.Enabled);
        Assert.Equal(1, plan.Blueprint.Sizing.App.Nodes);
        var mocks = new GraphMocks(plan.Graph);

        var e = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(mocks, TestDeployment.Options("staging", project.Directory), MattermostProgram.Run));

        Assert.Contains("enterprise search", e.Message);
        Assert.DoesNotContain("cluster (", e.Message);
        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task With_the_licence_the_program_registers_it_as_a_secret_kubernetes_secret()
    {
        var d = await TestDeployment.Stack("production");

        var secret = d.Mocks.Of("mattermostLicense");
        Assert.Equal("v1", secret.Inputs["apiVersion"]);
        Assert.Equal("Secret", secret.Inputs["kind"]);
        var data = Assert.IsAssignableFrom<System.Collections.IDictionary>(secret.Inputs["stringData"]);
        Assert.Equal(LicensedProject.Licence, data["license"]);
    }
}
