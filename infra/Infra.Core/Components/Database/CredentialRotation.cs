using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components.Database;

/// <summary>
/// Rotation without a window: AWS's own alternating-users rotation function for PostgreSQL, deployed from the Serverless
/// Application Repository as the AWS CDK deploys it (aws-cdk-lib aws-secretsmanager/lib/secret-rotation.ts), and a
/// rotation schedule on the app secret. Each rotation sets a new password on the user the secret does not name now and
/// then makes that user current: the previous user keeps working until the rotation after, so a node or pod that reads
/// the secret late still connects.
/// </summary>
public static class CredentialRotation
{
    public const string Stack = "databaseRotationStack";
    public const string Rotation = "databaseAppSecretRotation";

    /// <summary>
    /// SecretRotationApplication.POSTGRES_ROTATION_MULTI_USER in aws/aws-cdk packages/aws-cdk-lib/aws-secretsmanager/lib/
    /// secret-rotation.ts @0b89b3c3: application SecretsManagerRDSPostgreSQLRotationMultiUser 1.1.671 (partition aws).
    /// </summary>
    public const string ApplicationId = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationMultiUser";
    public const string SemanticVersion = "1.1.671";

    // Property names: pulumi-aws 7.x aws.serverlessrepository.CloudFormationStack (applicationId, semanticVersion,
    // capabilities, parameters, name, tags; output map outputs; pub.dev pulumi_aws 7.44.0 CloudFormationStackArgs) and
    // aws.secretsmanager.SecretRotation (secretId, rotationLambdaArn, rotationRules, rotateImmediately; provider schema).

    public static void Add(ComponentScope c, EnvironmentBlueprint bp, NetworkRefs net, Value masterSecretArn, Value keyArn, string bootstrap)
    {
        var s = bp.Settings;
        var functionName = $"{bp.Prefix}-db-rotation";
        c.Add(Stack, AwsTypes.ServerlessApplicationStack, V.Map(
            ("name", functionName),
            ("applicationId", ApplicationId),
            ("semanticVersion", SemanticVersion),
            // The template creates the function's role and the permission for Secrets Manager to invoke it.
            ("capabilities", V.Strings(["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"])),
            ("parameters", V.Map(
                ("endpoint", $"https://secretsmanager.{s.Region}.amazonaws.com"),
                ("functionName", functionName),
                ("vpcSubnetIds", V.Join(",", [.. net.PrivateSubnetIds])),
                ("vpcSecurityGroupIds", V.Ref(net.DatabaseRotationSecurityGroup, "id")),
                ("excludeCharacters", DatabaseCredentials.ExcludeCharacters),
                ("kmsKeyArn", keyArn),
                ("masterSecretArn", masterSecretArn),
                ("masterSecretKmsKeyArn", keyArn))),
            ("tags", Tagging.Tags(bp, "database-rotation"))),
            $"AWS's alternating-users rotation function for PostgreSQL (SAR SecretsManagerRDSPostgreSQLRotationMultiUser {SemanticVersion}, as aws-cdk deploys it): " +
            "in the private subnets with its own security group; it alone besides the bootstrap may read the master secret, which it uses to set the next user's password");

        c.Add(Rotation, AwsTypes.SecretRotation, V.Map(
            ("secretId", V.Ref(CredentialBootstrap.AppSecret, "id")),
            ("rotationLambdaArn", V.Ref(Stack, "outputs.RotationLambdaARN")),
            ("rotationRules", V.Map(("automaticallyAfterDays", s.DatabaseCredentialRotationDays))),
            ("rotateImmediately", true)),
            $"rotates the app's credentials every {s.DatabaseCredentialRotationDays} days (mattermost:databaseCredentialRotationDays) with alternating users: " +
            "the previous credentials keep working until the next rotation. The first rotation runs as soon as this is created, after the bootstrap, so a broken path shows at once",
            new NodeOptions { DependsOn = [bootstrap, .. net.DatabaseRotationPath] });
    }
}
