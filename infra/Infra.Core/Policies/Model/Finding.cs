using System.Collections.Immutable;

namespace Infra.Core.Policies.Model;

/// <summary>
/// What a policy found about one resource, before waivers: pass, fail or not applicable, and why.
/// <paramref name="Controls"/> narrows the policy's controls when a finding concerns only some of them (an
/// encryption table row for S3 maps to S3.17, not to RDS.3); null means all of the policy's controls, and
/// an empty list means none (the finding is reported under "no control mapping").
/// </summary>
public sealed record Finding(string Resource, string ResourceType, Outcome Outcome, string Message, ImmutableArray<string>? Controls = null)
{
    private static ImmutableArray<string>? Narrow(string[] controls) => controls.Length == 0 ? null : [.. controls];

    public static Finding Pass(string resource, string type, string message, params string[] controls) =>
        new(resource, type, Outcome.Pass, message, Narrow(controls));

    public static Finding Fail(string resource, string type, string message, params string[] controls) =>
        new(resource, type, Outcome.Fail, message, Narrow(controls));

    public static Finding NotApplicable(string resource, string message) =>
        new(resource, "", Outcome.NotApplicable, message);

    public static Finding Check(bool ok, string resource, string type, string pass, string fail, params string[] controls) =>
        ok ? Pass(resource, type, pass, controls) : Fail(resource, type, fail, controls);

    /// <summary>This finding maps to none of the policy's controls.</summary>
    public Finding WithoutControls() => this with { Controls = ImmutableArray<string>.Empty };
}
