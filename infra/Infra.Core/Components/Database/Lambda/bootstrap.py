"""Bootstraps Mattermost's own database roles; invoked by the deployment (aws:lambda/invocation:Invocation).

1. The app secret: when it has no usable value yet (a new stack), a password is generated and the secret is given the
   JSON that Secrets Manager's alternating-users rotation function reads (engine, host, port, dbname, username,
   password, masterarn). A usable value is kept; only its connection fields are corrected when the cluster's endpoint
   changed (the rotation refuses a secret whose host differs from the master's).
2. The SQL: bootstrap-app-role.sql runs in the Mattermost database as the master user, through the RDS Data API (no
   database driver and no network path into the VPC: the Data API is an AWS API, gated by IAM), in one transaction
   with its inputs set first. The password is a bound parameter, never part of any SQL text.

The event (the Invocation's input) names everything: clusterArn, masterSecretArn, appSecretArn, host, port, database,
appUser, ownerRole. The result holds no secret: it is kept in the Pulumi state.
"""

import json
import logging
import os

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SQL_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bootstrap-app-role.sql")

# The rotation function's own default exclusions (SecretsManagerRDSPostgreSQLRotationMultiUser, get_random_password),
# so that a generated password looks like the ones rotations make. The connection strings escape every other character.
EXCLUDE_CHARACTERS = ":/@\"'\\"
PASSWORD_LENGTH = 32
MIN_PASSWORD_LENGTH = 16

# Sets the SQL's inputs for the rest of the transaction (is_local = true). Named parameters, as the Data API takes them.
INPUTS_SQL = (
    "SELECT set_config('mattermost.app_user', CAST(:app_user AS text), true), "
    "set_config('mattermost.owner_role', CAST(:owner_role AS text), true), "
    "set_config('mattermost.secret_user', CAST(:secret_user AS text), true), "
    "set_config('mattermost.app_password', CAST(:password AS text), true)"
)

REQUIRED_EVENT_KEYS = ("clusterArn", "masterSecretArn", "appSecretArn", "host", "port", "database", "appUser", "ownerRole")


class BootstrapError(Exception):
    """A clear, secret-free reason the bootstrap stopped."""


def read_event(event):
    missing = [k for k in REQUIRED_EVENT_KEYS if not event.get(k)]
    if missing:
        raise BootstrapError(f"the invocation input lacks {', '.join(missing)}")
    return event


def clone_of(user):
    return user + "_clone"


def expected_fields(event):
    """The connection fields of the app secret, as the rotation function reads them."""
    return {
        "engine": "postgres",
        "host": event["host"],
        "port": int(event["port"]),
        "dbname": event["database"],
        "masterarn": event["masterSecretArn"],
    }


def usable(value, app_user):
    """A secret value whose user and password can be kept: one of the two alternating users, with a password."""
    return (isinstance(value, dict)
            and value.get("username") in (app_user, clone_of(app_user))
            and isinstance(value.get("password"), str)
            and len(value["password"]) >= MIN_PASSWORD_LENGTH)


def current_value(secrets, secret_arn):
    """The AWSCURRENT value as a dict; None when the secret has no value yet or holds no JSON object."""
    try:
        text = secrets.get_secret_value(SecretId=secret_arn, VersionStage="AWSCURRENT").get("SecretString")
    except secrets.exceptions.ResourceNotFoundException:
        return None
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def ensure_app_secret(secrets, event):
    """Returns (the secret value to use, what was done: "created", "updated" or "unchanged")."""
    arn = event["appSecretArn"]
    fields = expected_fields(event)
    value = current_value(secrets, arn)
    if usable(value, event["appUser"]):
        if all(value.get(k) == v for k, v in fields.items()):
            return value, "unchanged"
        value = {**value, **fields}
        secrets.put_secret_value(SecretId=arn, SecretString=json.dumps(value), VersionStages=["AWSCURRENT"])
        return value, "updated"
    password = secrets.get_random_password(PasswordLength=PASSWORD_LENGTH, ExcludeCharacters=EXCLUDE_CHARACTERS,
                                           IncludeSpace=False, RequireEachIncludedType=True)["RandomPassword"]
    value = {**fields, "username": event["appUser"], "password": password}
    secrets.put_secret_value(SecretId=arn, SecretString=json.dumps(value), VersionStages=["AWSCURRENT"])
    return value, "created"


class DataApiExecutor:
    """Runs statements in one transaction through the RDS Data API, as the master secret's user."""

    def __init__(self, client, cluster_arn, secret_arn, database):
        self.client = client
        self.target = {"resourceArn": cluster_arn, "secretArn": secret_arn}
        self.database = database

    def run(self, statements):
        tx = self.client.begin_transaction(database=self.database, **self.target)["transactionId"]
        try:
            for sql, params in statements:
                self.client.execute_statement(
                    sql=sql, database=self.database, transactionId=tx,
                    parameters=[{"name": k, "value": {"stringValue": v}} for k, v in params.items()], **self.target)
            self.client.commit_transaction(transactionId=tx, **self.target)
        except Exception:
            self.client.rollback_transaction(transactionId=tx, **self.target)
            raise


def read_sql():
    with open(SQL_FILE, encoding="utf-8") as f:
        return f.read()


def bootstrap(event, secrets, executor, sql=None):
    event = read_event(event)
    value, secret_change = ensure_app_secret(secrets, event)
    executor.run([
        (INPUTS_SQL, {
            "app_user": event["appUser"],
            "owner_role": event["ownerRole"],
            "secret_user": value["username"],
            "password": value["password"],
        }),
        (sql if sql is not None else read_sql(), {}),
    ])
    result = {"appUser": value["username"], "ownerRole": event["ownerRole"], "secret": secret_change}
    logger.info("bootstrap done: %s", json.dumps(result))
    return result


def handler(event, context):
    import boto3  # in the Lambda runtime; imported here so that the module loads without it

    event = read_event(event)
    secrets = boto3.client("secretsmanager")
    executor = DataApiExecutor(boto3.client("rds-data"), event["clusterArn"], event["masterSecretArn"], event["database"])
    return bootstrap(event, secrets, executor)
