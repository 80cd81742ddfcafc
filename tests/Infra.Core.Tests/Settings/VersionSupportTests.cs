using Infra.Core.Planning;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Settings;

/// <summary>Kubernetes and PostgreSQL versions are judged against their support windows on a fixed day, from data with sources.</summary>
public class VersionSupportTests
{
    private static readonly DateOnly IssueDay = new(2026, 12, 7);

    [Fact]
    public void Every_window_names_its_source()
    {
        Assert.All(SupportWindows.Kubernetes, w => Assert.Contains("endoflife.date/amazon-eks", w.Source));
        Assert.All(SupportWindows.Postgres, m =>
        {
            Assert.Contains("aurorapostgresql-release-calendar", m.Aurora.Source);
            Assert.NotEmpty(m.Minors);
            Assert.All(m.Minors, v => Assert.StartsWith(m.Major + ".", v.Version));
            Assert.All(m.Minors, v => Assert.False(string.IsNullOrWhiteSpace(v.Source)));
        });
    }

    [Fact]
    public void The_kubernetes_versions_the_key_accepts_all_have_a_window()
    {
        var key = ConfigKeys.Find("mattermost:kubernetesVersion")!;
        Assert.All(key.Choices!, v => Assert.NotNull(SupportWindows.KubernetesWindow(v)));
    }

    [Theory]
    [InlineData("1.34", "2026-12-02", true)]
    [InlineData("1.34", "2026-12-03", false)]
    [InlineData("1.35", "2027-03-27", true)]
    [InlineData("1.35", "2027-03-28", false)]
    [InlineData("1.33", "2026-12-07", false)]
    public void A_kubernetes_version_is_refused_from_the_day_after_its_standard_support(string version, string day, bool ok)
    {
        var problem = VersionSupport.KubernetesProblem(version, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ok, problem is null);
        if (!ok) Assert.Contains($"Kubernetes {version} left EKS standard support on ", problem);
    }

    [Fact]
    public void When_no_known_version_is_supported_the_message_says_to_update_the_data()
    {
        var problem = VersionSupport.KubernetesProblem("1.35", new DateOnly(2027, 6, 1));
        Assert.Contains("no version this tool knows is in standard support on 2027-06-01", problem);
        Assert.Contains("Settings/SupportWindows.cs", problem);
    }

    [Theory]
    [InlineData("16.6", true)]
    [InlineData("16.11", true)]
    [InlineData("17.4", true)]
    [InlineData("15.15", true)]
    [InlineData("16.99", false)]
    [InlineData("16.0", false)] // retired by AWS
    [InlineData("16.5", false)] // never an Aurora release: Aurora went from 16.4 to 16.6
    [InlineData("17.1", false)] // Aurora's first 17 was 17.4
    public void Only_released_aurora_minor_versions_are_accepted(string version, bool ok) =>
        Assert.Equal(ok, VersionSupport.PostgresProblem(version, IssueDay) is null);

    [Fact]
    public void A_postgres_major_is_refused_after_auroras_standard_support()
    {
        Assert.Null(VersionSupport.PostgresProblem("15.8", new DateOnly(2028, 2, 29)));
        var problem = VersionSupport.PostgresProblem("15.8", new DateOnly(2028, 3, 1));
        Assert.Contains("Aurora PostgreSQL 15 left standard support on 2028-02-29", problem);
        Assert.Contains("upgrade to 16.11 (major 16, supported until 2029-02-28) or 17.7 (major 17", problem);
    }

    [Fact]
    public void Unconfirmed_community_dates_are_shown_in_the_data_but_not_enforced()
    {
        var m15 = SupportWindows.PostgresMajorOf("15.8")!;
        Assert.False(m15.CommunityEndOfLife!.Confirmed);
        Assert.Null(VersionSupport.PostgresProblem("15.8", m15.CommunityEndOfLife.StandardSupportEnds.AddDays(1)));
    }

    [Fact]
    public void The_planner_refuses_with_file_and_key_and_plans_on_the_last_supported_day()
    {
        using var p = new TempProject(TempProject.With("mattermost:kubernetesVersion: '1.34'"), stack: "production");
        var e = Assert.Throws<ConfigException>(() => new Planner(p.Directory, IssueDay).Plan("production"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("Pulumi.production.yaml", problem.File);
        Assert.Equal("config.mattermost:kubernetesVersion", problem.Key);
        Assert.NotNull(new Planner(p.Directory, new DateOnly(2026, 12, 2)).Plan("production"));
    }

    [Fact]
    public void The_vm_tier_does_not_judge_the_kubernetes_version_it_does_not_use()
    {
        // A stack file may not name the other tier's settings (the strict reader), but a project-wide value in
        // Pulumi.yaml applies to the stacks of either tier: there the VM tier must not judge it.
        using var p = new TempProject(TempProject.With("mattermost:appTier: vm"), stack: "production",
            projectYaml: TempProject.ProjectYaml + "\n  mattermost:kubernetesVersion:\n    value: '1.34'\n");
        Assert.NotNull(new Planner(p.Directory, IssueDay).Plan("production"));
    }

    [Fact]
    public void The_committed_stacks_are_supported_on_the_issue_day() =>
        Assert.All(new Planner(Repo.Root, IssueDay).PlanAll(), p => Assert.Empty(VersionSupport.Check(p.Settings, IssueDay)));
}
