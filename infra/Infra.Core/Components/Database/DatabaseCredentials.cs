using Infra.Core.Graph;

namespace Infra.Core.Components.Database;

/// <summary>
/// Who Mattermost is in its database, and how its connection strings are written. Mattermost logs in as one of two
/// users that Secrets Manager's alternating-users rotation switches between; both act as the owner role, which owns
/// the database and everything in it. The master user is kept for the bootstrap and the rotation (docs/database-credentials.md).
/// </summary>
public static class DatabaseCredentials
{
    /// <summary>The database RDS creates (the cluster's <c>databaseName</c>) and Mattermost uses.</summary>
    public const string DatabaseName = "mattermost";

    public const int Port = 5432;

    /// <summary>The login user the bootstrap starts with; the rotation alternates it with <see cref="CloneUser"/>.</summary>
    public const string AppUser = "mattermost_app";

    /// <summary>The rotation's second user: its function appends "_clone" (lambda_function.py get_alt_username).</summary>
    public const string CloneUser = AppUser + "_clone";

    /// <summary>NOLOGIN role that owns the database, its public schema and every object Mattermost creates.</summary>
    public const string OwnerRole = "mattermost_owner";

    /// <summary>
    /// Characters neither generated passwords nor rotated ones contain: the rotation function's own default exclusions
    /// (SecretsManagerRDSPostgreSQLRotationMultiUser lambda_function.py, get_random_password). Every other character is
    /// percent-encoded by the connection strings.
    /// </summary>
    public const string ExcludeCharacters = ":/@\"'\\";

    /// <summary>
    /// The user information of a connection URI as an External Secrets (template engine v2: Go text/template with Sprig)
    /// expression: Go's <c>urlquery</c> (net/url.QueryEscape) percent-encodes every byte but A-Z a-z 0-9 - _ . ~ and writes
    /// a space as '+', which libpq and Go's URL parser would read as a plus sign, so '+' (only ever a space there: a real
    /// plus is already %2B) becomes %20. The VM tier's Scripts/postgres-dsn.sh writes the same bytes.
    /// </summary>
    public static string Escaped(string key) => $"{{{{ .{key} | urlquery | replace \"+\" \"%20\" }}}}";

    /// <summary>
    /// A connection string as an External Secrets template over the app secret's keys: user and password escaped, the
    /// secret's host (the writer endpoint, which the rotation also checks) unless <paramref name="host"/> names a reader,
    /// the secret's port and database, and TLS that verifies the server against <paramref name="caFile"/>.
    /// </summary>
    public static Value ConnectionStringTemplate(Value? host, string caFile) => V.Concat(
        $"postgres://{Escaped("username")}:{Escaped("password")}@",
        host ?? (Value)"{{ .host }}",
        $":{{{{ .port }}}}/{{{{ .dbname }}}}?sslmode=verify-full&sslrootcert={caFile}&connect_timeout=10");
}
