using System.Collections.Immutable;
using System.Globalization;
using Infra.Core.Components;
using Infra.Core.Graph;

namespace Infra.Core.Diff;

/// <summary>
/// Engine and platform versions that the provider updates in place but that AWS treats as more than a property:
/// a major PostgreSQL upgrade is one-way and takes the cluster down, a minor one restarts it, a lower version
/// cannot be reached at all; EKS moves one Kubernetes minor version at a time and never back. What this adds to a
/// change: warnings for the reviewer, or a replacement where AWS refuses the in-place update.
/// </summary>
public static class VersionChanges
{
    // Sources, read for this table.
    private const string AuroraUpgrade = "docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_UpgradeDBInstance.PostgreSQL.html "
        + "(major upgrades are manual, can break compatibility, and take the cluster offline; minor upgrades patch in place)";
    private const string ModifyDbCluster = "RDS API ModifyDBCluster (EngineVersion: \"changing this parameter results in an outage\", applied in the "
        + "next maintenance window unless ApplyImmediately; AllowMajorVersionUpgrade must be enabled for another major version; "
        + "DBInstanceParameterGroupName names the instances' group for a major upgrade)";
    private const string NoDowngrade = "RDS DescribeDBEngineVersions (ValidUpgradeTarget lists only higher versions: an engine is never "
        + "downgraded in place, and a snapshot restores only to its own or a higher version)";
    private const string EksUpdate = "docs.aws.amazon.com/eks/latest/userguide/update-cluster.html (one minor version at a time; a cluster "
        + "cannot be downgraded)";

    /// <summary>What a version change adds: a reason to replace (when AWS refuses it in place) and warnings.</summary>
    /// <param name="Path">The version input, when the review replaces the resource.</param>
    public sealed record Review(string? ReplaceReason, string? RootWhy, ImmutableArray<string> Warnings, string? Path = null);

    /// <summary>Reviews the version inputs of a resource; <paramref name="replaced"/> holds the resources already known to be replaced.</summary>
    public static Review? For(ResourceNode old, ResourceNode now, IReadOnlySet<string> replaced) => now.Type switch
    {
        AwsTypes.DbCluster => AuroraCluster(old, now, replaced),
        AwsTypes.EksCluster => Eks(old, now),
        _ => null,
    };

    private static Review? AuroraCluster(ResourceNode old, ResourceNode now, IReadOnlySet<string> replaced)
    {
        if (Text(old.Properties, "engineVersion") is not { } from || Text(now.Properties, "engineVersion") is not { } to || from == to) return null;
        if (Parse(from) is not { } a || Parse(to) is not { } b) return null;
        var engine = Text(now.Properties, "engine") == "aurora-postgresql" ? "Aurora PostgreSQL" : "the engine";
        if (Compare(b, a) < 0)
            return new Review(
                $"{engine} cannot be downgraded in place ({from} -> {to}): AWS only upgrades an engine, and a snapshot cannot be restored to a lower version; "
                + $"going back means a new cluster loaded from a logical dump (pg_dump), and the provider would try an in-place update, which AWS refuses [{NoDowngrade}]",
                $"engineVersion lowered from {from} to {to}", [], "engineVersion");

        var when = Flag(now.Properties, "applyImmediately")
            ? "during the deployment (applyImmediately)"
            : $"in the next maintenance window ({Text(now.Properties, "preferredMaintenanceWindow") ?? "the cluster's"}, UTC), because the cluster does not set applyImmediately";
        var warnings = new List<string>();
        if (a[0] != b[0])
        {
            warnings.Add($"major version upgrade of {engine} {from} -> {to}: one-way (there is no downgrade; only a snapshot taken before it, restored "
                + $"into a new cluster, brings {a[0]} back), with an outage while the writer and every reader are upgraded together (the instances' engineVersion follows the cluster's); "
                + $"test the application on a restored copy first. Applied {when} [{AuroraUpgrade}; {ModifyDbCluster}]");
            warnings.Add(Flag(now.Properties, "allowMajorVersionUpgrade")
                ? "allowMajorVersionUpgrade is true, so AWS accepts the major upgrade"
                : "AWS refuses this upgrade: the cluster does not set allowMajorVersionUpgrade to true");
            var groups = new[] { "dbClusterParameterGroupName", "dbInstanceParameterGroupName" }
                .Select(p => now.Properties[p] is RefValue r ? r.Resource : null)
                .OfType<string>().Distinct().ToList();
            var renewed = groups.Where(replaced.Contains).ToList();
            if (renewed.Count > 0)
                warnings.Add($"order: the new parameter groups ({string.Join(", ", renewed)}) are created first (their family follows the major version, "
                    + "and Pulumi replaces create-before-delete), the cluster's upgrade switches to them, and the old groups are deleted last, when nothing uses them");
            if (now.Properties["dbInstanceParameterGroupName"] is null)
                warnings.Add("the cluster does not name dbInstanceParameterGroupName: AWS refuses a major upgrade of instances that use a custom parameter group "
                    + "unless the request names the new one");
        }
        else
        {
            warnings.Add($"minor version upgrade of {engine} {from} -> {to}: in place, with a short restart of the instances (a brief outage; "
                + $"Aurora patches without dropping connections where it can). Applied {when} [{AuroraUpgrade}]");
        }
        return new Review(null, null, [.. warnings]);
    }

    private static Review? Eks(ResourceNode old, ResourceNode now)
    {
        if (Text(old.Properties, "version") is not { } from || Text(now.Properties, "version") is not { } to || from == to) return null;
        if (Parse(from) is not { Length: >= 2 } a || Parse(to) is not { Length: >= 2 } b || a[0] != b[0]) return null;
        if (b[1] < a[1])
            return new Review($"EKS cannot downgrade Kubernetes ({from} -> {to}): only a new cluster runs {to}, and the provider would try an in-place "
                + $"update, which EKS refuses [{EksUpdate}]", $"version lowered from {from} to {to}", [], "version");
        if (b[1] > a[1] + 1)
            return new Review(null, null, [$"EKS refuses {from} -> {to}: it upgrades one minor version at a time; deploy {a[0]}.{a[1] + 1} first [{EksUpdate}]"]);
        return new Review(null, null, [$"Kubernetes upgrade {from} -> {to} of the control plane: in place and one-way (no downgrade); check the workloads "
            + $"and add-ons against {to} first; the node groups follow [{EksUpdate}]"]);
    }

    private static string? Text(MapValue m, string key) => m[key] is StringValue s ? s.Text : null;

    private static bool Flag(MapValue m, string key) => m[key] is BoolValue { Flag: true } or StringValue { Text: "true" };

    private static int[]? Parse(string version)
    {
        var parts = version.Split('.');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
        return numbers;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }
}
