"""The bootstrap SQL against a real PostgreSQL shaped like RDS (a CREATEROLE, CREATEDB master that is not a superuser):
it runs twice without changing anything the second time, moves a master-run deployment's objects to the owner role, and
the app user then connects with the exact connection strings both tiers build and can do what Mattermost's migrations
do, and nothing an attacker with its credentials would want.
"""

import re
import unittest

import pgserver
import support
from support import APP_USER, CLONE_USER, HOSTILE, OWNER_ROLE

# What a deployment where Mattermost ran as the master user has in the database: tables with serial and identity
# columns, a view, a materialized view, a stand-alone sequence, a function, an enum, a domain and a composite type; and
# an administrator's own schema that is not Mattermost's.
LEGACY = """
CREATE TYPE channel_kind AS ENUM ('O', 'P');
CREATE DOMAIN short_id AS varchar(26);
CREATE TYPE pair AS (a int, b int);
CREATE TABLE posts (id bigserial PRIMARY KEY, channel short_id, kind channel_kind, message text);
CREATE TABLE users (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text UNIQUE);
CREATE SEQUENCE standalone_seq;
CREATE VIEW recent_posts AS SELECT * FROM posts;
CREATE MATERIALIZED VIEW post_counts AS SELECT channel, count(*) AS n FROM posts GROUP BY channel;
CREATE FUNCTION post_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM posts';
INSERT INTO posts (channel, kind, message) VALUES ('c1', 'O', 'hello');
CREATE SCHEMA admin_tools;
CREATE TABLE admin_tools.audit (x int);
"""

# Everything the bootstrap may change, read as the superuser: roles, memberships, per-database role settings, the
# database's owner and privileges, the public schema, and who owns every object in the database.
SNAPSHOT = {
    "roles": "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls "
             "FROM pg_roles WHERE rolname NOT LIKE 'pg\\_%' ORDER BY rolname",
    "members": "SELECT r.rolname, m.rolname, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
               "JOIN pg_roles m ON m.oid = a.member ORDER BY 1, 2, 3",
    "settings": "SELECT coalesce(d.datname, '*'), r.rolname, s.setconfig FROM pg_db_role_setting s "
                "LEFT JOIN pg_database d ON d.oid = s.setdatabase JOIN pg_roles r ON r.oid = s.setrole ORDER BY 1, 2",
    "databases": "SELECT datname, pg_get_userbyid(datdba), datacl FROM pg_database ORDER BY datname",
}
SNAPSHOT_IN_MATTERMOST = {
    "schemas": "SELECT nspname, pg_get_userbyid(nspowner), nspacl FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
               "AND nspname <> 'information_schema' ORDER BY 1",
    "relations": "SELECT n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relacl FROM pg_class c "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'admin_tools') ORDER BY 1, 2",
    "routines": "SELECT p.oid::regprocedure, pg_get_userbyid(p.proowner) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1",
    "types": "SELECT t.typname, pg_get_userbyid(t.typowner) FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace ORDER BY 1",
}


def snapshot(server):
    state = {k: server.superuser(q) for k, q in SNAPSHOT.items()}
    state.update({k: server.superuser(q, database="mattermost") for k, q in SNAPSHOT_IN_MATTERMOST.items()})
    return state


def is_one_statement(sql):
    """The file is comments and one DO block, whose dollar-quote tag does not reappear inside it."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip()
    m = re.fullmatch(r"DO (\$\w*\$)(.*)\1;", body, re.S)
    return m is not None and m.group(1) not in m.group(2)


@support.require_tools
class BootstrapSqlTest(unittest.TestCase):
    password = HOSTILE[0]

    @classmethod
    def setUpClass(cls):
        cls.server = pgserver.PostgresServer().start()
        try:
            cls.server.psql(cls.server.master_uri(), LEGACY)
            cls.before = snapshot(cls.server)
            support.run_bootstrap_sql(cls.server, APP_USER, cls.password)
            cls.first = snapshot(cls.server)
            support.run_bootstrap_sql(cls.server, APP_USER, cls.password)
            cls.second = snapshot(cls.server)
            cls.secret = support.secret_value(cls.server, APP_USER, cls.password)
        except Exception:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def app(self, sql, **kw):
        return self.server.psql(self.server.uri(APP_USER, self.password), sql, **kw)

    def assert_refused(self, dsn, sql, message):
        result = self.server.psql(dsn, sql, check=False)
        self.assertNotEqual(0, result.returncode, f"expected refusal for: {sql}")
        self.assertRegex(result.stderr, message)

    # ---- the file and its idempotence ---------------------------------------------------------------------------

    def test_the_file_is_one_statement_for_the_data_api(self):
        self.assertTrue(is_one_statement(support.read_bootstrap_sql()))
        self.assertFalse(is_one_statement("DO $x$ BEGIN END $x$; SELECT 1;"))

    def test_a_second_run_changes_nothing(self):
        self.assertNotEqual(self.before, self.first)
        self.assertEqual(self.first, self.second)

    def test_the_password_never_reaches_the_server_log(self):
        log = self.server.log()
        self.assertTrue(log)
        self.assertNotIn(self.password, log)

    # ---- roles ----------------------------------------------------------------------------------------------------

    def test_the_owner_role_cannot_log_in_and_both_users_can_and_are_its_members(self):
        roles = {line.split("|")[0]: line.split("|")[1:] for line in self.first["roles"].splitlines()}
        # rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls
        self.assertEqual(["f", "t", "f", "f", "f", "f", "f"], roles[OWNER_ROLE])
        for user in (APP_USER, CLONE_USER):
            self.assertEqual(["f", "t", "f", "f", "t", "f", "f"], roles[user])
        members = {tuple(line.split("|")[:2]) for line in self.first["members"].splitlines()}
        for user in (APP_USER, CLONE_USER, pgserver.MASTER):
            self.assertIn((OWNER_ROLE, user), members)
        self.assertFalse([m for m in members if m[1] in (APP_USER, CLONE_USER) and m[0] != OWNER_ROLE])

    def test_whichever_user_logs_in_acts_as_the_owner_role(self):
        self.assertEqual(f"{APP_USER}|{OWNER_ROLE}", self.app("SELECT session_user, current_user").strip())
        self.assertIn(f"mattermost|{CLONE_USER}|{{role={OWNER_ROLE}}}", self.first["settings"])

    # ---- ownership ------------------------------------------------------------------------------------------------

    def test_the_database_and_public_schema_belong_to_the_owner_role(self):
        self.assertRegex(self.first["databases"], rf"(?m)^mattermost\|{OWNER_ROLE}\|")
        self.assertRegex(self.first["schemas"], rf"(?m)^public\|{OWNER_ROLE}\|")
        self.assertRegex(self.first["databases"], rf"(?m)^other\|{pgserver.MASTER}\|")

    def test_a_master_run_deployment_hands_over_its_objects_and_only_those_in_public(self):
        relations = [line.split("|") for line in self.first["relations"].splitlines()]
        public = [r for r in relations if r[0] == "public"]
        self.assertEqual({"posts", "posts_id_seq", "posts_pkey", "users", "users_id_seq", "users_pkey", "users_name_key",
                          "standalone_seq", "recent_posts", "post_counts", "pair"}, {r[1] for r in public})
        self.assertEqual({OWNER_ROLE}, {r[3] for r in public})
        self.assertEqual([["admin_tools", "audit", "r", pgserver.MASTER, ""]], [r for r in relations if r[0] == "admin_tools"])
        self.assertEqual(f"post_count()|{OWNER_ROLE}", self.first["routines"].strip())
        types = dict(line.split("|") for line in self.first["types"].splitlines())
        for name in ("channel_kind", "short_id", "pair", "posts", "_posts"):
            self.assertEqual(OWNER_ROLE, types[name], name)

    def test_only_the_owner_role_may_connect(self):
        acl = re.search(r"(?m)^mattermost\|[^|]*\|(.*)$", self.first["databases"]).group(1)
        self.assertNotRegex(acl, r"(^|[{,])=")  # no PUBLIC entry
        self.assertIn(f"{OWNER_ROLE}=CTc/", acl)
        self.assertEqual("1", self.server.psql(self.server.master_uri(), "SELECT 1").strip())

    # ---- the app's connection strings --------------------------------------------------------------------------------

    def test_the_kubernetes_and_vm_connection_strings_connect_with_a_hostile_password(self):
        dsns = support.kubernetes_dsns(self.server, self.secret)
        writer = dsns["DB_CONNECTION_STRING"]
        self.assertEqual(writer, support.vm_dsn(self.secret, self.server.ca_file))
        replicas = dsns["MM_SQLSETTINGS_DATASOURCEREPLICAS"].split(" ")
        self.assertEqual(2, len(replicas))  # staging has two readers; Mattermost splits the variable on spaces
        for dsn in [writer, *replicas, support.vm_dsn(self.secret, self.server.ca_file, host="localhost")]:
            self.assertNotIn(" ", dsn)
            self.assertIn("sslmode=verify-full", dsn)
            self.assertEqual(f"{APP_USER}|{OWNER_ROLE}", self.server.psql(dsn, "SELECT session_user, current_user").strip())

    def test_tls_verifies_the_server(self):
        for bad in (self.server.uri(APP_USER, self.password, host="127.0.0.1"),  # certificate is for localhost
                    self.server.uri(APP_USER, self.password, sslmode="disable")):  # no TLS: refused
            result = self.server.psql(bad, "SELECT 1", check=False)
            self.assertNotEqual(0, result.returncode, bad)

    # ---- what the app may and may not do -------------------------------------------------------------------------

    def test_the_app_runs_migrations_on_new_and_handed_over_objects(self):
        self.app("CREATE TABLE IF NOT EXISTS channels (id varchar(26) PRIMARY KEY, name text)")
        self.app("ALTER TABLE channels ADD COLUMN IF NOT EXISTS purpose text")
        self.app("CREATE INDEX IF NOT EXISTS channels_name ON channels (name)")
        self.app("ALTER TABLE posts ADD COLUMN IF NOT EXISTS edited boolean DEFAULT false")
        self.app("ALTER TABLE users ALTER COLUMN name SET NOT NULL")
        self.app("ALTER TYPE channel_kind ADD VALUE IF NOT EXISTS 'D'")
        self.app("DROP VIEW recent_posts; CREATE VIEW recent_posts AS SELECT id, message FROM posts")
        self.app("REFRESH MATERIALIZED VIEW post_counts")
        self.app("SELECT setval('standalone_seq', 10)")
        self.assertEqual("1", self.app("SELECT post_count()").strip())
        self.app("INSERT INTO posts (channel, kind, message) VALUES ('c2', 'D', 'bye'); DELETE FROM posts WHERE channel = 'c2'")
        self.assertEqual(OWNER_ROLE, self.app("SELECT tableowner FROM pg_tables WHERE tablename = 'channels'").strip())

    def test_the_app_cannot_reach_beyond_its_database(self):
        dsn = self.server.uri(APP_USER, self.password)
        self.assert_refused(dsn, "CREATE ROLE intruder LOGIN", "permission denied to create role")
        self.assert_refused(dsn, "CREATE DATABASE intruder", "permission denied to create database")
        self.assert_refused(dsn, f"SET ROLE {pgserver.MASTER}", "permission denied to set role")
        self.assert_refused(dsn, f"ALTER ROLE {pgserver.MASTER} PASSWORD 'x-x-x-x-x-x-x-x'", "permission denied")
        self.assert_refused(dsn, f"GRANT {OWNER_ROLE} TO {pgserver.MASTER}", "permission denied|must have admin option")
        self.assert_refused(dsn, "SELECT * FROM admin_tools.audit", "permission denied")
        self.assert_refused(dsn, "SELECT rolpassword FROM pg_authid", "permission denied")
        self.assert_refused(self.server.uri(APP_USER, self.password, database="other"), "SELECT * FROM payroll", "permission denied")

    def test_the_app_credentials_do_not_open_the_master_user(self):
        result = self.server.psql(self.server.uri(pgserver.MASTER, self.password), "SELECT 1", check=False)
        self.assertNotEqual(0, result.returncode)
        self.assertIn("password authentication failed", result.stderr)


@support.require_tools
class BootstrapInputsTest(unittest.TestCase):
    """The SQL refuses inputs that would hand the database to the wrong user."""

    @classmethod
    def setUpClass(cls):
        cls.server = pgserver.PostgresServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def refused(self, message, **kw):
        args = dict(secret_user=APP_USER, password=HOSTILE[1])
        args.update(kw)
        with self.assertRaises(pgserver.PsqlError) as e:
            support.run_bootstrap_sql(self.server, **args)
        self.assertIn(message, e.exception.stderr)

    def test_a_user_outside_the_pair_is_refused(self):
        self.refused("expected mattermost_app or mattermost_app_clone", secret_user="postgres")

    def test_a_short_password_is_refused(self):
        self.refused("shorter than 16 characters", password="short")

    def test_a_failure_half_way_leaves_nothing_behind(self):
        # A clone user the master may not touch (a superuser): the block fails after it created the owner role, and
        # the transaction takes everything back.
        self.server.superuser(f"CREATE ROLE {CLONE_USER} SUPERUSER")
        try:
            with self.assertRaises(pgserver.PsqlError):
                support.run_bootstrap_sql(self.server, APP_USER, HOSTILE[1])
            self.assertEqual("", self.server.superuser(f"SELECT rolname FROM pg_roles WHERE rolname IN ('{OWNER_ROLE}', '{APP_USER}')").strip())
            self.assertEqual(pgserver.MASTER, self.server.superuser("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'mattermost'").strip())
        finally:
            self.server.superuser(f"DROP ROLE {CLONE_USER}")
