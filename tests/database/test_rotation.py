"""The alternating-users rotation against a real PostgreSQL, after the deployment's bootstrap, step by step: every
credential a node or pod may still hold (the current one, or the previous one it has not re-read yet) connects; the
one from two rotations back does not; tables either user creates belong to the owner role and the other user can
alter them. The connection strings are the ones both tiers build, so the passwords are hostile on purpose.
"""

import itertools
import json
import unittest

import pgserver
import support
from rotation import AlternatingUsersRotation
from support import APP_USER, CLONE_USER, HOSTILE, OWNER_ROLE, moto_secrets


@support.require_tools
class AlternatingUsersRotationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = pgserver.PostgresServer().start()
        cls.mock, cls.secrets = moto_secrets()

    @classmethod
    def tearDownClass(cls):
        cls.mock.stop()
        cls.server.stop()

    def connects(self, value):
        """Both tiers' connection strings for this secret value, checked against the server."""
        dsns = [support.kubernetes_dsns(self.server, value)["DB_CONNECTION_STRING"], support.vm_dsn(value, self.server.ca_file)]
        ok = [isinstance(self.server.psql(d, "SELECT 1", check=False), str) for d in dsns]
        self.assertEqual(ok[0], ok[1], f"the two tiers disagree for {value['username']}")
        return ok[0]

    def sql(self, value, statement):
        return self.server.psql(support.kubernetes_dsns(self.server, value)["DB_CONNECTION_STRING"], statement)

    def test_every_credential_a_node_may_hold_connects_and_two_rotations_back_does_not(self):
        master_arn = self.secrets.create_secret(Name="rds!cluster-test", SecretString=json.dumps(
            {"username": pgserver.MASTER, "password": pgserver.MASTER_PASSWORD}))["ARN"]
        app_arn = self.secrets.create_secret(Name="mattermost-app-db")["ARN"]
        # A secret that already holds a hostile password: the bootstrap keeps it and sets it.
        self.secrets.put_secret_value(SecretId=app_arn, SecretString=json.dumps(
            {**support.secret_value(self.server, APP_USER, HOSTILE[0]), "masterarn": master_arn}))
        event = {"clusterArn": "arn:aws:rds:us-east-1:111122223333:cluster:test", "masterSecretArn": master_arn,
                 "appSecretArn": app_arn, "host": "localhost", "port": self.server.port, "database": "mattermost",
                 "appUser": APP_USER, "ownerRole": OWNER_ROLE}
        self.assertEqual("unchanged", support.bootstrap(event, self.secrets, support.PsqlExecutor(self.server, self.server.master_uri()))["secret"])

        passwords = itertools.cycle(HOSTILE[1:])
        rotation = AlternatingUsersRotation(self.secrets, self.server, master_arn, "localhost", lambda: next(passwords))

        def current():
            return json.loads(self.secrets.get_secret_value(SecretId=app_arn, VersionStage="AWSCURRENT")["SecretString"])

        held = [current()]  # what nodes read, oldest first
        self.assertTrue(self.connects(held[0]))
        self.sql(held[0], "CREATE TABLE made_by_app (id int)")

        for n in range(1, 5):
            rotation.rotate(app_arn)
            held.append(current())
            previous = json.loads(self.secrets.get_secret_value(SecretId=app_arn, VersionStage="AWSPREVIOUS")["SecretString"])
            self.assertEqual(held[-2], previous, "AWSPREVIOUS is the value nodes read before this rotation")
            self.assertEqual(CLONE_USER if n % 2 else APP_USER, held[-1]["username"])
            self.assertEqual({k: v for k, v in held[0].items() if k not in ("username", "password")},
                             {k: v for k, v in held[-1].items() if k not in ("username", "password")})
            self.assertTrue(self.connects(held[-1]), f"rotation {n}: the new credentials connect")
            self.assertTrue(self.connects(held[-2]), f"rotation {n}: a node that has not re-read the secret still connects")
            if n >= 2:
                self.assertFalse(self.connects(held[-3]), f"rotation {n}: the credentials from two rotations back are dead")
            # Whoever is current alters what the other made, and what it makes belongs to the owner role.
            self.sql(held[-1], f"ALTER TABLE made_by_app ADD COLUMN c{n} text; CREATE TABLE made_in_rotation_{n} (id int)")
            self.sql(held[-2], f"ALTER TABLE made_in_rotation_{n} ADD COLUMN by_previous text")

        owners = self.server.superuser("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", database="mattermost")
        self.assertEqual(OWNER_ROLE, owners.strip())
        # The rotation only ever set passwords: the bootstrap's users, memberships and settings are untouched.
        members = self.server.superuser("SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                                        f"JOIN pg_roles m ON m.oid = a.member WHERE m.rolname IN ('{APP_USER}', '{CLONE_USER}') ORDER BY 2")
        self.assertEqual(f"{OWNER_ROLE}|{APP_USER}\n{OWNER_ROLE}|{CLONE_USER}\n", members)

    def test_the_rotation_refuses_a_secret_whose_host_is_not_the_masters(self):
        master_arn = self.secrets.create_secret(Name="rds!cluster-other", SecretString=json.dumps(
            {"username": pgserver.MASTER, "password": pgserver.MASTER_PASSWORD}))["ARN"]
        support.run_bootstrap_sql(self.server, APP_USER, HOSTILE[2])
        value = {**support.secret_value(self.server, APP_USER, HOSTILE[2]), "masterarn": master_arn}
        arn = self.secrets.create_secret(Name="mattermost-app-db-2", SecretString=json.dumps(value))["ARN"]
        # The rotation compares the secret's host with the cluster's writer endpoint: the bootstrap writes exactly that.
        rotation = AlternatingUsersRotation(self.secrets, self.server, master_arn, "writer.cluster-x.us-east-1.rds.amazonaws.com",
                                           lambda: "never set: " + HOSTILE[3])
        with self.assertRaisesRegex(ValueError, "is not the same host"):
            rotation.rotate(arn)
