using Pulumi;

namespace Infra.Deploy.Resources;

/// <summary>
/// A component that a provider implements (Infra.Core.Graph.ProviderComponents, e.g. the Kubernetes
/// ConfigGroup that declares the Mattermost custom resource): registered as a remote component so that
/// the provider builds its children. It declares the same outputs as <see cref="GraphResource"/>.
/// </summary>
public sealed class GraphProviderComponent(string type, string name, DictionaryResourceArgs args, ComponentResourceOptions options)
    : ComponentResource(type, name, args, options, remote: true), IGraphResource
{
    [Output("arn")] public Output<object?> Arn { get; private set; } = null!;
    [Output("arnSuffix")] public Output<object?> ArnSuffix { get; private set; } = null!;
    [Output("bucket")] public Output<object?> Bucket { get; private set; } = null!;
    [Output("cidrBlock")] public Output<object?> CidrBlock { get; private set; } = null!;
    [Output("clusterIdentifier")] public Output<object?> ClusterIdentifier { get; private set; } = null!;
    [Output("dnsName")] public Output<object?> DnsName { get; private set; } = null!;
    [Output("endpoint")] public Output<object?> Endpoint { get; private set; } = null!;
    [Output("identifier")] public Output<object?> Identifier { get; private set; } = null!;
    [Output("keyId")] public Output<object?> KeyId { get; private set; } = null!;
    [Output("masterUserSecrets")] public Output<object?> MasterUserSecrets { get; private set; } = null!;
    [Output("name")] public Output<object?> Name { get; private set; } = null!;
    [Output("outputs")] public Output<object?> Outputs { get; private set; } = null!;
    [Output("certificateAuthority")] public Output<object?> CertificateAuthority { get; private set; } = null!;
    [Output("identities")] public Output<object?> Identities { get; private set; } = null!;
    [Output("latestVersion")] public Output<object?> LatestVersion { get; private set; } = null!;
    [Output("metadata")] public Output<object?> Metadata { get; private set; } = null!;
    [Output("resources")] public Output<object?> Resources { get; private set; } = null!;
    [Output("status")] public Output<object?> Status { get; private set; } = null!;
    [Output("url")] public Output<object?> Url { get; private set; } = null!;
    [Output("vpcConfig")] public Output<object?> VpcConfig { get; private set; } = null!;

    Resource IGraphResource.Resource => this;

    public Output<object?>? Output(string name) => DeclaredOutputs.Read(this, name);
}
