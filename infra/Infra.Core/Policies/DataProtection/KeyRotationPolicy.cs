using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Policies.Model;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.DataProtection;

/// <summary>MM-DATA-002: customer-managed symmetric keys rotate automatically.</summary>
public sealed class KeyRotationPolicy : DataProtectionPolicyBase
{
    public override string Id => "MM-DATA-002";
    public override string Name => "KMS key rotation on";
    public override Severity Severity => Severity.Medium;
    public override ImmutableArray<string> Controls => ["KMS.4", "CIS 3.6"];
    public override string HelpUri => Fsbp("kms", "kms-4");

    public override string Guideline => "Set enableKeyRotation true on every symmetric customer-managed key (AWS rotates the key material yearly by default).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var keys = ctx.Facts.OfTypes(AwsTypes.KmsKey).ToList();
        if (keys.Count == 0) { yield return Finding.NotApplicable("(stack)", "no KMS keys"); yield break; }
        foreach (var k in keys)
        {
            var spec = Text(k.Properties["customerMasterKeySpec"]) ?? Text(k.Properties["keySpec"]) ?? "SYMMETRIC_DEFAULT";
            if (spec != "SYMMETRIC_DEFAULT") { yield return Finding.NotApplicable(k.Name, $"{spec} keys cannot rotate automatically"); continue; }
            yield return Finding.Check(Bool(k.Properties["enableKeyRotation"]) == true, k.Name, k.Type, "rotation on", "enableKeyRotation is not true");
        }
    }
}
