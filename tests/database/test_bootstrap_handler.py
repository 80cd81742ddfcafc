"""The bootstrap function's handler: its Secrets Manager logic against moto, its SQL against a real PostgreSQL (the
executor is the seam: psql in the tests, the RDS Data API in Lambda), and its Data API calls checked against the
rds-data service model that boto3 ships (botocore's Stubber validates every request's parameters).
"""

import json
import unittest

import pgserver
import support
from support import APP_USER, CLONE_USER, HOSTILE, OWNER_ROLE, moto_secrets

CLUSTER_ARN = "arn:aws:rds:us-east-1:111122223333:cluster:mattermost-staging"


class HandlerEventTest(unittest.TestCase):
    def test_an_incomplete_input_is_refused_by_name(self):
        handler = support.lambda_module()
        with self.assertRaisesRegex(handler.BootstrapError, "lacks appSecretArn, host"):
            handler.read_event({"clusterArn": "a", "masterSecretArn": "b", "port": 5432, "database": "mattermost",
                                "appUser": APP_USER, "ownerRole": OWNER_ROLE})


class DataApiExecutorTest(unittest.TestCase):
    """The calls the executor makes, validated against botocore's rds-data model: one transaction, the named
    parameters as stringValue fields, a rollback when a statement fails."""

    def setUp(self):
        import boto3
        from botocore.stub import Stubber
        self.client = boto3.client("rds-data", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
        self.stub = Stubber(self.client)
        self.handler = support.lambda_module()
        self.target = {"resourceArn": CLUSTER_ARN, "secretArn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!cluster-a"}

    def test_statements_run_in_one_transaction_with_bound_parameters(self):
        self.stub.add_response("begin_transaction", {"transactionId": "tx1"}, {**self.target, "database": "mattermost"})
        self.stub.add_response("execute_statement", {}, {**self.target, "database": "mattermost", "transactionId": "tx1",
                               "sql": self.handler.INPUTS_SQL, "parameters": [{"name": "password", "value": {"stringValue": HOSTILE[0]}}]})
        self.stub.add_response("execute_statement", {}, {**self.target, "database": "mattermost", "transactionId": "tx1",
                               "sql": "DO $$ BEGIN END $$", "parameters": []})
        self.stub.add_response("commit_transaction", {"transactionStatus": "Transaction Committed"}, {**self.target, "transactionId": "tx1"})
        with self.stub:
            executor = self.handler.DataApiExecutor(self.client, self.target["resourceArn"], self.target["secretArn"], "mattermost")
            executor.run([(self.handler.INPUTS_SQL, {"password": HOSTILE[0]}), ("DO $$ BEGIN END $$", {})])
        self.stub.assert_no_pending_responses()

    def test_a_failing_statement_rolls_back(self):
        self.stub.add_response("begin_transaction", {"transactionId": "tx2"}, {**self.target, "database": "mattermost"})
        self.stub.add_client_error("execute_statement", "BadRequestException", "ERROR: the app secret names user x")
        self.stub.add_response("rollback_transaction", {"transactionStatus": "Rollback Complete"}, {**self.target, "transactionId": "tx2"})
        with self.stub:
            executor = self.handler.DataApiExecutor(self.client, self.target["resourceArn"], self.target["secretArn"], "mattermost")
            with self.assertRaises(Exception):
                executor.run([("DO $$ BEGIN END $$", {})])
        self.stub.assert_no_pending_responses()


@support.require_tools
class BootstrapHandlerTest(unittest.TestCase):
    """Each test gets its own server, so that what one bootstrap did does not carry over."""

    def setUp(self):
        self.server = pgserver.PostgresServer().start()
        self.mock, self.secrets = moto_secrets()
        self.handler = support.lambda_module()
        self.master_arn = self.secrets.create_secret(Name="rds!cluster-test", SecretString=json.dumps(
            {"username": pgserver.MASTER, "password": pgserver.MASTER_PASSWORD}))["ARN"]
        self.app_arn = self.secrets.create_secret(Name="mattermost-app-db", Description="no value yet")["ARN"]
        self.event = {"clusterArn": CLUSTER_ARN, "masterSecretArn": self.master_arn, "appSecretArn": self.app_arn,
                      "host": "localhost", "port": self.server.port, "database": "mattermost",
                      "appUser": APP_USER, "ownerRole": OWNER_ROLE}
        self.executor = support.PsqlExecutor(self.server, self.server.master_uri())

    def tearDown(self):
        self.mock.stop()
        self.server.stop()

    def current(self):
        return json.loads(self.secrets.get_secret_value(SecretId=self.app_arn, VersionStage="AWSCURRENT")["SecretString"])

    def versions(self):
        return len(self.secrets.list_secret_version_ids(SecretId=self.app_arn)["Versions"])

    def connects(self, value):
        return isinstance(self.server.psql(support.kubernetes_dsns(self.server, value)["DB_CONNECTION_STRING"], "SELECT 1", check=False), str)

    def test_a_new_secret_gets_a_generated_password_and_the_rotation_fields(self):
        result = support.bootstrap(self.event, self.secrets, self.executor)
        value = self.current()
        self.assertEqual({"engine", "host", "port", "dbname", "username", "password", "masterarn"}, set(value))
        self.assertEqual(({"engine": "postgres", "host": "localhost", "port": self.server.port, "dbname": "mattermost",
                           "username": APP_USER, "masterarn": self.master_arn}),
                         {k: v for k, v in value.items() if k != "password"})
        self.assertEqual(32, len(value["password"]))
        self.assertFalse(set(value["password"]) & set(self.handler.EXCLUDE_CHARACTERS + " "))
        self.assertEqual({"appUser": APP_USER, "ownerRole": OWNER_ROLE, "secret": "created"}, result)
        self.assertNotIn(value["password"], json.dumps(result))
        self.assertTrue(self.connects(value))

    def test_a_second_invocation_keeps_the_secret(self):
        support.bootstrap(self.event, self.secrets, self.executor)
        first, versions = self.current(), self.versions()
        self.assertEqual("unchanged", support.bootstrap(self.event, self.secrets, self.executor)["secret"])
        self.assertEqual(first, self.current())
        self.assertEqual(versions, self.versions())
        self.assertTrue(self.connects(first))

    def test_after_rotations_the_user_the_secret_names_gets_its_password(self):
        value = {**support.secret_value(self.server, CLONE_USER, HOSTILE[1]), "masterarn": self.master_arn}
        self.secrets.put_secret_value(SecretId=self.app_arn, SecretString=json.dumps(value))
        self.assertEqual("unchanged", support.bootstrap(self.event, self.secrets, self.executor)["secret"])
        self.assertEqual(value, self.current())
        self.assertTrue(self.connects(value))

    def test_a_moved_endpoint_is_corrected_and_the_credentials_kept(self):
        value = {**support.secret_value(self.server, APP_USER, HOSTILE[2]), "masterarn": self.master_arn,
                 "host": "old-writer.cluster-abc.us-east-1.rds.amazonaws.com"}
        self.secrets.put_secret_value(SecretId=self.app_arn, SecretString=json.dumps(value))
        self.assertEqual("updated", support.bootstrap(self.event, self.secrets, self.executor)["secret"])
        self.assertEqual({**value, "host": "localhost"}, self.current())
        self.assertTrue(self.connects(self.current()))

    def test_an_unusable_value_is_replaced(self):
        for bad in ("not json", json.dumps({"username": "postgres", "password": HOSTILE[3]}), json.dumps({"username": APP_USER})):
            with self.subTest(bad=bad):
                self.secrets.put_secret_value(SecretId=self.app_arn, SecretString=bad)
                self.assertEqual("created", support.bootstrap(self.event, self.secrets, self.executor)["secret"])
                self.assertEqual(APP_USER, self.current()["username"])
                self.assertTrue(self.connects(self.current()))

