using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>One customer-managed key per concern, rotated yearly, so that access to data is granted per concern.</summary>
public static class KmsKeys
{
    public static string Add(ComponentScope c, EnvironmentBlueprint bp, string name, string purpose, Value? policy = null)
    {
        c.Add(name, AwsTypes.KmsKey, V.Map(
            ("description", $"{bp.Prefix}: {purpose}"),
            ("enableKeyRotation", true),
            ("deletionWindowInDays", 30),
            ("policy", policy),
            ("tags", Tagging.Tags(bp, name))),
            $"customer-managed key for {purpose}, rotated automatically (FSBP KMS.4, CIS 3.6); 30-day deletion window",
            Stateful(bp));
        c.Add(name + "Alias", AwsTypes.KmsAlias, V.Map(
            ("name", $"alias/{bp.Prefix}-{name}"),
            ("targetKeyId", V.Ref(name, "keyId"))),
            $"readable name for the {purpose} key");
        return name;
    }

    /// <summary>Options for resources whose deletion loses data: protected in production, retained where the stack asks.</summary>
    public static NodeOptions Stateful(EnvironmentBlueprint bp, NodeOptions? options = null) =>
        (options ?? NodeOptions.None) with { Protect = bp.ProtectStateful, RetainOnDelete = bp.Settings.RetainOnDelete };
}
