using System.Globalization;
using Infra.Core.Graph;
using static Infra.Core.Policies.Support.ValueRead;

namespace Infra.Core.Policies.Support;

/// <summary>A Kubernetes object the graph declares, and the graph node that declares it.</summary>
public sealed record KubeObject(ResourceNode Node, string ApiVersion, string Kind, MapValue Object)
{
    public string Name => Text(Object.At("metadata.name")) ?? Node.Name;

    public string? Namespace => Text(Object.At("metadata.namespace"));

    public MapValue Spec => Object["spec"] as MapValue ?? MapValue.Empty;
}

/// <summary>
/// Finds Kubernetes objects wherever the graph holds them: typed resources (<c>kubernetes:core/v1:Namespace</c>,
/// whose properties are the object) and the <c>objs</c> of a <c>kubernetes:yaml/v2:ConfigGroup</c>, which is
/// how a Pulumi YAML program declares a custom resource such as the operator's <c>Mattermost</c>.
/// </summary>
public static class KubernetesObjects
{
    public const string MattermostApiVersion = "installation.mattermost.com/v1beta1";
    public const string MattermostKind = "Mattermost";

    public static IEnumerable<KubeObject> All(ResourceGraph graph)
    {
        foreach (var n in graph.Nodes)
        {
            if (!n.Type.StartsWith("kubernetes:", StringComparison.Ordinal)) continue;
            if (n.Type == Types.K8sConfigGroup)
            {
                foreach (var o in Items(n.Properties["objs"]).OfType<MapValue>())
                    yield return new KubeObject(n, Text(o["apiVersion"]) ?? "", Text(o["kind"]) ?? "", o);
                continue;
            }
            // The type comes from the token (Graph/KubernetesObjectType), also for a foreign program that leaves
            // apiVersion and kind to Pulumi YAML or an SDK; helm releases and other non-objects have none.
            if (KubernetesObjectType.Of(n.Type) is { } type)
                yield return new KubeObject(n, type.ApiVersion, type.Kind, n.Properties);
        }
    }

    public static IEnumerable<KubeObject> OfKind(ResourceGraph graph, string kind) => All(graph).Where(o => o.Kind == kind);

    public static IEnumerable<KubeObject> Mattermosts(ResourceGraph graph) =>
        All(graph).Where(o => o.Kind == MattermostKind && o.ApiVersion.StartsWith("installation.mattermost.com/", StringComparison.Ordinal));

    /// <summary>
    /// The labels the operator puts on a Mattermost installation's pods (mattermost-operator 07a736bb,
    /// apis/mattermost/v1beta1/mattermost_utils.go MattermostPodLabels): resourceLabels, podTemplate.extraLabels,
    /// then installation.mattermost.com/resource and /installation set to the name, and app=mattermost.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PodLabels(KubeObject mattermost)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(Value? map)
        {
            if (map is MapValue m)
                foreach (var (k, v) in m.Entries)
                    if (Text(v) is { } t) labels[k] = t;
        }
        Add(mattermost.Spec["resourceLabels"]);
        Add(mattermost.Spec.At("podTemplate.extraLabels"));
        labels["installation.mattermost.com/resource"] = mattermost.Name;
        labels["installation.mattermost.com/installation"] = mattermost.Name;
        labels["app"] = "mattermost";
        return labels;
    }

    /// <summary>True when a label selector's matchLabels (and simple In expressions) all hold for the labels.</summary>
    public static bool Selects(Value? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not MapValue s) return false;
        var any = false;
        if (s["matchLabels"] is MapValue ml)
            foreach (var (k, v) in ml.Entries)
            {
                any = true;
                if (!labels.TryGetValue(k, out var have) || have != Text(v)) return false;
            }
        foreach (var e in Items(s["matchExpressions"]).OfType<MapValue>())
        {
            any = true;
            var key = Text(e["key"]) ?? "";
            var values = Texts(e["values"]).ToHashSet(StringComparer.Ordinal);
            var ok = Text(e["operator"]) switch
            {
                "In" => labels.TryGetValue(key, out var v1) && values.Contains(v1),
                "NotIn" => !labels.TryGetValue(key, out var v2) || !values.Contains(v2),
                "Exists" => labels.ContainsKey(key),
                "DoesNotExist" => !labels.ContainsKey(key),
                _ => false,
            };
            if (!ok) return false;
        }
        return any;
    }

    /// <summary>True for an empty selector ({} or no matchLabels/matchExpressions): it selects every pod.</summary>
    public static bool SelectsAll(Value? selector) =>
        selector is MapValue s && (s["matchLabels"] is null or MapValue { Entries.Count: 0 }) && !Items(s["matchExpressions"]).Any();

    /// <summary>A memory quantity in MiB: "3057Mi", "4Gi", "512M" (bytes without a suffix).</summary>
    public static decimal? MiB(Value? quantity)
    {
        var t = Text(quantity);
        if (t is null) return null;
        (string Suffix, decimal Factor)[] units = [("Ki", 1m / 1024), ("Mi", 1m), ("Gi", 1024m), ("Ti", 1024m * 1024), ("k", 1000m / 1048576), ("M", 1_000_000m / 1048576), ("G", 1_000_000_000m / 1048576)];
        foreach (var (suffix, factor) in units)
            if (t.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return v * factor;
        return decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes) ? bytes / 1048576m : null;
    }

    /// <summary>A CPU quantity in cores: "2", "1.5", "1500m".</summary>
    public static decimal? Cores(Value? quantity)
    {
        var t = Text(quantity);
        if (t is null) return null;
        if (t.EndsWith('m') && decimal.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var milli)) return milli / 1000m;
        return decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) ? cores : null;
    }
}
