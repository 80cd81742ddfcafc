using Infra.Core.Blueprint;
using Infra.Core.Graph;

namespace Infra.Core.Components;

/// <summary>
/// AWS OpenSearch for Mattermost's enterprise search, sized as the covering reference tier's search
/// cluster, inside the VPC behind its own security group. Mattermost's client does not sign requests
/// with SigV4, so the domain policy is open and access is restricted by the network
/// (opensearch-setup.rst; security-baseline.md §1.9).
/// </summary>
public static class SearchComponent
{
    public const string Name = "search";
    public const string Domain = "searchDomain";
    public const string Key = "searchKey";

    public static Value Build(GraphBuilder g, EnvironmentBlueprint bp, NetworkRefs net)
    {
        var search = bp.Sizing.Search;
        var c = g.Component(Name, ComponentTypes.Search, $"OpenSearch: {search.Nodes} x {search.InstanceType} over {search.ZoneCount} zones");
        KmsKeys.Add(c, bp, Key, "the search index");
        var subnets = net.PrivateSubnetIds.Take(search.ZoneCount).ToList();
        c.Add(Domain, AwsTypes.OpenSearchDomain, V.Map(
            ("engineVersion", "OpenSearch_2.19"),
            ("clusterConfig", V.Map(
                ("instanceType", search.InstanceType),
                ("instanceCount", search.Nodes),
                ("zoneAwarenessEnabled", true),
                ("zoneAwarenessConfig", V.Map(("availabilityZoneCount", search.ZoneCount))))),
            ("ebsOptions", V.Map(("ebsEnabled", true), ("volumeSize", 100), ("volumeType", "gp3"))),
            ("encryptAtRest", V.Map(("enabled", true), ("kmsKeyId", V.Ref(Key, "arn")))),
            ("nodeToNodeEncryption", V.Map(("enabled", true))),
            ("domainEndpointOptions", V.Map(("enforceHttps", true), ("tlsSecurityPolicy", "Policy-Min-TLS-1-2-PFS-2023-10"))),
            ("vpcOptions", V.Map(
                ("subnetIds", V.List(subnets)),
                ("securityGroupIds", V.List(V.Ref(net.SearchSecurityGroup!, "id"))))),
            ("accessPolicies", Iam.Document(V.Map(
                ("Effect", "Allow"),
                ("Principal", V.Map(("AWS", "*"))),
                ("Action", "es:ESHttp*"),
                ("Resource", "*")))),
            ("tags", Tagging.Tags(bp, "search"))),
            $"{search.Reason}; encrypted at rest and node to node, HTTPS only, reachable only from the app nodes (Opensearch.1, .2; ES.3, ES.8)",
            KmsKeys.Stateful(bp));
        return V.Ref(Domain, "endpoint");
    }
}
