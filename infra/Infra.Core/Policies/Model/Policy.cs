using System.Collections.Immutable;

namespace Infra.Core.Policies.Model;

/// <summary>
/// One rule of the policy pack. Every policy names the controls it maps to (security-baseline.md: AWS
/// FSBP and CIS AWS Foundations v3.0 ids, the Kubernetes baseline) and says how to comply, and evaluates
/// only the graph and the optional sizing basis in its context.
/// </summary>
public abstract class Policy
{
    /// <summary>Stable id, e.g. MM-NET-001: waivers and reports refer to it.</summary>
    public abstract string Id { get; }

    public abstract string Name { get; }

    public abstract Severity Severity { get; }

    public virtual Enforcement Enforcement => Enforcement.Mandatory;

    /// <summary>Control ids as in <see cref="Controls.ControlCatalog"/>.</summary>
    public abstract ImmutableArray<string> Controls { get; }

    /// <summary>How to comply, and for an advisory policy why it is advisory.</summary>
    public abstract string Guideline { get; }

    /// <summary>Where the rule comes from: the control's AWS page, Mattermost's docs or the Kubernetes docs.</summary>
    public abstract string HelpUri { get; }

    /// <summary>The group the policy belongs to: sizing, network, data-protection, compute-identity, kubernetes, governance.</summary>
    public abstract string Category { get; }

    public abstract IEnumerable<Finding> Evaluate(PolicyContext context);

    public bool IsMandatory => Enforcement == Enforcement.Mandatory;
}
