using System.Security.Cryptography;
using System.Text;

namespace Infra.Core.Components.Database;

/// <summary>
/// Files the graph carries as they are, embedded in this assembly from <c>Components/Database/</c>: the credential
/// bootstrap's SQL and Lambda handler, the VM tier's connection-string helper and the RDS certificate authorities. The
/// tests under <c>tests/database/</c> run the same files against a real PostgreSQL.
/// </summary>
public static class DatabaseAssets
{
    /// <summary>Sql/bootstrap-app-role.sql: one DO block, run as the master user (see the file's header).</summary>
    public static string BootstrapSql { get; } = Read("bootstrap-app-role.sql");

    /// <summary>Lambda/bootstrap.py: the bootstrap function's handler (Python 3.12 runtime, boto3 from the runtime).</summary>
    public static string BootstrapHandler { get; } = Read("bootstrap.py");

    /// <summary>Scripts/postgres-dsn.sh: <c>postgres_dsn SECRET_JSON CA_FILE [HOST]</c> for the VM tier's boot script.</summary>
    public static string PostgresDsnScript { get; } = Read("postgres-dsn.sh");

    /// <summary>RdsCa/rds-ca-g1-roots.pem: the RDS root CAs of the catalogue's regions (source in RdsCa/SOURCE.md).</summary>
    public static string RdsRootCertificates { get; } = Read("rds-ca-g1-roots.pem");

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Read(string name)
    {
        using var stream = typeof(DatabaseAssets).Assembly.GetManifestResourceStream("Database/" + name)
            ?? throw new InvalidOperationException($"embedded resource Database/{name} is missing (Infra.Core.csproj EmbeddedResource)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
