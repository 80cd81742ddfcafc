using Infra.Core.Graph;
using Infra.Deploy.Tests.Support;

namespace Infra.Deploy.Tests;

/// <summary>
/// A secret kept inside a structured key (mattermost:app) is read there by the program at deployment: the engine hands the
/// object over as JSON, the value is found along its path, also when a key holds dots itself (the escape hatch's
/// "Section.Setting" names), and it reaches the resource as a secret.
/// </summary>
public class NestedSecretTests
{
    private static ResourceGraph Graph(params string[] paths)
    {
        var g = new GraphBuilder("staging");
        var c = g.Component("mattermost", "mattermost:infra:MattermostCluster", "the app tier");
        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
            c.Add($"secret{i}Value", "aws:secretsmanager/secretVersion:SecretVersion", V.Map(
                ("secretId", "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"),
                ("secretString", V.Secret(ConfigValue.Nested("mattermost:app", path)))), "a secret setting");
        return g.Build();
    }

    private const string App = """{"directory":{"bindPassword":"p@ss \"w\" $1"},"settings":{"ServiceSettings.SplitKey":"split-key"}}""";

    [Fact]
    public async Task The_program_reads_a_nested_secret_along_its_path()
    {
        var graph = Graph("directory.bindPassword", "settings.ServiceSettings.SplitKey");
        var d = await TestDeployment.RunAsync(graph, () => GraphDeployment.Deploy(graph).Outputs, TestDeployment.Options("staging"),
            new Dictionary<string, string> { ["mattermost:app"] = App });
        Assert.Equal("p@ss \"w\" $1", d.Mocks.Of("secret0Value").Inputs["secretString"]);
        Assert.Equal("split-key", d.Mocks.Of("secret1Value").Inputs["secretString"]);
    }

    [Fact]
    public async Task A_missing_nested_secret_stops_the_program_naming_the_command_that_sets_it()
    {
        var graph = Graph("email.password");
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestDeployment.RunAsync(graph, () => GraphDeployment.Deploy(graph).Outputs,
            TestDeployment.Options("staging"), new Dictionary<string, string> { ["mattermost:app"] = App }));
        Assert.Contains("pulumi config set --secret --path 'mattermost:app.email.password'", e.ToString());
    }
}
