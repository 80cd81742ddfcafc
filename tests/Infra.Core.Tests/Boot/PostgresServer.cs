using Infra.Core.Components.Database;
using Infra.Core.Tests.Support;

namespace Infra.Core.Tests.Boot;

/// <summary>
/// A throw-away PostgreSQL server shaped like Aurora PostgreSQL as RDS hands it over, the C# side of
/// tests/database/pgserver.py: Debian's PostgreSQL initialised in a temporary directory and started on a free loopback
/// port with TLS only (hostssl lines, as rds.force_ssl=1), with a test CA and a server certificate for localhost made by
/// openssl, so that clients connect with sslmode=verify-full. The master user has LOGIN CREATEROLE CREATEDB and is no
/// superuser, and owns the mattermost database; <see cref="Bootstrap"/> runs the project's bootstrap SQL as that user,
/// as the bootstrap function does through the RDS Data API.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PostgresServer : IDisposable
{
    public const string Master = "master";

    /// <summary>The master password carries URI-hostile characters too.</summary>
    public const string MasterPassword = "M@ster/pass:word?&#% é";

    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private bool _started;

    /// <summary>The bin directory of the newest Debian PostgreSQL (or MM_TEST_POSTGRES_BIN), or null.</summary>
    public static string? BinDirectory => NeedsTools.PostgresBinDirectory;

    public PostgresServer()
    {
        _bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y postgresql)");
        // initdb refuses to run as root: the server then runs as Debian's postgres user.
        _asPostgresUser = Environment.IsPrivilegedProcess;
        Dir = Directory.CreateTempSubdirectory("mm-boot-pg-").FullName;
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Dir { get; }

    public int Port { get; private set; }

    /// <summary>The test CA's certificate (PEM), which signed the server's certificate for localhost.</summary>
    public string CaPem => File.ReadAllText(CaFile);

    public string CaFile => Path.Combine(Dir, "ca.pem");

    /// <summary>psql of this PostgreSQL (Debian's /usr/bin/psql is a wrapper script that reads /etc/postgresql-common).</summary>
    public string Psql => Path.Combine(_bin, "psql");

    /// <summary>A libpq URI on this machine's side, user and password percent-encoded, verifying the server.</summary>
    public string Uri(string user, string password, string database = "mattermost") =>
        $"postgres://{System.Uri.EscapeDataString(user)}:{System.Uri.EscapeDataString(password)}@localhost:{Port}/{database}" +
        $"?sslmode=verify-full&sslrootcert={CaFile}&connect_timeout=10";

    /// <summary>Runs SQL through psql connected with a URI (unaligned, tuples only), with psql variables for :'name'.</summary>
    public Tool.Result Run(string dsn, string sql, IReadOnlyDictionary<string, string>? variables = null)
    {
        var args = new List<string> { dsn, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1" };
        foreach (var (k, v) in variables ?? new Dictionary<string, string>()) args.AddRange(["-v", $"{k}={v}"]);
        // psql interpolates :'name' only in what it reads as a script, not in -c.
        args.AddRange(["-f", "-"]);
        return Tool.Run(Psql, args, stdin: sql, environment: new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10" });
    }

    /// <summary>
    /// The bootstrap as the bootstrap function runs it (Lambda/bootstrap.py): in one transaction, as the master user, the
    /// inputs set with set_config (the password a bound value), then Sql/bootstrap-app-role.sql as it is. It creates the
    /// owner role and both login users when missing and sets the password of the user the secret names.
    /// </summary>
    public void Bootstrap(string secretUser, string password)
    {
        var sql = "BEGIN;\n" +
                  "SELECT set_config('mattermost.app_user', :'app_user', true), set_config('mattermost.owner_role', :'owner_role', true), " +
                  "set_config('mattermost.secret_user', :'secret_user', true), set_config('mattermost.app_password', :'password', true);\n" +
                  DatabaseAssets.BootstrapSql.TrimEnd() + (DatabaseAssets.BootstrapSql.TrimEnd().EndsWith(';') ? "" : ";") + "\nCOMMIT;\n";
        var result = Run(Uri(Master, MasterPassword), sql, new Dictionary<string, string>
        {
            ["app_user"] = DatabaseCredentials.AppUser,
            ["owner_role"] = DatabaseCredentials.OwnerRole,
            ["secret_user"] = secretUser,
            ["password"] = password,
        });
        Assert.True(result.Code == 0, $"bootstrap SQL as {Master}: {result}");
    }

    /// <summary>What the alternating-users rotation's setSecret step runs as the master user: the pending user's new password.</summary>
    public void SetPassword(string user, string password)
    {
        var result = Run(Uri(Master, MasterPassword), "ALTER USER :\"user\" WITH PASSWORD :'password';\n",
            new Dictionary<string, string> { ["user"] = user, ["password"] = password });
        Assert.True(result.Code == 0, $"ALTER USER {user}: {result}");
    }

    private void Start()
    {
        MakeCertificates();
        Own();
        Server(Path.Combine(_bin, "initdb"), "-D", Data, "-U", "postgres", "--auth-local=trust", "--auth-host=reject", "--no-sync",
            "-E", "UTF8", "--locale=C.UTF-8");
        // The fixture's own setup uses the superuser over the Unix socket; every test connection is TCP with TLS and a
        // SCRAM password. No plain 'host' line: a connection without TLS is refused, as rds.force_ssl=1 does.
        File.WriteAllText(Path.Combine(Data, "pg_hba.conf"),
            "local all postgres trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostssl all all ::1/128 scram-sha-256\n");
        File.AppendAllText(Path.Combine(Data, "postgresql.conf"),
            $"listen_addresses = 'localhost'\nunix_socket_directories = '{Dir}'\nssl = on\nssl_cert_file = '{Dir}/server.pem'\n" +
            $"ssl_key_file = '{Dir}/server.key'\npassword_encryption = 'scram-sha-256'\nfsync = off\n");
        Own();
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            // -w: pg_ctl waits until the server accepts connections, so nothing here sleeps.
            var start = Server(false, Path.Combine(_bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(Dir, "server.log"), "-w", "-t", "60",
                "-o", $"-p {Port}", "start");
            if (start.Code == 0) break;
            var log = File.Exists(Path.Combine(Dir, "server.log")) ? File.ReadAllText(Path.Combine(Dir, "server.log")) : "";
            if (!log.Contains("could not bind", StringComparison.Ordinal) || attempt == 5)
                throw new InvalidOperationException($"PostgreSQL did not start: {start}\n{log}");
        }
        _started = true;
        Superuser($"CREATE ROLE {Master} LOGIN CREATEROLE CREATEDB PASSWORD '{MasterPassword.Replace("'", "''", StringComparison.Ordinal)}'");
        Superuser($"CREATE DATABASE mattermost OWNER {Master}");
    }

    private string Data => Path.Combine(Dir, "data");

    private void Superuser(string sql)
    {
        var result = Tool.Run(Psql, ["-h", Dir, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres",
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]);
        Assert.True(result.Code == 0, $"{sql}: {result}");
    }

    private void MakeCertificates()
    {
        void OpenSsl(params string[] args)
        {
            var result = Tool.Run("openssl", args);
            Assert.True(result.Code == 0, $"openssl {string.Join(' ', args)}: {result}");
        }
        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test RDS Root CA",
            "-keyout", Path.Combine(Dir, "ca.key"), "-out", CaFile);
        OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", Path.Combine(Dir, "server.key"), "-out", Path.Combine(Dir, "server.csr"));
        File.WriteAllText(Path.Combine(Dir, "san.ext"), "subjectAltName=DNS:localhost\n");
        OpenSsl("x509", "-req", "-in", Path.Combine(Dir, "server.csr"), "-CA", CaFile, "-CAkey", Path.Combine(Dir, "ca.key"), "-CAcreateserial",
            "-days", "2", "-extfile", Path.Combine(Dir, "san.ext"), "-out", Path.Combine(Dir, "server.pem"));
        File.SetUnixFileMode(Path.Combine(Dir, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Dir, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    /// <summary>Hands the directory to the server's user when the tests run as root.</summary>
    private void Own()
    {
        if (!_asPostgresUser) return;
        var result = Tool.Run("chown", ["-R", "postgres:postgres", Dir]);
        Assert.True(result.Code == 0, $"chown: {result}");
    }

    private Tool.Result Server(bool check, string program, params string[] args)
    {
        var result = _asPostgresUser ? Tool.Run("runuser", ["-u", "postgres", "--", program, .. args]) : Tool.Run(program, args);
        if (check) Assert.True(result.Code == 0, $"{program}: {result}");
        return result;
    }

    private void Server(string program, params string[] args) => Server(true, program, args);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_started)
        {
            Server(false, Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");
            _started = false;
        }
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
