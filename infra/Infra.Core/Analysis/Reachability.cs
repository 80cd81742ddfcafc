using System.Globalization;
using Infra.Core.Graph;

namespace Infra.Core.Analysis;

/// <summary>One allowed flow: who may open connections to whom, on which protocol and ports, and which rule allows it.</summary>
/// <param name="Source">A security group's name, or a CIDR block ("0.0.0.0/0" is the internet).</param>
/// <param name="Target">A security group's name, or a CIDR block for egress to outside networks.</param>
/// <param name="Rule">The resource (or security group with an inline rule) that allows the flow.</param>
public sealed record Flow(string Source, string Target, string Protocol, int FromPort, int ToPort, string Direction, string Rule)
{
    public string Ports => Protocol == "-1" ? "all" : FromPort == ToPort ? FromPort.ToString(CultureInfo.InvariantCulture) : $"{FromPort}-{ToPort}";

    public bool FromWorld => Source is "0.0.0.0/0" or "::/0";

    public bool Covers(int port) => Protocol == "-1" || (FromPort <= port && port <= ToPort);
}

/// <summary>
/// Network reachability read from a graph's security groups and rules (separate rule resources, the
/// older <c>ec2.SecurityGroupRule</c>, and inline <c>ingress</c>/<c>egress</c> blocks), and which
/// resources each security group protects. Works on any graph, including one parsed from someone
/// else's program.
/// </summary>
public static class Reachability
{
    private const string SecurityGroup = "aws:ec2/securityGroup:SecurityGroup";
    private const string IngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private const string EgressRule = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    private const string LegacyRule = "aws:ec2/securityGroupRule:SecurityGroupRule";

    public static IReadOnlyList<Flow> Flows(ResourceGraph graph)
    {
        var flows = new List<Flow>();
        foreach (var n in graph.Nodes)
        {
            var p = n.Properties;
            switch (n.Type)
            {
                case IngressRule or EgressRule:
                {
                    var group = RefName(p["securityGroupId"]) ?? "?";
                    var ingress = n.Type == IngressRule;
                    foreach (var peer in Peers(p["cidrIpv4"], p["cidrIpv6"], p["referencedSecurityGroupId"], p["prefixListId"]))
                        flows.Add(Make(ingress ? peer : group, ingress ? group : peer, p["ipProtocol"], p["fromPort"], p["toPort"], ingress, n.Name));
                    break;
                }
                case LegacyRule:
                {
                    var group = RefName(p["securityGroupId"]) ?? "?";
                    var ingress = Text(p["type"]) == "ingress";
                    var peers = Peers(null, null, p["sourceSecurityGroupId"], null).ToList();
                    if (p["self"] is BoolValue { Flag: true }) peers.Add(group);
                    peers.AddRange(Texts(p["cidrBlocks"]));
                    peers.AddRange(Texts(p["ipv6CidrBlocks"]));
                    foreach (var peer in peers)
                        flows.Add(Make(ingress ? peer : group, ingress ? group : peer, p["protocol"], p["fromPort"], p["toPort"], ingress, n.Name));
                    break;
                }
                case SecurityGroup or "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
                    foreach (var (direction, ingress) in new[] { ("ingress", true), ("egress", false) })
                    {
                        if (p[direction] is not ListValue rules) continue;
                        foreach (var rule in rules.Items.OfType<MapValue>())
                        {
                            var peers = new List<string>();
                            peers.AddRange(Texts(rule["cidrBlocks"]));
                            peers.AddRange(Texts(rule["ipv6CidrBlocks"]));
                            if (rule["securityGroups"] is ListValue groups) peers.AddRange(groups.Items.Select(g => RefName(g) ?? Text(g) ?? "?"));
                            if (rule["self"] is BoolValue { Flag: true }) peers.Add(n.Name);
                            foreach (var peer in peers)
                                flows.Add(Make(ingress ? peer : n.Name, ingress ? n.Name : peer, rule["protocol"], rule["fromPort"], rule["toPort"], ingress, n.Name));
                        }
                    }
                    break;
            }
        }
        return [.. flows
            .OrderBy(f => f.Target, StringComparer.Ordinal).ThenBy(f => f.Source, StringComparer.Ordinal)
            .ThenBy(f => f.FromPort).ThenBy(f => f.Protocol, StringComparer.Ordinal).ThenBy(f => f.Rule, StringComparer.Ordinal)];
    }

    /// <summary>For each security group, the resources that use it (instances, templates, databases, load balancers, clusters).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Members(ResourceGraph graph)
    {
        var groups = graph.Nodes.Where(n => n.Type == SecurityGroup).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var members = groups.ToDictionary(g => g, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var n in graph.Nodes)
        {
            if (n.Type is IngressRule or EgressRule or LegacyRule) continue;
            foreach (var r in n.References())
                if (groups.Contains(r.Resource) && r.Resource != n.Name && r.OutputProperty == "id")
                    members[r.Resource].Add(n.Name);
        }
        return members.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal);
    }

    private static Flow Make(string source, string target, Value? protocol, Value? from, Value? to, bool ingress, string rule)
    {
        var proto = Text(protocol) ?? "-1";
        if (proto is "all") proto = "-1";
        var f = Number(from) ?? 0;
        var t = Number(to) ?? (proto == "-1" ? 65535 : f);
        if (proto == "-1") { f = 0; t = 65535; }
        return new Flow(source, target, proto, f, t, ingress ? "ingress" : "egress", rule);
    }

    private static IEnumerable<string> Peers(Value? v4, Value? v6, Value? group, Value? prefixList)
    {
        if (Text(v4) is { } a) yield return a;
        if (Text(v6) is { } b) yield return b;
        if (group is not null) yield return RefName(group) ?? Text(group) ?? "?";
        if (prefixList is not null) yield return "prefix list " + (RefName(prefixList) ?? Text(prefixList));
    }

    public static string? RefName(Value? v) => v is RefValue r ? r.Resource : null;

    private static string? Text(Value? v) => v switch
    {
        StringValue s => s.Text,
        NumberValue n => n.Text,
        _ => null,
    };

    private static IEnumerable<string> Texts(Value? v) => v is ListValue l ? l.Items.Select(Text).OfType<string>() : [];

    private static int? Number(Value? v) => v switch
    {
        NumberValue n => (int)n.Number,
        StringValue s when int.TryParse(s.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
