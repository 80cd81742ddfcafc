using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>MM-CMP-001: instances and launch templates require IMDSv2 (session tokens).</summary>
public sealed class ImdsV2Policy : ComputeIdentityPolicyBase
{
    public override string Id => "MM-CMP-001";
    public override string Name => "IMDSv2 required";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.8", "EC2.170", "AutoScaling.3", "CIS 5.6"];
    public override string HelpUri => Fsbp("ec2", "ec2-8");

    public override string Guideline =>
        "Set metadataOptions.httpTokens = required on every launch template and instance (and give EKS node groups a launch template that " +
        "does), so that a server-side request forgery cannot read the role's credentials from the metadata service. Keep the hop limit at 1 " +
        "unless pods need it, and use IAM roles for service accounts on EKS.";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var n in ctx.Facts.OfTypes(AwsTypes.LaunchTemplate, Types.Ec2Instance))
        {
            any = true;
            var tokens = Text(n.Properties.At("metadataOptions.httpTokens"));
            var hops = Number(n.Properties.At("metadataOptions.httpPutResponseHopLimit"));
            yield return Finding.Check(tokens == "required", n.Name, n.Type,
                $"httpTokens required{(hops is null ? "" : $", hop limit {hops}")}",
                $"httpTokens is {tokens ?? "not set (IMDSv1 allowed)"}");
        }
        foreach (var ng in ctx.Facts.OfTypes(AwsTypes.EksNodeGroup))
        {
            any = true;
            var lt = ctx.Facts.Target(ng.Properties.At("launchTemplate.id")) ?? ctx.Facts.Target(ng.Properties.At("launchTemplate.name"));
            if (lt is null) yield return Finding.Fail(ng.Name, ng.Type, "no launch template of this program: the nodes' metadata settings are not declared");
            else yield return Finding.Check(Text(lt.Properties.At("metadataOptions.httpTokens")) == "required", ng.Name, ng.Type,
                $"launch template {lt.Name} requires IMDSv2", $"launch template {lt.Name} does not require IMDSv2");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no instances, launch templates or node groups");
    }
}
