namespace Infra.Core.Policies.DataProtection;

/// <summary>Common ground of the data-protection policies.</summary>
public abstract class DataProtectionPolicyBase : Model.Policy
{
    public override string Category => "data-protection";

    protected static string Fsbp(string page, string anchor) => $"https://docs.aws.amazon.com/securityhub/latest/userguide/{page}-controls.html#{anchor}";
}
