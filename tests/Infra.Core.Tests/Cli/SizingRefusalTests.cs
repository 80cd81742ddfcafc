using Infra.Cli;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Cli;

/// <summary>`plan` refuses a load no plan fits (exit 2, the largest load that plans), warns about a component below its load, and judges versions on --today.</summary>
public class SizingRefusalTests
{
    private static (int Code, string Out, string Err) Run(string dir, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e, dir);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void A_load_beyond_the_clouds_limits_exits_2_with_the_largest_load_and_writes_nothing()
    {
        using var p = new TempProject(TempProject.With("mattermost:registeredUsers: 5000000"), stack: "production");
        var target = Path.Combine(p.Directory, "plan.yaml");
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "production", "--today", "2026-12-07", "--format", "pulumi-yaml", "--out", target);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Pulumi.production.yaml: config.mattermost:registeredUsers: no plan fits 5,000,000", err);
        Assert.Contains("The largest load this stack's shape plans with the same settings is mattermost:registeredUsers = ", err);
        Assert.Contains("nothing was written", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_single_node_below_its_load_is_planned_with_a_warning_everywhere()
    {
        // Without high availability one c7i.8xlarge (the largest c7i) is all there is: 40,000 concurrent users are beyond it.
        using var p = new TempProject(TempProject.With("mattermost:registeredUsers: 200000", "mattermost:highAvailability: false",
            "mattermost:appTier: vm", "mattermost:enterpriseSearch: false"), stack: "pilot");
        var (code, output, err) = Run(p.Directory, "plan", "--stack", "pilot", "--today", "2026-12-07", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("warning: the app tier is below its load", err);
        Assert.Contains("> [!WARNING]\n> the app tier is below its load: 1 x c7i.8xlarge", output);
        Assert.Contains("set mattermost:highAvailability to true", output);

        var (_, text, textErr) = Run(p.Directory, "plan", "--stack", "pilot", "--today", "2026-12-07");
        Assert.Contains("WARNING", text);
        Assert.Contains("the app tier is below its load", text);
        Assert.Equal("", textErr); // the text plan on screen already shows it

        var (_, json, _) = Run(p.Directory, "plan", "--stack", "pilot", "--today", "2026-12-07", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Contains("the app tier is below its load", Assert.Single(doc.RootElement.GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public void A_plan_inside_its_load_has_no_warning()
    {
        var (code, _, err) = Run(Repo.Root, "plan", "--stack", "production", "--today", "2026-12-07", "--format", "json");
        Assert.Equal(0, code);
        // Production plans no licence (a committed stack file cannot hold one), which is warned about; nothing is below its load.
        Assert.DoesNotContain("below its load", err);
        Assert.DoesNotContain(err.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal) && !l.Contains("mattermost:licenseKey", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-12-07", 2)] // the day the issue was filed: standard support ended on 2026-12-02
    [InlineData("2026-12-02", 0)] // its last day
    public void Kubernetes_1_34_is_judged_on_the_day_given(string today, int expected)
    {
        using var p = new TempProject(TempProject.With("mattermost:kubernetesVersion: '1.34'"), stack: "production");
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "production", "--today", today, "--format", "json");
        Assert.Equal(expected, code);
        if (expected == 2)
        {
            Assert.Contains("Pulumi.production.yaml: config.mattermost:kubernetesVersion: Kubernetes 1.34 left EKS standard support on 2026-12-02", err);
            Assert.Contains("use 1.35 (standard support until 2027-03-27)", err);
            Assert.Contains("endoflife.date/amazon-eks", err);
        }
    }

    [Fact]
    public void A_postgres_version_aws_never_released_is_refused_listing_the_real_ones()
    {
        using var p = new TempProject(TempProject.With("mattermost:postgresVersion: '16.99'"), stack: "production");
        var (code, _, err) = Run(p.Directory, "plan", "--stack", "production", "--today", "2026-12-07");
        Assert.Equal(2, code);
        Assert.Contains("config.mattermost:postgresVersion: '16.99' is not an Aurora PostgreSQL 16 version; the known ones are 16.1,", err);
        Assert.Contains("16.11", err);
    }

    [Fact]
    public void Today_must_be_a_date()
    {
        var (code, _, err) = Run(Repo.Root, "plan", "--today", "yesterday");
        Assert.Equal(2, code);
        Assert.Contains("--today must be a date YYYY-MM-DD", err);
    }
}
