"""Secrets Manager's alternating-users rotation, step by step, as the SAR application the stacks deploy runs it.

Transcribed from aws-samples/aws-secrets-manager-rotation-lambdas, SecretsManagerRDSPostgreSQLRotationMultiUser/
lambda_function.py (commit 119afe71a4db426781a938a1a2545814a37bbf33; the function behind the Serverless Application
Repository application SecretsManagerRDSPostgreSQLRotationMultiUser): the same four steps, the same checks and the same
SQL, with the SQL sent through psql as the master user instead of PyGreSQL, and the secret versions kept in Secrets
Manager (moto in the tests). What the function reads from RDS (the master's host, from the cluster the RDS-managed
master secret is tagged with) is passed in as ``master_host``.
"""

import json
import uuid


def alt_username(current):
    suffix = "_clone"
    return current[:-len(suffix)] if current.endswith(suffix) else current + suffix


class AlternatingUsersRotation:
    def __init__(self, secrets, server, master_secret_arn, master_host, new_password):
        self.secrets = secrets
        self.server = server
        self.master_secret_arn = master_secret_arn
        self.master_host = master_host
        self.new_password = new_password  # stands in for get_random_password

    def secret_dict(self, arn, stage, token=None):
        kw = {"SecretId": arn, "VersionStage": stage}
        if token:
            kw["VersionId"] = token
        value = json.loads(self.secrets.get_secret_value(**kw)["SecretString"])
        for field in ("host", "username", "password", "engine"):
            if field not in value and arn != self.master_secret_arn:
                raise KeyError(f"{field} key is missing from secret JSON")
        return value

    def _ok(self, dsn):
        result = self.server.psql(dsn, "SELECT 1", check=False)
        return isinstance(result, str)

    # ---- the four steps -------------------------------------------------------------------------------------------

    def create_secret(self, arn, token):
        current = self.secret_dict(arn, "AWSCURRENT")
        try:
            self.secret_dict(arn, "AWSPENDING", token)
        except self.secrets.exceptions.ResourceNotFoundException:
            current["username"] = alt_username(current["username"])
            current["password"] = self.new_password()
            self.secrets.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=json.dumps(current),
                                          VersionStages=["AWSPENDING"])

    def set_secret(self, arn, token):
        current = self.secret_dict(arn, "AWSCURRENT")
        pending = self.secret_dict(arn, "AWSPENDING", token)
        if self._ok(self.server.uri(pending["username"], pending["password"], pending["dbname"])):
            return
        if alt_username(current["username"]) != pending["username"]:
            raise ValueError(f"Attempting to modify user {pending['username']} other than current user or clone {current['username']}")
        if current["host"] != pending["host"]:
            raise ValueError(f"Attempting to modify user for host {pending['host']} other than current host {current['host']}")
        if not self._ok(self.server.uri(current["username"], current["password"], current["dbname"])):
            raise ValueError("Unable to log into database using current credentials")
        master = self.secret_dict(self.master_secret_arn, "AWSCURRENT")
        master["host"] = self.master_host
        master["dbname"] = current.get("dbname")
        if current["host"] != master["host"]:
            raise ValueError(f"Current database host {current['host']} is not the same host as/rds replica of master {master['host']}")
        dsn = self.server.uri(master["username"], master["password"], master["dbname"])
        exists = self.server.psql(dsn, "SELECT 1 FROM pg_roles where rolname = :'pending'", variables={"pending": pending["username"]}).strip()
        if not exists:
            self.server.psql(dsn, "CREATE ROLE :\"pending\" WITH LOGIN PASSWORD :'password'",
                             variables={"pending": pending["username"], "password": pending["password"]})
            self.server.psql(dsn, "GRANT :\"current\" TO :\"pending\"",
                             variables={"current": current["username"], "pending": pending["username"]})
        else:
            self.server.psql(dsn, "ALTER USER :\"pending\" WITH PASSWORD :'password'",
                             variables={"pending": pending["username"], "password": pending["password"]})

    def test_secret(self, arn, token):
        pending = self.secret_dict(arn, "AWSPENDING", token)
        self.server.psql(self.server.uri(pending["username"], pending["password"], pending["dbname"]), "SELECT NOW()")

    def finish_secret(self, arn, token):
        versions = self.secrets.describe_secret(SecretId=arn)["VersionIdsToStages"]
        current = next(v for v, stages in versions.items() if "AWSCURRENT" in stages)
        if current == token:
            return
        self.secrets.update_secret_version_stage(SecretId=arn, VersionStage="AWSCURRENT", MoveToVersionId=token,
                                                 RemoveFromVersionId=current)

    def rotate(self, arn):
        """One rotation: the four steps in the order Secrets Manager calls them, with a fresh token."""
        token = str(uuid.uuid4())
        self.create_secret(arn, token)
        self.set_secret(arn, token)
        self.test_secret(arn, token)
        self.finish_secret(arn, token)
        return token

