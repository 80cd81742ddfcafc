using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>
/// Plain-text secrets are refused wherever they are written: any namespace, nested keys and tags.
/// Pulumi secrets (<c>secure:</c>) pass. Tags also keep to AWS's character set and cannot override the
/// tags the tool sets itself.
/// </summary>
public class SecretValueTests
{
    private static IReadOnlyList<ConfigProblem> Problems(params string[] lines)
    {
        using var p = new TempProject(TempProject.With(lines), "staging");
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load("staging"));
        return e.Problems;
    }

    private static StackSettings Load(params string[] lines)
    {
        using var p = new TempProject(TempProject.With(lines), "staging");
        return new StackSettingsLoader(p.Directory).Load("staging");
    }

    /// <summary>The minimal stack with more lines under its tags.</summary>
    private static string WithTags(params string[] tagLines) =>
        TempProject.MinimalStack.Replace("    costCentre: CC-1", "    costCentre: CC-1" + string.Concat(tagLines.Select(l => "\n    " + l)));

    private static IReadOnlyList<ConfigProblem> TagProblems(params string[] tagLines)
    {
        using var p = new TempProject(WithTags(tagLines), "staging");
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load("staging"));
        return e.Problems;
    }

    [Theory]
    // Keys that name a secret, in any namespace and at any depth.
    [InlineData(new[] { "acme:licence: ABCD-1234" }, "config.acme:licence")]
    [InlineData(new[] { "acme:license: ABCD-1234" }, "config.acme:license")]
    [InlineData(new[] { "aws:secretKey: wJalrXUtnFEMI" }, "config.aws:secretKey")]
    [InlineData(new[] { "aws:token: abc" }, "config.aws:token")]
    [InlineData(new[] { "acme:db:", "  adminPassword: hunter2" }, "config.acme:db.adminPassword")]
    [InlineData(new[] { "acme:apiKey: abc" }, "config.acme:apiKey")]
    [InlineData(new[] { "acme:keys:", "  - name: x", "    private_key: abc" }, "config.acme:keys[0].private_key")]
    // Values shaped like a credential, whatever the key says.
    [InlineData(new[] { "acme:endpoint: ghp_0123456789abcdefghijABCDEFGHIJ012345" }, "config.acme:endpoint")]
    [InlineData(new[] { "acme:hook: xoxb-123456789012-abcdefABCDEF" }, "config.acme:hook")]
    [InlineData(new[] { "acme:id: AKIAIOSFODNN7EXAMPLE" }, "config.acme:id")]
    [InlineData(new[] { "acme:items: [ok, github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv]" }, "config.acme:items[1]")]
    [InlineData(new[] { "acme:pem: |", "    -----BEGIN RSA PRIVATE KEY-----", "    MIIEowIBAAKCAQEA", "    -----END RSA PRIVATE KEY-----" }, "config.acme:pem")]
    public void Plain_text_secrets_are_refused_anywhere(string[] lines, string key)
    {
        var problem = Assert.Single(Problems(lines));
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Equal(key, problem.Key);
        Assert.Contains("secret", problem.Message);
        Assert.Contains("--secret", problem.Message);
    }

    [Theory]
    [InlineData("apiToken: ghp_0123456789abcdefghijABCDEFGHIJ012345", "config.mattermost:tags.apiToken")]
    [InlineData("note: AKIAIOSFODNN7EXAMPLE", "config.mattermost:tags.note")]
    [InlineData("licence: MM-ENT-1234", "config.mattermost:tags.licence")]
    public void Tags_are_plain_text_on_every_resource_so_never_hold_a_secret(string tagLine, string key)
    {
        var problem = Assert.Single(TagProblems(tagLine));
        Assert.Equal(key, problem.Key);
        Assert.Contains("secret", problem.Message);
        Assert.Contains("tag", problem.Message);
    }

    [Fact]
    public void Pulumi_secrets_pass_in_any_namespace()
    {
        var s = Load(
            "aws:secretKey:",
            "  secure: v1:AAAAabc",
            "acme:licence:",
            "  secure: v1:AAAAdef",
            "acme:tokenRefresh: true");
        Assert.Equal(1000, s.Load.RegisteredUsers);
    }

    [Fact]
    public void A_secret_in_a_tag_never_reaches_the_plan_even_as_a_pulumi_secret()
    {
        var problem = Assert.Single(TagProblems("apiToken:", "  secure: v1:AAAA"));
        Assert.Equal("config.mattermost:tags.apiToken", problem.Key);
    }

    [Theory]
    [InlineData("team: \"chat<script>\"", "config.mattermost:tags.team", "letters, digits, spaces and _ . : / = + - @")]
    [InlineData("team: \"a\\nb\"", "config.mattermost:tags.team", "letters, digits, spaces and _ . : / = + - @")]
    [InlineData("\"te$m\": chat", "config.mattermost:tags.te$m", "letters, digits, spaces and _ . : / = + - @")]
    [InlineData("Name: my-name", "config.mattermost:tags.Name", "set by this tool")]
    [InlineData("pulumi-stack: other", "config.mattermost:tags.pulumi-stack", "set by this tool")]
    public void Tags_keep_to_aws_characters_and_do_not_override_the_tools_own(string tagLine, string key, string message)
    {
        var problem = Assert.Single(TagProblems(tagLine));
        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Tag_values_may_use_the_whole_aws_character_set()
    {
        using var p = new TempProject(WithTags("contact: \"Ops Team: ops@example.com / +49 = ok_1.0\"", "size: Größe"), "staging");
        var s = new StackSettingsLoader(p.Directory).Load("staging");
        Assert.Equal("Ops Team: ops@example.com / +49 = ok_1.0", s.Tags["contact"]);
    }
}
