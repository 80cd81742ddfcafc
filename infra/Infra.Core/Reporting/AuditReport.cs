using System.Collections.Immutable;
using Infra.Core.Policies.Controls;
using Infra.Core.Policies.Evaluation;
using Infra.Core.Policies.Model;

namespace Infra.Core.Reporting;

/// <summary>
/// What every audit renderer reads: the pack, one audit per stack (or input file), and the command that
/// produced it. Holds no timestamps or machine paths, so a report can be committed and diffed.
/// </summary>
public sealed record AuditReport(IReadOnlyList<Policy> Pack, ImmutableArray<StackAudit> Stacks, string Command)
{
    public int MandatoryFailures => Stacks.Sum(s => s.MandatoryFailures(Pack));

    public bool Passed => MandatoryFailures == 0;

    public Policy PolicyOf(PolicyResult r) => Pack.First(p => p.Id == r.PolicyId);

    public bool IsMandatoryFailure(PolicyResult r) => r.Outcome == Outcome.Fail && PolicyOf(r).IsMandatory;

    /// <summary>Every control the pack maps to, then the catalogue's other controls, in catalogue order.</summary>
    public IReadOnlyList<Control> Controls
    {
        get
        {
            var mapped = Pack.SelectMany(p => p.Controls).ToHashSet(StringComparer.Ordinal);
            return [.. ControlCatalog.All.Where(c => mapped.Contains(c.Id) || c.NotEvaluated is not null)];
        }
    }

    public static string OutcomeText(Outcome o) => o switch
    {
        Outcome.Pass => "pass",
        Outcome.Fail => "fail",
        Outcome.Waived => "waived",
        _ => "not applicable",
    };

    public string Verdict(StackAudit s)
    {
        var mandatory = s.MandatoryFailures(Pack);
        var advisory = s.Count(Outcome.Fail) - mandatory;
        return mandatory > 0
            ? $"FAIL: {mandatory} mandatory failure(s){(advisory > 0 ? $", {advisory} advisory" : "")}"
            : $"PASS: every mandatory policy passes{(advisory > 0 ? $" ({advisory} advisory finding(s))" : "")}";
    }
}
