using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Infra.Core.Components;
using Infra.Core.Components.Database;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Credentials;

/// <summary>
/// The database credential resources as the stacks declare them: the bootstrap function carries exactly the files that
/// tests/database runs against a real PostgreSQL, its input is what the handler reads, the rotation is deployed as
/// aws-cdk deploys it, and only the bootstrap reads the master secret.
/// </summary>
public partial class CredentialResourcesTests
{
    private static string RepoFile(params string[] path) => File.ReadAllText(Path.Combine([Repo.Root, .. path]));

    private static string Sha256Hex(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Repo.Root, "infra", "Infra.Core", "Components", "Database", path))));

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_function_carries_the_repository_files_and_reruns_when_they_change(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var fn = g[CredentialBootstrap.Function].Properties;
        var archive = Assert.IsType<FunctionValue>(fn["code"]);
        Assert.Equal(FunctionValue.AssetArchive, archive.Function);
        var files = Assert.IsType<MapValue>(archive.Argument).Entries.ToDictionary(kv => kv.Key, kv => ((StringValue)((FunctionValue)kv.Value).Argument).Text);
        Assert.Equal(new[] { "bootstrap-app-role.sql", "bootstrap.py" }, files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RepoFile("infra", "Infra.Core", "Components", "Database", "Lambda", "bootstrap.py"), files["bootstrap.py"]);
        Assert.Equal(RepoFile("infra", "Infra.Core", "Components", "Database", "Sql", "bootstrap-app-role.sql"), files["bootstrap-app-role.sql"]);
        // The handler reads the SQL beside itself, under the name the archive gives it.
        Assert.Contains("SQL_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), \"bootstrap-app-role.sql\")", files["bootstrap.py"]);
        Assert.Equal(new StringValue("bootstrap.handler"), fn["handler"]);
        Assert.Contains("\ndef handler(event, context):", files["bootstrap.py"]);
        Assert.Equal(new StringValue("python3.12"), fn["runtime"]);

        var triggers = Assert.IsType<MapValue>(g[CredentialBootstrap.Invocation].Properties["triggers"]);
        Assert.Equal(new StringValue(Sha256Hex("Sql/bootstrap-app-role.sql")), triggers["sql"]);
        Assert.Equal(new StringValue(Sha256Hex("Lambda/bootstrap.py")), triggers["handler"]);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_invocation_gives_the_handler_every_key_it_requires(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var invocation = g[CredentialBootstrap.Invocation];
        var input = Assert.IsType<MapValue>(Assert.IsType<FunctionValue>(invocation.Properties["input"]).Argument);
        var required = RequiredKeys().Match(DatabaseAssets.BootstrapHandler);
        Assert.True(required.Success, "REQUIRED_EVENT_KEYS not found in bootstrap.py");
        var keys = Regex.Matches(required.Groups[1].Value, "\"([A-Za-z]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(keys.Order(StringComparer.Ordinal), input.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(V.Ref(DatabaseComponent.Cluster, "masterUserSecrets[0].secretArn"), input["masterSecretArn"]);
        Assert.Equal(V.Ref(CredentialBootstrap.AppSecret, "arn"), input["appSecretArn"]);
        Assert.Equal(V.Ref(DatabaseComponent.Cluster, "endpoint"), input["host"]);
        Assert.Equal(new StringValue(DatabaseCredentials.AppUser), input["appUser"]);
        Assert.Equal(new StringValue(DatabaseCredentials.OwnerRole), input["ownerRole"]);
        // The Data API needs an instance, the function its permissions, before the first call.
        Assert.Contains(DatabaseComponent.Writer, invocation.Options.DependsOn);
        Assert.Contains(CredentialBootstrap.RolePolicy, invocation.Options.DependsOn);
        Assert.Equal(new BoolValue(true), g[DatabaseComponent.Cluster].Properties["enableHttpEndpoint"]);
    }

    [Fact]
    public void Passwords_exclude_what_the_rotation_function_excludes_in_both_places()
    {
        // The rotation function's default (lambda_function.py get_random_password): ExcludeCharacters ':/@"\'\\'.
        Assert.Equal(":/@\"'\\", DatabaseCredentials.ExcludeCharacters);
        Assert.Contains("EXCLUDE_CHARACTERS = \":/@\\\"'\\\\\"", DatabaseAssets.BootstrapHandler);
        var parameters = (MapValue)Repo.Plan("production").Graph[CredentialRotation.Stack].Properties["parameters"]!;
        Assert.Equal(new StringValue(DatabaseCredentials.ExcludeCharacters), parameters["excludeCharacters"]);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_rotation_is_the_sar_application_deployed_as_aws_cdk_does(string stack)
    {
        var plan = Repo.Plan(stack);
        var g = plan.Graph;
        var sar = g[CredentialRotation.Stack].Properties;
        Assert.Equal(new StringValue("arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationMultiUser"), sar["applicationId"]);
        Assert.Equal(new StringValue("1.1.671"), sar["semanticVersion"]);
        Assert.Equal(V.Strings(["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"]), sar["capabilities"]);
        var p = (MapValue)sar["parameters"]!;
        Assert.Equal(new[] { "endpoint", "excludeCharacters", "functionName", "kmsKeyArn", "masterSecretArn", "masterSecretKmsKeyArn", "vpcSecurityGroupIds", "vpcSubnetIds" },
            p.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new StringValue($"https://secretsmanager.{plan.Settings.Region}.amazonaws.com"), p["endpoint"]);
        Assert.Equal(V.Join(",", [.. plan.Blueprint.Subnets.Where(s => s.Tier == Infra.Core.Blueprint.SubnetTier.Private).Select(s => (Value)V.Ref($"privateSubnet{s.ZoneSuffix}", "id"))]), p["vpcSubnetIds"]);
        Assert.Equal(V.Ref(NetworkComponent.DatabaseRotationSg, "id"), p["vpcSecurityGroupIds"]);
        Assert.Equal(V.Ref(DatabaseComponent.Cluster, "masterUserSecrets[0].secretArn"), p["masterSecretArn"]);
        Assert.True(((StringValue)p["functionName"]!).Text.Length <= 64);

        var rotation = g[CredentialRotation.Rotation];
        Assert.Equal(V.Ref(CredentialRotation.Stack, "outputs.RotationLambdaARN"), rotation.Properties["rotationLambdaArn"]);
        Assert.Equal(V.Ref(CredentialBootstrap.AppSecret, "id"), rotation.Properties["secretId"]);
        Assert.Equal(new NumberValue(plan.Settings.DatabaseCredentialRotationDays), ((MapValue)rotation.Properties["rotationRules"]!)["automaticallyAfterDays"]);
        // The first rotation needs a secret value (the bootstrap) and its network path.
        Assert.Contains(CredentialBootstrap.Invocation, rotation.Options.DependsOn);
        foreach (var path in new[] { NetworkComponent.SecretsManagerEndpoint, NetworkComponent.RdsApiEndpoint, "databaseFromRotation", "rotationToDatabase" })
            Assert.Contains(path, rotation.Options.DependsOn);
    }

    [Fact]
    public void The_schedule_follows_the_setting()
    {
        var plan = StackPlan.From(Repo.Settings("staging") with { DatabaseCredentialRotationDays = 7 });
        var rules = (MapValue)plan.Graph[CredentialRotation.Rotation].Properties["rotationRules"]!;
        Assert.Equal(new NumberValue(7), rules["automaticallyAfterDays"]);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void Only_the_bootstrap_role_policy_names_the_master_secret(string stack)
    {
        var g = Repo.Plan(stack).Graph;
        var readers = g.OfType(AwsTypes.RolePolicy)
            .Where(n => n.References().Any(r => r.Resource == DatabaseComponent.Cluster && r.Path.StartsWith("masterUserSecrets", StringComparison.Ordinal)))
            .Select(n => n.Name);
        Assert.Equal([CredentialBootstrap.RolePolicy], readers);
        // The master secret reaches only the bootstrap (its role and input) and the rotation application, and the outputs.
        var users = g.Nodes.Where(n => n.References().Any(r => r.Resource == DatabaseComponent.Cluster && r.Path.StartsWith("masterUserSecrets", StringComparison.Ordinal)))
            .Select(n => n.Name).Order(StringComparer.Ordinal);
        Assert.Equal([CredentialBootstrap.Invocation, CredentialBootstrap.RolePolicy, CredentialRotation.Stack], users);
    }

    [Fact]
    public void The_vm_app_role_reads_the_app_secret_and_starts_after_the_bootstrap()
    {
        var g = Repo.Plan("pilot").Graph;
        var secrets = g["appRolePolicy"].Properties["policy"]!.References().Select(r => r.Resource).ToHashSet();
        Assert.Contains(CredentialBootstrap.AppSecret, secrets);
        Assert.DoesNotContain(DatabaseComponent.Cluster, secrets);
        Assert.Contains(CredentialBootstrap.Invocation, g[VmAppTierComponent.AutoScalingGroup].Options.DependsOn);
    }

    [Fact]
    public void The_connection_string_template_escapes_the_user_information_and_verifies_the_server()
    {
        Assert.Equal(
            "postgres://{{ .username | urlquery | replace \"+\" \"%20\" }}:{{ .password | urlquery | replace \"+\" \"%20\" }}@{{ .host }}:{{ .port }}/{{ .dbname }}" +
            "?sslmode=verify-full&sslrootcert=/ca/rds.pem&connect_timeout=10",
            Assert.IsType<StringValue>(DatabaseCredentials.ConnectionStringTemplate(null, "/ca/rds.pem")).Text);
        var reader = Assert.IsType<InterpolationValue>(DatabaseCredentials.ConnectionStringTemplate(V.Ref("databaseReader1", "endpoint"), "/ca/rds.pem"));
        Assert.Equal(V.Ref("databaseReader1", "endpoint"), reader.Parts[1]);
    }

    [GeneratedRegex(@"REQUIRED_EVENT_KEYS = \(([^)]*)\)")]
    private static partial Regex RequiredKeys();
}
