namespace Infra.Core.Diff;

/// <summary>When a change to a property makes the provider replace the resource instead of updating it.</summary>
public enum ReplaceWhen
{
    /// <summary>Any change of the value, including setting or removing it (Terraform <c>ForceNew</c>).</summary>
    Changed,

    /// <summary>Only removing a value that was set (e.g. EKS envelope encryption cannot be switched off).</summary>
    Removed,

    /// <summary>Adding or removing the block, not editing inside it.</summary>
    AddedOrRemoved,

    /// <summary>A flag going from true to false (encryption cannot be switched off in place).</summary>
    Disabled,

    /// <summary>The provider decides at preview time (e.g. an engine upgrade that is not in-place compatible).</summary>
    MayReplace,

    /// <summary>
    /// The input places the resource in a VPC (its subnets or security groups). The provider updates it in place,
    /// which works inside the VPC; but AWS cannot move the resource to another VPC, so when what the input takes
    /// moves to a new VPC (the VPC is replaced) the resource has to be replaced too.
    /// </summary>
    AnotherVpc,
}

/// <summary>
/// One replace-on-change fact: a property path (Pulumi input names, dot-separated, list indices ignored),
/// when a change to it replaces the resource, and where that knowledge comes from.
/// </summary>
public sealed record ReplaceRule(string Path, ReplaceWhen When, string Source)
{
    public string[] Segments { get; } = Path.Split('.');

    public string Describe() => When switch
    {
        ReplaceWhen.Changed => $"changing {Path} forces replacement",
        ReplaceWhen.Removed => $"removing {Path} forces replacement",
        ReplaceWhen.AddedOrRemoved => $"adding or removing {Path} forces replacement",
        ReplaceWhen.Disabled => $"switching {Path} off forces replacement",
        ReplaceWhen.AnotherVpc => $"AWS cannot move it to another VPC in place, so it has to be replaced (the provider would try an update of {Path}, which AWS refuses)",
        _ => $"changing {Path} may force replacement (the provider decides at preview)",
    };
}
