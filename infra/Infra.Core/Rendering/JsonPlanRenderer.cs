using System.Text;
using System.Text.Json;
using Infra.Core.Graph;
using Infra.Core.Planning;
using Infra.Core.Sizing;

namespace Infra.Core.Rendering;

/// <summary>
/// The machine-readable plan: settings summary, every sizing number with its reason, and the full graph.
/// Deterministic (graph order, sorted keys, no timestamps or paths), so it can be committed and diffed.
/// </summary>
public sealed class JsonPlanRenderer
{
    public const int FormatVersion = 1;

    public string Render(StackPlan plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonValueWriter.Options))
        {
            var s = plan.Settings;
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("project", s.ProjectName);
            w.WriteString("stack", s.Stack);
            w.WriteString("environment", s.Environment.ToString().ToLowerInvariant());
            w.WriteString("region", s.Region);
            w.WriteString("appTier", s.AppTier.ToString().ToLowerInvariant());
            w.WriteBoolean("highAvailability", s.HighAvailability);
            w.WriteStartArray("availabilityZones");
            foreach (var z in s.AvailabilityZones) w.WriteStringValue(z);
            w.WriteEndArray();
            WriteSizing(w, plan.Blueprint.Sizing);
            WriteGraph(w, plan.Graph);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Only the graph, for tools that need no sizing (and for graphs that were not planned here).</summary>
    public static void WriteGraph(Utf8JsonWriter w, ResourceGraph graph)
    {
        w.WriteStartArray("lookups");
        foreach (var l in graph.Lookups)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("function", l.Function);
            w.WritePropertyName("arguments");
            JsonValueWriter.Write(w, l.Arguments);
            w.WriteString("reason", l.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("resources");
        foreach (var n in graph.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("name", n.Name);
            w.WriteString("type", n.Type);
            if (n.Options.Parent is { } p) w.WriteString("parent", p);
            w.WriteString("reason", n.Reason);
            WriteOptions(w, n.Options);
            w.WritePropertyName("properties");
            JsonValueWriter.Write(w, n.Properties);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("outputs");
        foreach (var o in graph.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteBoolean("secret", o.Secret);
            w.WriteString("description", o.Description);
            w.WritePropertyName("value");
            JsonValueWriter.Write(w, o.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter w, NodeOptions o)
    {
        w.WriteStartObject("options");
        if (o.Protect) w.WriteBoolean("protect", true);
        if (o.RetainOnDelete) w.WriteBoolean("retainOnDelete", true);
        if (o.Provider is { } provider) w.WriteString("provider", provider);
        void List(string name, System.Collections.Immutable.ImmutableArray<string> items)
        {
            if (items.IsDefaultOrEmpty) return;
            w.WriteStartArray(name);
            foreach (var i in items) w.WriteStringValue(i);
            w.WriteEndArray();
        }
        List("dependsOn", o.DependsOn);
        List("ignoreChanges", o.IgnoreChanges);
        List("additionalSecretOutputs", o.AdditionalSecretOutputs);
        w.WriteEndObject();
    }

    private static void WriteSizing(Utf8JsonWriter w, SizingPlan p)
    {
        w.WriteStartObject("sizing");
        w.WriteStartObject("load");
        w.WriteNumber("registeredNow", p.Load.RegisteredNow);
        w.WriteNumber("growthFactor", p.Load.GrowthFactor);
        w.WriteNumber("horizonMonths", p.Load.HorizonMonths);
        w.WriteNumber("registeredAtHorizon", p.Load.RegisteredAtHorizon);
        w.WriteNumber("peakConcurrent", p.Load.PeakConcurrent);
        w.WriteNumber("headroomPercent", p.Load.HeadroomPercent);
        w.WriteNumber("designLoad", p.Load.DesignLoad);
        w.WriteEndObject();
        w.WriteNumber("referenceTier", p.GoverningTier.ConcurrentUsers);
        if (p.LowerTier is { } lower) w.WriteNumber("lowerTier", lower.ConcurrentUsers);
        w.WriteString("nearestOperatorPreset", p.NearestOperatorPreset.Size);
        w.WriteStartObject("app");
        w.WriteString("instanceType", p.App.InstanceType);
        w.WriteNumber("nodes", p.App.Nodes);
        w.WriteNumber("maxNodes", p.App.MaxNodes);
        w.WriteNumber("zones", p.App.ZoneCount);
        w.WriteNumber("requiredVcpu", p.App.RequiredVcpu);
        w.WriteNumber("providedVcpu", p.App.ProvidedVcpu);
        w.WriteNumber("capacityUsers", p.App.CapacityUsers);
        w.WriteNumber("nodesAfterZoneLoss", p.App.NodesAfterZoneLoss);
        w.WriteNumber("capacityAfterZoneLoss", p.App.CapacityAfterZoneLoss);
        w.WriteEndObject();
        w.WriteStartObject("database");
        w.WriteString("instanceClass", p.Database.InstanceClass);
        w.WriteNumber("readers", p.Database.Readers);
        w.WriteNumber("requiredVcpu", p.Database.RequiredVcpu);
        w.WriteNumber("providedVcpu", p.Database.ProvidedVcpu);
        w.WriteNumber("capacityUsers", p.Database.CapacityUsers);
        w.WriteNumber("requiredConnections", p.Database.RequiredConnections);
        w.WriteNumber("maxConnections", p.Database.MaxConnections);
        w.WriteEndObject();
        w.WriteStartObject("search");
        w.WriteBoolean("enabled", p.Search.Enabled);
        w.WriteString("instanceType", p.Search.InstanceType);
        w.WriteNumber("nodes", p.Search.Nodes);
        w.WriteEndObject();
        w.WriteStartObject("storage");
        w.WriteNumber("months", p.Storage.Months);
        w.WriteNumber("meanUsers", Math.Round(p.Storage.MeanUsers, 1));
        w.WriteNumber("lowGb", p.Storage.LowGb);
        w.WriteNumber("highGb", p.Storage.HighGb);
        w.WriteEndObject();
        if (p.Kubernetes is { } k)
        {
            w.WriteStartObject("kubernetes");
            w.WriteNumber("replicas", k.Replicas);
            w.WriteNumber("replicasForPeak", k.ReplicasForPeak);
            w.WriteNumber("podCpuRequestMillicores", k.PodCpuRequestMillicores);
            w.WriteNumber("podCpuLimitMillicores", k.PodCpuLimitMillicores);
            w.WriteNumber("podMemoryMiB", k.PodMemoryMiB);
            w.WriteString("nodeInstanceType", k.NodeInstanceType);
            w.WriteNumber("nodesPerZone", k.NodesPerZone);
            w.WriteNumber("nodes", k.TotalNodes);
            w.WriteNumber("podsPerNode", k.PodsPerNode);
            w.WriteNumber("nodesAfterZoneLoss", k.NodesAfterZoneLoss);
            w.WriteNumber("podsAfterZoneLoss", k.PodsAfterZoneLoss);
            w.WriteNumber("maxUnavailable", k.MaxUnavailable);
            w.WriteEndObject();
        }
        w.WriteStartArray("decisions");
        foreach (var d in p.Decisions)
        {
            w.WriteStartObject();
            w.WriteString("component", d.Component);
            w.WriteString("decision", d.Decision);
            w.WriteString("reason", d.Reason);
            w.WriteString("source", d.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
