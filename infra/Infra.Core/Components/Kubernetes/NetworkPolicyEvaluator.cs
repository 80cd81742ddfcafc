using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Infra.Core.Graph;

namespace Infra.Core.Components.Kubernetes;

/// <summary>One end of a connection: a pod (namespace and labels) or an address outside the pod network.</summary>
public abstract record NetworkEndpoint
{
    public static PodEndpoint Pod(string ns, params (string Key, string Value)[] labels) =>
        new(ns, labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal));

    public static AddressEndpoint Address(string ip) => new(IPAddress.Parse(ip));
}

public sealed record PodEndpoint(string Namespace, ImmutableSortedDictionary<string, string> Labels) : NetworkEndpoint;

public sealed record AddressEndpoint(IPAddress Ip) : NetworkEndpoint;

/// <summary>
/// Answers "may A open a connection to B on this port?" from the NetworkPolicies in a graph, with
/// Kubernetes semantics: a pod selected by no policy of a direction is open in that direction; once
/// selected, only what some selecting policy's rules allow passes, and both the sender's egress and the
/// receiver's ingress must allow the connection. Namespaces are matched by their
/// <c>kubernetes.io/metadata.name</c> label, as Kubernetes labels every namespace.
/// </summary>
public static class NetworkPolicyEvaluator
{
    public static bool Allows(ResourceGraph graph, NetworkEndpoint from, NetworkEndpoint to, int port, string protocol = "TCP")
    {
        var policies = graph.OfType(KubernetesTypes.NetworkPolicy).Select(n => n.Properties).ToList();
        return Direction(policies, from, "Egress", "egress", "to", to, port, protocol)
            && Direction(policies, to, "Ingress", "ingress", "from", from, port, protocol);
    }

    private static bool Direction(List<MapValue> policies, NetworkEndpoint subject, string type, string rulesKey, string peersKey, NetworkEndpoint peer, int port, string protocol)
    {
        if (subject is not PodEndpoint pod) return true; // addresses outside the cluster have no policies
        var selecting = policies.Where(p => Namespace(p) == pod.Namespace && Selects(Spec(p)["podSelector"], pod.Labels) && Types(Spec(p)).Contains(type)).ToList();
        if (selecting.Count == 0) return true;
        foreach (var p in selecting)
        {
            if (Spec(p)[rulesKey] is not ListValue rules) continue;
            foreach (var rule in rules.Items.OfType<MapValue>())
                if (PortMatches(rule["ports"], port, protocol) && PeerMatches(rule[peersKey], Namespace(p), peer))
                    return true;
        }
        return false;
    }

    private static MapValue Spec(MapValue policy) => (MapValue)policy["spec"]!;

    private static string? Namespace(MapValue policy) => Text(((MapValue)policy["metadata"]!)["namespace"]);

    /// <summary>Kubernetes defaults policyTypes to Ingress, plus Egress when the policy has egress rules.</summary>
    private static IReadOnlyList<string> Types(MapValue spec) => spec["policyTypes"] is ListValue l
        ? [.. l.Items.Select(Text).OfType<string>()]
        : spec["egress"] is not null ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool Selects(Value? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not MapValue m) return false;
        if (m["matchExpressions"] is not null) throw new NotSupportedException("matchExpressions are not evaluated");
        return m["matchLabels"] is not MapValue match ||
            match.Entries.All(kv => labels.TryGetValue(kv.Key, out var v) && v == Text(kv.Value));
    }

    private static bool PortMatches(Value? ports, int port, string protocol)
    {
        if (ports is not ListValue { Items.Length: > 0 } list) return true; // no ports: every port
        return list.Items.OfType<MapValue>().Any(p =>
        {
            var proto = Text(p["protocol"]) ?? "TCP";
            if (!string.Equals(proto, protocol, StringComparison.OrdinalIgnoreCase)) return false;
            if (p["port"] is null) return true;
            var from = Number(p["port"]);
            var end = Number(p["endPort"]) ?? from;
            return from <= port && port <= end;
        });
    }

    private static bool PeerMatches(Value? peers, string? policyNamespace, NetworkEndpoint peer)
    {
        if (peers is not ListValue { Items.Length: > 0 } list) return true; // no peers: everyone
        return list.Items.OfType<MapValue>().Any(p =>
        {
            if (p["ipBlock"] is MapValue block)
                return peer is AddressEndpoint a && InBlock(a.Ip, block);
            if (peer is not PodEndpoint pod) return false;
            var nsOk = p["namespaceSelector"] is { } nsSelector
                ? Selects(nsSelector, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = pod.Namespace })
                : pod.Namespace == policyNamespace;
            var podOk = p["podSelector"] is not { } podSelector || Selects(podSelector, pod.Labels);
            return nsOk && podOk;
        });
    }

    private static bool InBlock(IPAddress ip, MapValue block)
    {
        if (!IPNetwork.Parse(Text(block["cidr"])!).Contains(ip)) return false;
        return block["except"] is not ListValue except || !except.Items.Select(Text).Any(e => IPNetwork.Parse(e!).Contains(ip));
    }

    private static string? Text(Value? v) => v switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Text,
        _ => null,
    };

    private static int? Number(Value? v) => v switch
    {
        NumberValue n => (int)n.Number,
        StringValue s when int.TryParse(s.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
