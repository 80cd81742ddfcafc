using System.Text.RegularExpressions;
using Infra.Core.Graph;
using Infra.Core.Rendering;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Rendering;

/// <summary>
/// Pulumi YAML has no component resources, so program.yaml shows each component as a comment heading over its
/// resources. A resource must sit under the heading of the component the C# program registers it under.
/// </summary>
public partial class PulumiYamlHeadingTests
{
    [GeneratedRegex("^  # component (?<type>\\S+) \"(?<name>[^\"]+)\":")]
    private static partial Regex Heading();

    [GeneratedRegex("^  (?<name>[A-Za-z0-9_]+):$")]
    private static partial Regex ResourceKey();

    /// <summary>Each resource of the rendered program with the component heading it appears under (null above every heading).</summary>
    public static Dictionary<string, string?> HeadingOf(string yaml)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? heading = null;
        var inResources = false;
        foreach (var line in yaml.Split('\n'))
        {
            if (line.Length == 0) continue; // a blank line inside a block scalar (a function's code) ends nothing
            if (!line.StartsWith(' ')) { inResources = line == "resources:"; continue; }
            if (!inResources) continue;
            if (Heading().Match(line) is { Success: true } h) heading = h.Groups["name"].Value;
            else if (ResourceKey().Match(line) is { Success: true } r) result[r.Groups["name"].Value] = heading;
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Every_resource_is_listed_under_its_own_components_heading(string stack)
    {
        var graph = Repo.Plan(stack).Graph;

        var headings = HeadingOf(new PulumiYamlRenderer().Render(graph, "mattermost-infra"));

        Assert.Equal(graph.Resources.Select(n => n.Name).Order(StringComparer.Ordinal), headings.Keys.Order(StringComparer.Ordinal));
        foreach (var node in graph.Resources)
            Assert.True(node.Options.Parent == headings[node.Name], $"{node.Name} is registered under '{node.Options.Parent}' but listed under '{headings[node.Name]}'");
        // The case that was wrong: the alarms belong to observability, which is opened before the app tier adds its resources.
        Assert.Equal("observability", headings["databaseCpuAlarm"]);
        Assert.Equal("observability", headings["appCpuAlarm"]);
    }

    [Fact]
    public void Resources_outside_any_component_come_first_without_a_heading()
    {
        var b = new GraphBuilder("t");
        var net = b.Component("network", "mattermost:infra:Network", "the network");
        net.Add("vpc", "aws:ec2/vpc:Vpc", V.Map(("cidrBlock", "10.0.0.0/16")), "vpc");
        var files = b.Component("fileStorage", "mattermost:infra:FileStorage", "files");
        files.Add("bucket", "aws:s3/bucket:Bucket", MapValue.Empty, "bucket");
        net.Add("subnet", "aws:ec2/subnet:Subnet", V.Map(("vpcId", V.Ref("vpc", "id"))), "added after another component opened");
        b.Add(new ResourceNode("loose", "aws:s3/bucket:Bucket", MapValue.Empty, NodeOptions.None, "no component"));

        var headings = HeadingOf(new PulumiYamlRenderer().Render(b.Build(), "p"));

        Assert.Equal(new Dictionary<string, string?> { ["loose"] = null, ["vpc"] = "network", ["subnet"] = "network", ["bucket"] = "fileStorage" }, headings);
    }
}
