using Infra.Core.Graph;
using Infra.Core.Parsing;
using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;

namespace Infra.Core.Tests.Parsing;

/// <summary>Programs this tool did not write: a hand-written Pulumi YAML program and the JSON of pulumi preview.</summary>
public class ForeignInputTests
{
    private const string Program = """
        name: someone-else
        runtime: yaml
        config:
          region: us-east-1
        variables:
          account:
            fn::invoke:
              function: aws:index/getCallerIdentity:getCallerIdentity
              arguments: {}
          openWorld: 0.0.0.0/0
        resources:
          web:
            type: aws:ec2/securityGroup:SecurityGroup
            properties:
              description: "web: ${pulumi.stack}"
              ingress:
                - protocol: tcp
                  fromPort: 22
                  toPort: 22
                  cidrBlocks: ["${openWorld}"]
          box:
            type: aws:ec2/instance:Instance
            properties:
              instanceType: t3.medium
              vpcSecurityGroupIds: ["${web.id}"]
              userData: |
                echo $${HOME} ${account.accountId}
            options:
              protect: true
              dependsOn: ["${web}"]
        outputs:
          ip: ${box.publicIp}
          token:
            fn::secret: abc
        """;

    [Fact]
    public void Hand_written_program_parses_with_variables_inlined_and_escapes_kept()
    {
        var g = PulumiYamlParser.Parse(Program, "other.yaml");

        Assert.Equal("someone-else", g.Stack);
        Assert.Equal(["web", "box"], g.Nodes.Select(n => n.Name));
        var rule = (MapValue)((ListValue)g["web"].Properties["ingress"]!).Items[0];
        Assert.Equal(V.List("0.0.0.0/0"), rule["cidrBlocks"]);
        Assert.Equal(new InterpolationValue(["web: ", V.Ref("pulumi", "stack")]), g["web"].Properties["description"]);
        Assert.Equal(new InterpolationValue(["echo ${HOME} ", V.Ref("account", "accountId"), "\n"]), g["box"].Properties["userData"]);
        Assert.True(g["box"].Options.Protect);
        Assert.Equal(new[] { "web" }, g["box"].Options.DependsOn.ToArray());
        Assert.Equal("aws:index/getCallerIdentity:getCallerIdentity", g.FindLookup("account")!.Function);
        Assert.True(g.Outputs.Single(o => o.Name == "token").Secret);
    }

    [Fact]
    public void Policies_run_on_a_foreign_program()
    {
        var g = PulumiYamlParser.Parse(Program, "other.yaml");
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(g, null, new DateOnly(2026, 9, 1)), "other.yaml");

        Assert.Contains(audit.Results, r => r.PolicyId == "MM-NET-001" && r.Resource == "web" && r.Outcome == Outcome.Fail && r.Message.Contains("tcp/22"));
        Assert.Contains(audit.Results, r => r.PolicyId == "MM-CMP-001" && r.Resource == "box" && r.Outcome == Outcome.Fail);
        Assert.Contains(audit.Results, r => r.PolicyId == "MM-DATA-001" && r.Resource == "box" && r.Outcome == Outcome.Fail);
        Assert.Null(audit.Context.Environment); // no tags, no known stack name: production rules apply
        Assert.True(audit.Context.IsProduction);
    }

    // Shape of pulumi/pulumi pkg/display/json.go PreviewDigest: steps[].newState is an apitype.ResourceV3.
    private const string Preview = """
        {
          "config": { "aws:region": "us-east-1" },
          "steps": [
            { "op": "create", "urn": "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
              "newState": { "urn": "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", "custom": false, "type": "pulumi:pulumi:Stack" } },
            { "op": "create", "urn": "urn:pulumi:dev::shop::aws:ec2/securityGroup:SecurityGroup::db-sg",
              "newState": { "urn": "urn:pulumi:dev::shop::aws:ec2/securityGroup:SecurityGroup::db-sg", "custom": true,
                "type": "aws:ec2/securityGroup:SecurityGroup",
                "inputs": { "ingress": [ { "protocol": "tcp", "fromPort": 5432, "toPort": 5432, "cidrBlocks": [ "0.0.0.0/0" ] } ] } } },
            { "op": "create", "urn": "urn:pulumi:dev::shop::aws:rds/instance:Instance::db",
              "newState": { "urn": "urn:pulumi:dev::shop::aws:rds/instance:Instance::db", "custom": true, "protect": true,
                "type": "aws:rds/instance:Instance",
                "inputs": {
                  "engine": "postgres", "instanceClass": "db.r7g.large", "publiclyAccessible": true, "storageEncrypted": false,
                  "password": { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": "\"s3cret\"" },
                  "vpcSecurityGroupIds": [ "04da6b54-80e4-46f7-96ec-b56ff0331ba9" ]
                },
                "propertyDependencies": { "vpcSecurityGroupIds": [ "urn:pulumi:dev::shop::aws:ec2/securityGroup:SecurityGroup::db-sg" ] } } },
            { "op": "delete", "urn": "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::old",
              "oldState": { "urn": "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::old", "type": "aws:s3/bucket:Bucket" } }
          ],
          "changeSummary": { "create": 3, "delete": 1 }
        }
        """;

    [Fact]
    public void Preview_json_becomes_the_graph_the_preview_leaves_behind()
    {
        var parsed = InputReader.Read(Preview, "preview.json");

        Assert.Equal(InputKind.PreviewJson, parsed.Kind);
        Assert.Equal("dev", parsed.Graph.Stack);
        Assert.Equal(["db-sg", "db"], parsed.Graph.Nodes.Select(n => n.Name));
        var db = parsed.Graph["db"];
        Assert.True(db.Options.Protect);
        Assert.Equal(V.List(V.Ref("db-sg", "id")), db.Properties["vpcSecurityGroupIds"]);
        Assert.Equal(V.Secret("s3cret"), db.Properties["password"]);
    }

    [Fact]
    public void Policies_find_the_preview_s_problems()
    {
        var g = InputReader.Read(Preview, "preview.json").Graph;
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(g, null, new DateOnly(2026, 9, 1)), "preview.json");
        bool Fails(string policy, string resource) => audit.Results.Any(r => r.PolicyId == policy && r.Resource == resource && r.Outcome == Outcome.Fail);

        Assert.True(Fails("MM-NET-001", "db-sg"));   // PostgreSQL open to the world
        Assert.True(Fails("MM-NET-002", "db"));      // publicly accessible
        Assert.True(Fails("MM-DATA-001", "db"));     // not encrypted
        Assert.True(Fails("MM-DATA-008", "db"));     // one day of backups
        // The password is a secret in the preview (the engine's secret signature), so it is not a plain secret.
        Assert.DoesNotContain(audit.Results, r => r.PolicyId == "MM-DATA-010" && r.Outcome == Outcome.Fail);
    }

    [Theory]
    [InlineData("resources:\n  a: [1\n", "YAML syntax error")]
    [InlineData("name: x\n", "no 'resources:' mapping")]
    [InlineData("resources:\n  a:\n    properties: {}\n", "resource 'a' has no 'type:'")]
    [InlineData("resources:\n  a:\n    type: t:m:R\n    properties:\n      x: \"${oops\"\n", "unterminated")]
    [InlineData("{ \"steps\": [ ", "JSON syntax error")]
    [InlineData("{ \"neither\": 1 }", "a JSON input must be")]
    public void Bad_input_names_the_file_and_what_is_wrong(string text, string problem)
    {
        var e = Assert.Throws<ParseException>(() => InputReader.Read(text, "in.yaml"));
        Assert.Equal("in.yaml", e.File);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Yaml_errors_carry_the_line()
    {
        var e = Assert.Throws<ParseException>(() => InputReader.Read("resources:\n  a:\n    type: t:m:R\n    properties:\n      x: \"${oops\"\n", "in.yaml"));
        Assert.Equal(5, e.Line);
    }
}
