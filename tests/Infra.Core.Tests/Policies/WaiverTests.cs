using Infra.Core.Policies;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;
using Infra.Core.Settings;
using Infra.Core.Tests.Support;
using static Infra.Core.Tests.Policies.TestGraphs;

namespace Infra.Core.Tests.Policies;

/// <summary>Waivers turn a failure into "waived" only while they are explained, current and precise; otherwise they fail MM-GOV-001.</summary>
public class WaiverTests
{
    // The production stack with its writer made public: MM-NET-002 fails on databaseWriter.
    private static readonly Infra.Core.Graph.ResourceGraph Broken = With(Repo.Plan("production").Graph, "databaseWriter", "publiclyAccessible", true);

    private static StackAudit Audit(DateOnly today, params Waiver[] waivers) =>
        PolicyEvaluator.Evaluate(PolicyPack.Default, new PolicyContext(Broken, SizingBasis.From(Repo.Plan("production")), today, waivers, EnvironmentKind.Production), "Pulumi.production.yaml");

    private static Waiver Public(string reason = "migration window agreed with security", DateOnly? expires = null, string resource = "databaseWriter", string policy = "MM-NET-002") =>
        new(policy, [resource], reason, expires ?? new DateOnly(2026, 10, 1));

    private static PolicyResult Writer(StackAudit a) => a.Results.Single(r => r.PolicyId == "MM-NET-002" && r.Resource == "databaseWriter");

    [Fact]
    public void A_valid_waiver_marks_the_failure_waived_and_keeps_it_in_the_results()
    {
        var audit = Audit(Today, Public());

        var r = Writer(audit);
        Assert.Equal(Outcome.Waived, r.Outcome);
        Assert.Contains("publiclyAccessible is true", r.Message);
        Assert.Contains("waived until 2026-10-01: migration window agreed with security", r.Message);
        Assert.Equal(0, audit.MandatoryFailures(PolicyPack.Default));
        Assert.Contains(audit.Results, x => x.PolicyId == "MM-GOV-001" && x.Outcome == Outcome.Pass);
    }

    [Fact]
    public void A_waiver_is_valid_through_its_expiry_date_and_not_a_day_after()
    {
        var expires = new DateOnly(2026, 10, 1);
        Assert.Equal(Outcome.Waived, Writer(Audit(expires, Public(expires: expires))).Outcome);

        var dayAfter = Audit(expires.AddDays(1), Public(expires: expires));
        Assert.Equal(Outcome.Fail, Writer(dayAfter).Outcome);
        var gov = dayAfter.Results.Single(x => x.PolicyId == "MM-GOV-001");
        Assert.Equal(Outcome.Fail, gov.Outcome);
        Assert.Contains("expired on 2026-10-01", gov.Message);
        Assert.Equal("mattermost:waivers[0]", gov.Resource);
    }

    [Theory]
    [InlineData("", "2026-10-01", "databaseWriter", "MM-NET-002", "gives no reason")]
    [InlineData("ok", null, "databaseWriter", "MM-NET-002", "has no expiry date")]
    [InlineData("ok", "2026-10-01", "noSuchResource", "MM-NET-002", "covers noSuchResource, which the stack does not have")]
    [InlineData("ok", "2026-10-01", "databaseWriter", "MM-NET-999", "names MM-NET-999, which is not a policy of this pack")]
    [InlineData("ok", "2026-10-01", "mattermost:waivers[0]", "MM-GOV-001", "MM-GOV-001 cannot be waived")]
    public void An_invalid_waiver_waives_nothing_and_fails_the_waiver_policy(string reason, string? expires, string resource, string policy, string problem)
    {
        var w = new Waiver(policy, [resource], reason, expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture));
        var audit = Audit(Today, w);

        Assert.Equal(Outcome.Fail, Writer(audit).Outcome);
        var gov = audit.Results.Single(x => x.PolicyId == "MM-GOV-001");
        Assert.Equal(Outcome.Fail, gov.Outcome);
        Assert.Contains(problem, gov.Message);
        Assert.True(audit.MandatoryFailures(PolicyPack.Default) >= 2);
    }

    [Fact]
    public void A_waiver_covers_only_the_resources_it_names()
    {
        var audit = Audit(Today, Public(resource: "databaseReader1"));
        Assert.Equal(Outcome.Fail, Writer(audit).Outcome);
    }

    [Fact]
    public void Waivers_from_a_stack_file_reach_the_check()
    {
        using var p = new TempProject(TempProject.With(
            "mattermost:waivers:",
            "  - policy: MM-NET-012",
            "    resources: [databaseCluster]",
            "    reason: every Mattermost example uses 5432",
            "    expires: 2026-12-31"), "staging");
        var plan = new Infra.Core.Planning.Planner(p.Directory).Plan("staging");
        var audit = PolicyEvaluator.Evaluate(PolicyPack.Default, PolicyContext.For(plan, Today), "Pulumi.staging.yaml");

        var port = audit.Results.Single(r => r.PolicyId == "MM-NET-012");
        Assert.Equal(Outcome.Waived, port.Outcome);
        Assert.Equal("every Mattermost example uses 5432", port.Waiver!.Reason);
    }
}
