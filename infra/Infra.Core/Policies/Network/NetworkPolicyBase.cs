namespace Infra.Core.Policies.Network;

/// <summary>Common ground of the network policies.</summary>
public abstract class NetworkPolicyBase : Model.Policy
{
    public override string Category => "network";

    protected static string Fsbp(string page, string anchor) => $"https://docs.aws.amazon.com/securityhub/latest/userguide/{page}-controls.html#{anchor}";
}
