using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

public class SettingsLoaderTests
{
    private static StackSettings Load(string yaml, string stack = "staging")
    {
        using var p = new TempProject(yaml, stack);
        return new StackSettingsLoader(p.Directory).Load(stack);
    }

    private static IReadOnlyList<ConfigProblem> Problems(string yaml, string stack = "staging")
    {
        using var p = new TempProject(yaml, stack);
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).Load(stack));
        return e.Problems;
    }

    [Fact]
    public void Minimal_stack_binds_with_environment_defaults()
    {
        var s = Load(TempProject.MinimalStack);
        Assert.Equal(EnvironmentKind.Staging, s.Environment);
        Assert.Equal("us-east-1", s.Region);
        Assert.True(s.HighAvailability);
        Assert.Equal(3, s.AvailabilityZoneCount);
        Assert.Equal(new[] { "us-east-1a", "us-east-1b", "us-east-1c" }, s.AvailabilityZones);
        Assert.Equal("10.20.0.0/16", s.VpcCidr);
        Assert.Equal(1000, s.Load.RegisteredUsers);
        Assert.Equal(0.2m, s.Load.ConcurrencyRatio);
        Assert.Equal(FileUsageProfile.Medium, s.Load.FileUsage);
        Assert.Equal(new[] { "0.0.0.0/0" }, s.AllowedClientCidrs);
        Assert.Equal(14, s.BackupRetentionDays);
        Assert.Equal("platform", s.Tags["owner"]);
    }

    [Theory]
    [InlineData("pilot", false, 2, 7)]
    [InlineData("staging", true, 3, 14)]
    [InlineData("production", true, 3, 30)]
    public void Environment_profiles_set_shape_defaults(string stack, bool ha, int zones, int backupDays)
    {
        var s = Load(TempProject.MinimalStack, stack);
        Assert.Equal(ha, s.HighAvailability);
        Assert.Equal(zones, s.AvailabilityZoneCount);
        Assert.Equal(backupDays, s.BackupRetentionDays);
        Assert.Equal(stack == "production", s.RetainOnDelete);
    }

    [Fact]
    public void Stack_file_overrides_project_file_which_overrides_defaults()
    {
        var project = TempProject.ProjectYaml + "\n  mattermost:headroomPercent:\n    value: 40\n  mattermost:fileUsage:\n    value: high\n";
        using var p = new TempProject(TempProject.With("mattermost:headroomPercent: 10"), "staging", project);
        var s = new StackSettingsLoader(p.Directory).Load("staging");
        Assert.Equal(10, s.Load.HeadroomPercent);
        Assert.Equal(FileUsageProfile.High, s.Load.FileUsage);
    }

    [Fact]
    public void Other_stack_names_need_an_environment()
    {
        var problems = Problems(TempProject.MinimalStack, "qa");
        Assert.Contains(problems, p => p.Key == "config.mattermost:environment" && p.Message.Contains("pilot, staging, production"));
        var s = Load(TempProject.With("mattermost:environment: pilot"), "qa");
        Assert.Equal(EnvironmentKind.Pilot, s.Environment);
    }

    [Theory]
    [InlineData("mattermost:registeredUsers: lots", "config.mattermost:registeredUsers", "whole number from 1 to 5000000")]
    [InlineData("mattermost:registeredUsers: 0", "config.mattermost:registeredUsers", "whole number from 1 to 5000000")]
    [InlineData("mattermost:concurrencyRatio: 1.5", "config.mattermost:concurrencyRatio", "number from 0.01 to 1")]
    [InlineData("mattermost:highAvailability: yes", "config.mattermost:highAvailability", "true or false")]
    [InlineData("mattermost:availabilityZones: 1", "config.mattermost:availabilityZones", "from 2 to 6")]
    [InlineData("mattermost:availabilityZones: 6", "config.mattermost:availabilityZones", "has 5 usable zones")]
    [InlineData("mattermost:appTier: ecs", "config.mattermost:appTier", "one of vm, kubernetes")]
    [InlineData("mattermost:fileUsage: Medium", "config.mattermost:fileUsage", "did you mean 'medium'")]
    [InlineData("mattermost:appInstanceType: c7i.huge", "config.mattermost:appInstanceType", "one of t3.medium")]
    [InlineData("mattermost:databaseInstanceClass: c7i.large", "config.mattermost:databaseInstanceClass", "db.r7g.large")]
    [InlineData("mattermost:vpcCidr: 10.0.0.1/16", "config.mattermost:vpcCidr", "private range")]
    [InlineData("mattermost:vpcCidr: 8.8.0.0/16", "config.mattermost:vpcCidr", "private range")]
    [InlineData("mattermost:vpcCidr: 10.0.0.0/24", "config.mattermost:vpcCidr", "/16 to /20")]
    [InlineData("mattermost:postgresVersion: \"14.9\"", "config.mattermost:postgresVersion", "major 15, 16 or 17")]
    [InlineData("mattermost:postgresVersion: \"16.0\"", "config.mattermost:postgresVersion", "at least 15.3, 16.1 or 17.4")]
    [InlineData("mattermost:postgresVersion: \"17.2\"", "config.mattermost:postgresVersion", "RDS Data API")]
    [InlineData("mattermost:backupRetentionDays: 36", "config.mattermost:backupRetentionDays", "from 1 to 35")]
    [InlineData("mattermost:databaseCredentialRotationDays: 0", "config.mattermost:databaseCredentialRotationDays", "from 1 to 365")]
    [InlineData("mattermost:databaseCredentialRotationDays: 366", "config.mattermost:databaseCredentialRotationDays", "from 1 to 365")]
    [InlineData("mattermost:logRetentionDays: 10", "config.mattermost:logRetentionDays", "one of 7, 14, 30")]
    [InlineData("mattermost:mattermostVersion: latest", "config.mattermost:mattermostVersion", "MAJOR.MINOR.PATCH")]
    [InlineData("mattermost:alarmTopicArn: topic", "config.mattermost:alarmTopicArn", "arn:aws:sns")]
    [InlineData("mattermost:peakConcurrentUsers: 5000", "config.mattermost:peakConcurrentUsers", "more than mattermost:registeredUsers")]
    [InlineData("mattermost:registeredUser: 5", "config.mattermost:registeredUser", "did you mean mattermost:registeredUsers")]
    [InlineData("mattermost:dbPassword: hunter2", "config.mattermost:dbPassword", "looks like a secret")]
    [InlineData("mattermost:licenseKey: abc", "config.mattermost:licenseKey", "--secret")]
    [InlineData("mattermost:domainName: not a host", "config.mattermost:domainName", "DNS host name")]
    public void Each_bad_value_names_file_key_and_what_is_allowed(string line, string key, string allowed)
    {
        var problems = Problems(TempProject.With(line));
        var p = Assert.Single(problems, p => p.Key == key);
        Assert.Equal("Pulumi.staging.yaml", p.File);
        Assert.Contains(allowed, p.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var problems = Problems("""
            config:
              mattermost:registeredUsers: -3
              mattermost:highAvailability: maybe
              mattermost:tags:
                owner: x
            """);
        Assert.Contains(problems, p => p.Key == "config.mattermost:registeredUsers");
        Assert.Contains(problems, p => p.Key == "config.mattermost:highAvailability");
        Assert.Contains(problems, p => p.Key == "config.mattermost:domainName" && p.Message.StartsWith("is required"));
        Assert.Contains(problems, p => p.Key == "config.mattermost:certificateArn" && p.Message.StartsWith("is required"));
        Assert.Contains(problems, p => p.Key == "config.mattermost:tags.costCentre");
    }

    [Fact]
    public void Certificate_must_be_in_the_stack_region()
    {
        var yaml = TempProject.MinimalStack.Replace("arn:aws:acm:us-east-1:", "arn:aws:acm:eu-west-1:");
        var p = Assert.Single(Problems(yaml));
        Assert.Equal("config.mattermost:certificateArn", p.Key);
        Assert.Contains("must be in the load balancer's region", p.Message);
    }

    [Fact]
    public void Client_cidrs_are_checked_one_by_one()
    {
        var problems = Problems(TempProject.With(
            "mattermost:allowedClientCidrs:",
            "  - 203.0.113.0/24",
            "  - 203.0.113.128/25",
            "  - not-a-cidr",
            "  - 10.20.5.0/24"));
        Assert.Contains(problems, p => p.Key == "config.mattermost:allowedClientCidrs[1]" && p.Message.Contains("overlaps entry [0]"));
        Assert.Contains(problems, p => p.Key == "config.mattermost:allowedClientCidrs[2]" && p.Message.Contains("CIDR block"));
        Assert.Contains(problems, p => p.Key == "config.mattermost:allowedClientCidrs[3]" && p.Message.Contains("overlaps the stack's own VPC"));
    }

    [Fact]
    public void An_empty_client_list_is_refused()
    {
        var p = Assert.Single(Problems(TempProject.With("mattermost:allowedClientCidrs: []")));
        Assert.Contains("nobody could reach the site", p.Message);
    }

    [Fact]
    public void Ipv6_client_cidrs_are_accepted()
    {
        var s = Load(TempProject.With("mattermost:allowedClientCidrs:", "  - 2001:db8::/32", "  - 198.51.100.0/24"));
        Assert.Equal(new[] { "2001:db8::/32", "198.51.100.0/24" }, s.AllowedClientCidrs);
    }

    [Fact]
    public void Secrets_are_accepted_only_as_pulumi_secrets()
    {
        var s = Load(TempProject.With("mattermost:licenseKey:", "  secure: v1:AAAAabc"));
        Assert.Equal("mattermost:licenseKey", s.LicenseKey!.Key);
        var p = Assert.Single(Problems(TempProject.With("mattermost:registeredUsers:", "  secure: v1:AAAA")));
        Assert.Contains("is not a secret", p.Message);
    }

    [Fact]
    public void Burstable_types_are_refused_for_a_cluster()
    {
        var p = Assert.Single(Problems(TempProject.With("mattermost:appInstanceType: t3.large")));
        Assert.Contains("burstable", p.Message);
        Assert.Equal("t3.large", Load(TempProject.With("mattermost:appInstanceType: t3.large", "mattermost:highAvailability: false")).AppInstanceType);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var p = Assert.Single(Problems("config:\n  mattermost:registeredUsers: [1\n  other: 2\n"));
        Assert.Equal("Pulumi.staging.yaml", p.File);
        Assert.Contains("not valid YAML", p.Message);
        Assert.Contains("line", p.Message);
    }

    [Fact]
    public void Missing_stack_file_lists_the_known_stacks()
    {
        using var project = new TempProject(TempProject.MinimalStack, "staging");
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(project.Directory).Load("prod"));
        Assert.Contains("known stacks: staging", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void Overlapping_vpc_ranges_across_stacks_are_refused()
    {
        using var p = new TempProject(TempProject.With("mattermost:vpcCidr: 10.40.0.0/16"), "staging");
        p.WriteStack("production", TempProject.With("mattermost:vpcCidr: 10.40.0.0/17"));
        var e = Assert.Throws<ConfigException>(() => new StackSettingsLoader(p.Directory).LoadAll());
        var problem = Assert.Single(e.Problems);
        Assert.Equal("Pulumi.staging.yaml", problem.File);
        Assert.Contains("overlaps stack 'production'", problem.Message);
    }

    [Fact]
    public void Waivers_bind_with_their_expiry()
    {
        var s = Load(TempProject.With(
            "mattermost:waivers:",
            "  - policy: MM-NET-001",
            "    resources: [loadBalancer]",
            "    reason: internal only",
            "    expires: 2027-01-31"));
        var w = Assert.Single(s.Waivers);
        Assert.Equal("MM-NET-001", w.Policy);
        Assert.Equal(new[] { "loadBalancer" }, w.Resources);
        Assert.Equal(new DateOnly(2027, 1, 31), w.Expires);
        var p = Assert.Single(Problems(TempProject.With("mattermost:waivers:", "  - policy: X", "    resources: [a]", "    expires: soon")));
        Assert.Equal("config.mattermost:waivers[0].expires", p.Key);
    }

    [Theory]
    [MemberData(nameof(Repo.Stacks), MemberType = typeof(Repo))]
    public void The_repository_stacks_load(string stack)
    {
        var s = Repo.Settings(stack);
        Assert.Equal(stack, s.Stack);
        Assert.Equal("mattermost-infra", s.ProjectName);
    }
}
