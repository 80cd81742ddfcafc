using System.Collections.Immutable;
using Infra.Core.Components;
using Infra.Core.Graph;
using Infra.Core.Policies.Model;
using Infra.Core.Policies.Support;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.ComputeIdentity;

/// <summary>MM-CMP-001: instances, launch templates and EKS node groups require IMDSv2 (session tokens) with a hop limit of 1.</summary>
public sealed class ImdsV2Policy : ComputeIdentityPolicyBase
{
    public override string Id => "MM-CMP-001";
    public override string Name => "IMDSv2 required";
    public override Severity Severity => Severity.High;
    public override ImmutableArray<string> Controls => ["EC2.8", "EC2.170", "AutoScaling.3", "AutoScaling.4", "CIS 5.6"];
    public override string HelpUri => Fsbp("ec2", "ec2-8");

    public override string Guideline =>
        "Set metadataOptions.httpTokens = required on every launch template and instance (and give EKS node groups a launch template that " +
        "does), so that a server-side request forgery cannot read the role's credentials from the metadata service. Keep " +
        "httpPutResponseHopLimit at 1 (AutoScaling.4): on EKS a hop limit of 2 lets every pod reach the metadata service and act as the " +
        "node's role, around the pods' own IRSA roles (security-baseline.md §1.2, IMDS on EKS).";

    public override IEnumerable<Finding> Evaluate(PolicyContext ctx)
    {
        var any = false;
        foreach (var n in ctx.Facts.OfTypes(AwsTypes.LaunchTemplate, Types.Ec2Instance))
        {
            any = true;
            var problem = Problem(n);
            var hops = Number(n.Properties.At("metadataOptions.httpPutResponseHopLimit"));
            yield return Finding.Check(problem is null, n.Name, n.Type, $"httpTokens required{(hops is null ? "" : $", hop limit {hops}")}", problem ?? "");
        }
        foreach (var ng in ctx.Facts.OfTypes(AwsTypes.EksNodeGroup))
        {
            any = true;
            var lt = ctx.Facts.Target(ng.Properties.At("launchTemplate.id")) ?? ctx.Facts.Target(ng.Properties.At("launchTemplate.name"));
            if (lt is null) yield return Finding.Fail(ng.Name, ng.Type, "no launch template of this program: the nodes' metadata settings are not declared (EKS defaults to a hop limit of 2)");
            else if (Problem(lt) is { } problem) yield return Finding.Fail(ng.Name, ng.Type, $"launch template {lt.Name}: {problem}, and its pods share the node's metadata service");
            else yield return Finding.Pass(ng.Name, ng.Type, $"launch template {lt.Name} requires IMDSv2 with hop limit {Show(lt.Properties.At("metadataOptions.httpPutResponseHopLimit") ?? new NumberValue(1))}");
        }
        if (!any) yield return Finding.NotApplicable("(stack)", "no instances, launch templates or node groups");
    }

    /// <summary>What is wrong with a launch template's or instance's metadata options, or null.</summary>
    private static string? Problem(ResourceNode n)
    {
        var problems = new List<string>();
        var tokens = Text(n.Properties.At("metadataOptions.httpTokens"));
        if (tokens != "required") problems.Add($"httpTokens is {tokens ?? "not set (IMDSv1 allowed)"}");
        if (Number(n.Properties.At("metadataOptions.httpPutResponseHopLimit")) is > 1 and var hops)
            problems.Add($"httpPutResponseHopLimit is {hops}, so containers can reach the metadata service");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
