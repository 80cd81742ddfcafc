namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>Common ground of the compute and identity policies.</summary>
public abstract class ComputeIdentityPolicyBase : Model.Policy
{
    public override string Category => "compute-identity";

    protected static string Fsbp(string page, string anchor) => $"https://docs.aws.amazon.com/securityhub/latest/userguide/{page}-controls.html#{anchor}";
}
