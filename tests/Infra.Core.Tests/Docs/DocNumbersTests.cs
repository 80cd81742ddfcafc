using System.Globalization;
using System.Text.RegularExpressions;
using Infra.Core.Sizing;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Docs;

/// <summary>The numbers the pages quote from the committed stacks' plans are the plans' numbers.</summary>
public class DocNumbersTests
{
    private static string Flat(string page) => Regex.Replace(DocPages.Read(page), @"\s+", " ");

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public void The_largest_loads_on_the_sizing_page_are_what_each_stacks_shape_plans()
    {
        var text = Flat("docs/sizing.md");
        // The bisection searches below the stack's own value: start it from the most registered users a stack may set.
        var most = (int)Infra.Core.Settings.ConfigKeys.Find("mattermost:registeredUsers")!.Max;
        string Largest(string stack) => N(SizingLimits.LargestSupportedLoad(SizingLimits.WithLoad(Repo.Settings(stack), most))!.Value);
        Assert.Contains($"the pilot's shape {Largest("pilot")} registered users", text);
        Assert.Contains($"staging's {Largest("staging")}", text);
        Assert.Contains($"production's {Largest("production")}", text);
    }

    [Fact]
    public void Productions_pods_and_nodes_on_the_kubernetes_page_are_the_plans()
    {
        var k = Repo.Plan("production").Blueprint.Sizing.Kubernetes!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"Production: {k.Replicas} pods of {k.PodCpuRequestMillicores}m on {k.TotalNodes} x {k.NodeInstanceType}, {k.NodeToRequestRatio:0.00} node vCPU per requested vCPU (${k.NodeMonthlyUsd:0} a month of nodes"),
            Flat("docs/kubernetes-tier.md"));
    }

    [Fact]
    public void Productions_database_on_the_policies_page_is_the_plans()
    {
        var plan = Repo.Plan("production");
        var db = plan.Blueprint.Sizing.Database;
        Assert.Contains($"(production: {db.Instances} × {db.InstanceClass} over {plan.Settings.AvailabilityZoneCount} zones, {db.InstancesAfterZoneLoss} left after a zone loss)",
            Flat("docs/policies.md"));
    }
}
