using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Database;

/// <summary>
/// The app's database credentials and the one-shot bootstrap that makes them work: the app secret (the JSON the
/// rotation function reads and the app tiers build their connection strings from), and a small Lambda function the
/// deployment invokes (aws:lambda/invocation:Invocation) that fills the secret on first use and runs
/// Sql/bootstrap-app-role.sql as the master user through the RDS Data API. The Data API needs no network path from the
/// deployer or the function into the VPC (it is an AWS API, gated by IAM), so the bootstrap works from any
/// <c>pulumi up</c>; the function's role is one of only two identities that may read the master secret.
/// </summary>
public static class CredentialBootstrap
{
    public const string AppSecret = "databaseAppSecret";
    public const string LogGroup = "databaseBootstrapLogGroup";
    public const string Role = "databaseBootstrapRole";
    public const string RolePolicy = "databaseBootstrapPolicy";
    public const string Function = "databaseBootstrapFunction";
    public const string Invocation = "databaseBootstrap";

    /// <summary>The archive's file names: the handler imports nothing else and reads the SQL beside itself.</summary>
    public const string HandlerFile = "bootstrap.py";
    public const string SqlFile = "bootstrap-app-role.sql";

    private const string DataApiDoc = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html";

    // Property names: pulumi-aws 7.x aws.lambda.Function (role, runtime, handler, code, architectures, memorySize, timeout,
    // loggingConfig {logFormat, logGroup}; https://www.pulumi.com/registry/packages/aws/api-docs/lambda/function/) and
    // aws.lambda.Invocation (functionName, input, triggers; https://www.pulumi.com/registry/packages/aws/api-docs/lambda/invocation/).
    // The invocation fails the deployment when the function raises (terraform-provider-aws lambda/invocation.go: FunctionError).

    /// <param name="cluster">The Aurora cluster node (its arn and endpoint are read).</param>
    /// <param name="writer">The writer instance: the Data API needs an available instance.</param>
    public static void Add(ComponentScope c, EnvironmentBlueprint bp, string cluster, string writer, Value masterSecretArn, Value keyArn)
    {
        var s = bp.Settings;
        c.Add(AppSecret, AwsTypes.Secret, V.Map(
            ("description", $"{bp.Prefix}: Mattermost's own database credentials (users {DatabaseCredentials.AppUser} and {DatabaseCredentials.CloneUser}, rotated by alternating users)"),
            ("kmsKeyId", keyArn),
            ("tags", Tagging.Tags(bp, "database-app-credentials"))),
            "the app's database credentials as Secrets Manager's rotation keeps them (engine, host, port, dbname, username, password, masterarn); " +
            "written by the bootstrap, rotated by the alternating-users function, read by the app nodes or External Secrets; never the master user's",
            KmsKeys.Stateful(bp));

        c.Add(LogGroup, AwsTypes.LogGroup, V.Map(
            ("name", $"/mattermost/{s.Stack}/database-bootstrap"),
            ("retentionInDays", s.LogRetentionDays),
            ("tags", Tagging.Tags(bp, "database-bootstrap-logs"))),
            $"the bootstrap function's logs (no secret is ever logged), kept {s.LogRetentionDays} days");

        c.Add(Role, AwsTypes.Role, V.Map(
            ("assumeRolePolicy", Iam.AssumeRole("lambda.amazonaws.com")),
            ("description", $"{bp.Prefix}: the database credential bootstrap function"),
            ("tags", Tagging.Tags(bp, "database-bootstrap"))),
            "identity of the bootstrap function; with the rotation function's, the only identity that may read the master secret (MM-IAM-005)");
        var clusterArn = V.Ref(cluster, "arn");
        var appSecretArn = V.Ref(AppSecret, "arn");
        var logGroupArn = V.Ref(LogGroup, "arn");
        c.Add(RolePolicy, AwsTypes.RolePolicy, V.Map(
            ("role", V.Ref(Role, "id")),
            ("policy", Iam.Document(
                // The Data API reads the secret it is given with the caller's own identity.
                Iam.Allow("ReadMasterSecret", ["secretsmanager:GetSecretValue"], masterSecretArn),
                Iam.Allow("FillAppSecret", ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue"], appSecretArn),
                // GetRandomPassword names no resource (Service Authorization Reference: no resource types).
                Iam.Allow("GeneratePassword", ["secretsmanager:GetRandomPassword"], "*"),
                Iam.Allow("UseSecretsKey", ["kms:Decrypt", "kms:GenerateDataKey"], keyArn),
                Iam.Allow("RunBootstrapSql", ["rds-data:BeginTransaction", "rds-data:ExecuteStatement", "rds-data:CommitTransaction", "rds-data:RollbackTransaction"], clusterArn),
                Iam.Allow("WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], logGroupArn, V.Concat(logGroupArn, ":*"))))),
            $"least privilege: read the master secret, fill the app secret, run SQL on this cluster through the Data API ({DataApiDoc}), write its own logs");

        var handler = DatabaseAssets.BootstrapHandler;
        var sql = DatabaseAssets.BootstrapSql;
        c.Add(Function, AwsTypes.LambdaFunction, V.Map(
            ("description", $"{bp.Prefix}: Mattermost's own database roles and credentials (run by the deployment)"),
            ("role", V.Ref(Role, "arn")),
            ("runtime", "python3.12"),
            ("handler", "bootstrap.handler"),
            ("architectures", V.Strings(["arm64"])),
            ("memorySize", 256),
            ("timeout", 120),
            ("code", V.Archive((HandlerFile, handler), (SqlFile, sql))),
            ("loggingConfig", V.Map(("logFormat", "JSON"), ("logGroup", V.Ref(LogGroup, "name")))),
            ("tags", Tagging.Tags(bp, "database-bootstrap"))),
            "Python 3.12 with the runtime's boto3, outside the VPC (it reaches the database through the RDS Data API, Secrets Manager through its public endpoint); " +
            "the code and SQL travel in the program (fn::assetArchive), so every rendering deploys the same files");

        c.Add(Invocation, AwsTypes.LambdaInvocation, V.Map(
            ("functionName", V.Ref(Function, "name")),
            ("input", V.Json(V.Map(
                ("clusterArn", clusterArn),
                ("masterSecretArn", masterSecretArn),
                ("appSecretArn", appSecretArn),
                ("host", V.Ref(cluster, "endpoint")),
                ("port", DatabaseCredentials.Port),
                ("database", DatabaseCredentials.DatabaseName),
                ("appUser", DatabaseCredentials.AppUser),
                ("ownerRole", DatabaseCredentials.OwnerRole)))),
            // A changed SQL file or handler runs the bootstrap again (the SQL is idempotent); so does a changed input.
            ("triggers", V.Map(
                ("sql", DatabaseAssets.Sha256(sql)),
                ("handler", DatabaseAssets.Sha256(handler))))),
            $"runs the bootstrap at deployment: creates {DatabaseCredentials.OwnerRole}, {DatabaseCredentials.AppUser} and {DatabaseCredentials.CloneUser}, " +
            "hands them the database, sets the current user's password from the app secret; again whenever the SQL or handler changes (triggers: their SHA-256)",
            new NodeOptions { DependsOn = [writer, RolePolicy] });
    }
}
