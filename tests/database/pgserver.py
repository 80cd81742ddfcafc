"""A throw-away PostgreSQL server for the database tests, shaped like Aurora PostgreSQL as RDS hands it over.

Debian's PostgreSQL (``/usr/lib/postgresql/<major>/bin``) is initialised in a temporary directory and started on a free
loopback port with TLS only (``hostssl`` lines and no ``host`` line, as ``rds.force_ssl=1`` does): a self-signed CA and a
server certificate for ``localhost`` are made with openssl, so that clients can use ``sslmode=verify-full``. Like RDS, the
cluster's superuser is kept away from the tests: ``master`` has LOGIN CREATEROLE CREATEDB and is not a superuser; it
owns the ``mattermost`` database (as ``databaseName`` makes RDS create it) and an ``other`` database with a table.

Every client connection goes through ``psql`` with a connection URI, the way the nodes' libpq reads it.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from urllib.parse import quote

MASTER = "master"
# The master password carries URI-hostile characters too: whatever builds a URI from it must escape it.
MASTER_PASSWORD = "M@ster/pass:word?&#% é"


def postgres_bin():
    """The newest installed Debian PostgreSQL's bin directory, or None. MM_TEST_POSTGRES_BIN names another server's bin
    directory (initdb, pg_ctl, postgres), to run the same tests against another major version (Aurora's default is 16)."""
    if os.environ.get("MM_TEST_POSTGRES_BIN"):
        return os.environ["MM_TEST_POSTGRES_BIN"]
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


def missing_tools():
    """The tools these tests need that this machine lacks (empty when all are there)."""
    missing = [] if postgres_bin() else ["postgresql (initdb, pg_ctl)"]
    missing += [t for t in ("psql", "openssl", "jq") if shutil.which(t) is None]
    return missing


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def uri(user, password, host, port, database, **params):
    """A libpq URI with user and password percent-encoded (every byte but the unreserved characters)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"postgres://{quote(user, safe='')}:{quote(password, safe='')}@{host}:{port}/{database}" + (f"?{query}" if query else "")


class PsqlError(Exception):
    def __init__(self, result):
        super().__init__(f"psql exited {result.returncode}: {result.stderr.strip()}")
        self.stderr = result.stderr


class PostgresServer:
    """Start with ``start()``, stop with ``stop()`` (or use it as a context manager)."""

    def __init__(self):
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
        self.dir = tempfile.mkdtemp(prefix="mm-pg-")
        self.data = os.path.join(self.dir, "data")
        self.ca_file = os.path.join(self.dir, "ca.pem")
        self.port = None
        self.started = False
        # initdb refuses to run as root: the server then runs as Debian's postgres user.
        self.run_as = None
        if os.geteuid() == 0:
            try:
                self.run_as = pwd.getpwnam("postgres")
            except KeyError as e:
                raise RuntimeError("running as root needs the 'postgres' user (apt-get install -y postgresql creates it)") from e

    # ---- lifecycle ----------------------------------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self._make_certificates()
        self._own()
        self._server_cmd([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "postgres", "--auth-local=trust",
                          "--auth-host=reject", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])
        with open(os.path.join(self.data, "pg_hba.conf"), "w", encoding="utf-8") as f:
            # The fixture's own setup uses the superuser over the Unix socket; every test connection is TCP with TLS
            # and a SCRAM password. No plain 'host' line: a connection without TLS is refused, as rds.force_ssl=1 does.
            f.write("local all postgres trust\n"
                    "hostssl all all 127.0.0.1/32 scram-sha-256\n"
                    "hostssl all all ::1/128 scram-sha-256\n")
        with open(os.path.join(self.data, "postgresql.conf"), "a", encoding="utf-8") as f:
            f.write(f"listen_addresses = 'localhost'\nunix_socket_directories = '{self.dir}'\n"
                    f"ssl = on\nssl_cert_file = '{self.dir}/server.pem'\nssl_key_file = '{self.dir}/server.key'\n"
                    "password_encryption = 'scram-sha-256'\nfsync = off\n")
        self._own()
        for attempt in range(5):
            self.port = free_port()
            # -w waits until the server accepts connections (pg_ctl polls it), so nothing here sleeps.
            result = self._server_cmd([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "server.log"),
                                       "-w", "-t", "60", "-o", f"-p {self.port}", "start"], check=False)
            if result.returncode == 0:
                self.started = True
                break
            if "could not bind" not in self.log() or attempt == 4:
                raise RuntimeError(f"PostgreSQL did not start:\n{result.stdout}\n{result.stderr}\n{self.log()}")
        self._emulate_rds()
        return self

    def stop(self):
        if self.started:
            self._server_cmd([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"], check=False)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self):
        try:
            with open(os.path.join(self.dir, "server.log"), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # ---- clients ------------------------------------------------------------------------------------------------

    def uri(self, user, password, database="mattermost", host="localhost", sslmode="verify-full"):
        return uri(user, password, host, self.port, database, sslmode=sslmode, sslrootcert=self.ca_file, connect_timeout=10)

    def master_uri(self, database="mattermost"):
        return self.uri(MASTER, MASTER_PASSWORD, database)

    def psql(self, dsn, sql=None, variables=None, file=None, check=True):
        """Runs SQL through psql connected with a URI; returns stdout (unaligned, tuples only). Raises PsqlError."""
        cmd = ["psql", dsn, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        for k, v in (variables or {}).items():
            cmd += ["-v", f"{k}={v}"]
        stdin = None
        if file:
            cmd += ["-f", file]
        if sql is not None and variables:
            # psql interpolates :'name' and :"name" only in what it reads as a script, not in -c.
            cmd += ["-f", "-"]
            stdin = sql
        elif sql is not None:
            cmd += ["-c", sql]
        env = dict(os.environ, PGCONNECT_TIMEOUT="10")
        for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGSSLROOTCERT", "PGSERVICE"):
            env.pop(k, None)
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin)
        if check and result.returncode != 0:
            raise PsqlError(result)
        return result.stdout if result.returncode == 0 else result

    def superuser(self, sql, database="postgres"):
        """The fixture's own setup and inspection, as the cluster's superuser over the Unix socket (RDS users never get this)."""
        result = subprocess.run(["psql", "-h", self.dir, "-p", str(self.port), "-U", "postgres", "-d", database,
                                 "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
        if result.returncode != 0:
            raise PsqlError(result)
        return result.stdout

    # ---- internals ----------------------------------------------------------------------------------------------

    def _emulate_rds(self):
        self.superuser(f"CREATE ROLE {MASTER} LOGIN CREATEROLE CREATEDB PASSWORD '{MASTER_PASSWORD.replace(chr(39), chr(39) * 2)}'")
        self.superuser(f"CREATE DATABASE mattermost OWNER {MASTER}")
        self.superuser(f"CREATE DATABASE other OWNER {MASTER}")
        self.psql(self.master_uri("other"), "CREATE TABLE payroll (name text, salary int); INSERT INTO payroll VALUES ('ceo', 1)")

    def _own(self):
        """Hands the directory to the server's user when the tests run as root."""
        if self.run_as:
            for root, dirs, files in os.walk(self.dir):
                for name in dirs + files + [""]:
                    os.chown(os.path.join(root, name), self.run_as.pw_uid, self.run_as.pw_gid)

    def _server_cmd(self, cmd, check=True):
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as.pw_name, "--"] + cmd
        result = subprocess.run(cmd, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def _make_certificates(self):
        d = self.dir

        def openssl(*args):
            subprocess.run(["openssl", *args], check=True, capture_output=True)

        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test RDS Root CA",
                "-keyout", f"{d}/ca.key", "-out", self.ca_file)
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", f"{d}/server.key", "-out", f"{d}/server.csr")
        with open(f"{d}/san.ext", "w", encoding="utf-8") as f:
            f.write("subjectAltName=DNS:localhost\n")
        openssl("x509", "-req", "-in", f"{d}/server.csr", "-CA", self.ca_file, "-CAkey", f"{d}/ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", f"{d}/san.ext", "-out", f"{d}/server.pem")
        os.chmod(f"{d}/server.key", 0o600)
        os.chmod(d, 0o755)
