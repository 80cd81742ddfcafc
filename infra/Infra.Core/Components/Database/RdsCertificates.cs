using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Infra.Core.Components.Database;

/// <summary>One RDS root certificate authority: its subject's common name, region and key type, and its PEM text.</summary>
public sealed record RdsRootCa(string CommonName, string Region, string KeyType, DateTime NotAfter, string Pem);

/// <summary>
/// The RDS root certificate authorities that connection strings verify the database server against
/// (<c>sslmode=verify-full</c>), read from <see cref="DatabaseAssets.RdsRootCertificates"/> (RdsCa/SOURCE.md).
/// </summary>
public static partial class RdsCertificates
{
    public static IReadOnlyList<RdsRootCa> All { get; } = Parse(DatabaseAssets.RdsRootCertificates);

    /// <summary>The region's roots (RSA2048, RSA4096 and ECC384, generation G1) as one PEM bundle, each after its name.</summary>
    public static string BundleFor(string region)
    {
        var roots = All.Where(c => c.Region == region).ToList();
        if (roots.Count == 0) throw new InvalidOperationException($"no RDS root certificates for {region} in RdsCa/rds-ca-g1-roots.pem");
        return string.Concat(roots.Select(c => $"# {c.CommonName}\n{c.Pem}\n"));
    }

    private static List<RdsRootCa> Parse(string text)
    {
        var result = new List<RdsRootCa>();
        foreach (Match m in PemBlock().Matches(text))
        {
            using var cert = X509Certificate2.CreateFromPem(m.Value);
            var cn = cert.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            var name = RootName().Match(cn);
            if (!name.Success) throw new InvalidOperationException($"RdsCa/rds-ca-g1-roots.pem holds '{cn}', which is not an RDS G1 root");
            result.Add(new RdsRootCa(cn, name.Groups[1].Value, name.Groups[2].Value, cert.NotAfter.ToUniversalTime(), m.Value));
        }
        return result;
    }

    [GeneratedRegex(@"-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----")]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"^Amazon RDS ([a-z]{2}-[a-z]+-\d) Root CA (RSA2048|RSA4096|ECC384) G1$")]
    private static partial Regex RootName();
}
