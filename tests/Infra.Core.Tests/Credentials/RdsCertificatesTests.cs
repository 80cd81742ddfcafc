using System.Security.Cryptography.X509Certificates;
using Infra.Core.Catalog;
using Infra.Core.Components.Database;
using Infra.Core.Components.Kubernetes;
using Infra.Core.Graph;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Credentials;

/// <summary>The RDS certificate authorities kept as data (RdsCa/SOURCE.md) and the bundle the Kubernetes tier mounts.</summary>
public class RdsCertificatesTests
{
    [Fact]
    public void Every_region_of_the_catalogue_has_its_three_g1_roots_and_nothing_else_is_kept()
    {
        Assert.Equal(AwsRegions.ZoneLetters.Count * 3, RdsCertificates.All.Count);
        foreach (var region in AwsRegions.ZoneLetters.Keys)
            Assert.Equal(new[] { "ECC384", "RSA2048", "RSA4096" }, RdsCertificates.All.Where(c => c.Region == region).Select(c => c.KeyType).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_is_a_self_signed_certificate_authority_valid_for_decades()
    {
        foreach (var ca in RdsCertificates.All)
        {
            using var cert = X509Certificate2.CreateFromPem(ca.Pem);
            Assert.Equal(cert.Subject, cert.Issuer);
            var constraints = cert.Extensions.OfType<X509BasicConstraintsExtension>().Single();
            Assert.True(constraints.CertificateAuthority, ca.CommonName);
            Assert.True(cert.NotAfter > new DateTime(2060, 1, 1), $"{ca.CommonName} expires {cert.NotAfter:yyyy-MM-dd}");
            // The signature verifies with the certificate's own key: a root, not a copy with a changed byte.
            using var chain = new X509Chain { ChainPolicy = { RevocationMode = X509RevocationMode.NoCheck, TrustMode = X509ChainTrustMode.CustomRootTrust } };
            chain.ChainPolicy.CustomTrustStore.Add(cert);
            Assert.True(chain.Build(cert), $"{ca.CommonName}: {string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation))}");
        }
    }

    [Fact]
    public void A_region_outside_the_data_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RdsCertificates.BundleFor("mars-north-1"));
        Assert.Contains("rds-ca-g1-roots.pem", e.Message);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void The_mattermost_pods_mount_their_regions_bundle_where_the_connection_strings_look(string stack)
    {
        var plan = Repo.Plan(stack);
        var configMap = plan.Graph[MattermostInstallation.DatabaseCaNode].Properties;
        var bundle = ((StringValue)((MapValue)configMap["data"]!)[MattermostInstallation.DatabaseCaFile]!).Text;
        Assert.Equal(RdsCertificates.BundleFor(plan.Settings.Region), bundle);
        Assert.Equal(3, bundle.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        Assert.All(RdsCertificates.All.Where(c => c.Region == plan.Settings.Region), c => Assert.Contains(c.Pem, bundle));

        var spec = (MapValue)KubernetesPlansAccess.Mattermost(plan.Graph)["spec"]!;
        var volume = Assert.IsType<MapValue>(Assert.Single(((ListValue)spec["volumes"]!).Items));
        Assert.Equal(new StringValue(MattermostInstallation.DatabaseCaConfigMap), ((MapValue)volume["configMap"]!)["name"]);
        var mount = Assert.IsType<MapValue>(Assert.Single(((ListValue)spec["volumeMounts"]!).Items));
        Assert.Equal(volume["name"], mount["name"]);
        Assert.Equal(new BoolValue(true), mount["readOnly"]);
        var writer = ((StringValue)KubernetesPlansAccess.ExternalSecretData(plan.Graph)["DB_CONNECTION_STRING"]!).Text;
        Assert.Contains($"sslrootcert={((StringValue)mount["mountPath"]!).Text}/{MattermostInstallation.DatabaseCaFile}&", writer);
    }
}

/// <summary>The Mattermost resource and the ExternalSecret's template data inside their ConfigGroups.</summary>
internal static class KubernetesPlansAccess
{
    public static MapValue Mattermost(ResourceGraph g) => Object(g, MattermostInstallation.Installation, "Mattermost");

    public static MapValue ExternalSecretData(ResourceGraph g)
    {
        var es = Object(g, MattermostInstallation.CredentialsSync, "ExternalSecret");
        return (MapValue)((MapValue)((MapValue)((MapValue)es["spec"]!)["target"]!)["template"]!)["data"]!;
    }

    private static MapValue Object(ResourceGraph g, string node, string kind) =>
        ((ListValue)g[node].Properties["objs"]!).Items.OfType<MapValue>().Single(o => o["kind"] is StringValue s && s.Text == kind);
}
