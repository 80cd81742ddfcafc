using Infra.Core.Graph;

namespace Infra.Core.Tests.Graph;

public class GraphValidatorTests
{
    [Fact]
    public void Stack_outputs_may_read_lookups_like_resources_do_but_not_missing_names()
    {
        var g = new GraphBuilder("test");
        g.Component("net", "mattermost:infra:Network", "test").Add("vpc", "aws:ec2/vpc:Vpc", MapValue.Empty, "test");
        g.Lookup("callerIdentity", "aws:index/getCallerIdentity:getCallerIdentity", MapValue.Empty, "test");
        g.Output("account", V.Ref("callerIdentity", "accountId"), "test");
        g.Output("vpcId", V.Ref("vpc", "id"), "test");
        g.Output("gone", V.Ref("subnet", "id"), "test");

        var problem = Assert.Single(GraphValidator.Problems(g.Build()));

        Assert.Equal("output gone: references ${subnet.id}, but there is no 'subnet'", problem);
    }
}
