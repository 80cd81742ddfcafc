"""Shared pieces of the database tests: the tool check, hostile passwords, running SQL the way the bootstrap does."""

import os
import re
import sys
import tempfile
import unittest

import pgserver
import stackplan

# Every password the tests hand to users carries what breaks naive connection strings: @ / : % ? & + #, a space and
# non-ASCII letters.
HOSTILE = [
    "Pa@ss/w:rd%20?&+# Grüße-Ωmega",
    "a+b c#d?e&f%41/g:h@i ÄÖÜ ñ 漢字",
    "%2B%20+ @:/?#&üñï çødé-3rd",
    "trailing space+plus@at:/%?&# é ",
]


def require_tools(test_case_class):
    """Skips the class where PostgreSQL, psql, openssl or jq is missing, unless CI=true: then they must be there."""
    missing = pgserver.missing_tools()
    if not missing:
        return test_case_class
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError(f"CI=true but {', '.join(missing)} missing (.ci/run installs them with apt-get)")
    return unittest.skip(f"needs {', '.join(missing)}")(test_case_class)


class PsqlExecutor:
    """The bootstrap's statement runner for tests: one psql session, one transaction, the Data API's named parameters
    (:name) passed as psql variables (:'name', quoted by psql as a literal), the SQL file's text unchanged."""

    def __init__(self, server, dsn):
        self.server = server
        self.dsn = dsn
        self.runs = []

    def run(self, statements):
        variables, script = {}, ["BEGIN;"]
        for sql, params in statements:
            for name, value in params.items():
                if name in variables and variables[name] != value:
                    raise ValueError(f"parameter {name} given twice with different values")
                variables[name] = value
            if params:
                sql = re.sub(r"(?<![:\w]):(" + "|".join(map(re.escape, params)) + r")\b", r":'\1'", sql)
            sql = sql.rstrip()
            script.append(sql if sql.endswith(";") else sql + ";")
        script.append("COMMIT;")
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
        try:
            self.server.psql(self.dsn, variables=variables, file=f.name)
        finally:
            os.unlink(f.name)
        self.runs.append(statements)


def read_bootstrap_sql():
    with open(stackplan.BOOTSTRAP_SQL, encoding="utf-8") as f:
        return f.read()


def lambda_module():
    """The bootstrap function's handler module, imported from the repository (the file the Lambda archive carries)."""
    if stackplan.LAMBDA_DIR not in sys.path:
        sys.path.insert(0, stackplan.LAMBDA_DIR)
    import bootstrap  # noqa: E402  (path set just above)
    return bootstrap


APP_USER = "mattermost_app"
CLONE_USER = "mattermost_app_clone"
OWNER_ROLE = "mattermost_owner"


def bootstrap(event, secrets, executor):
    """The handler's bootstrap with the SQL file from the repository (in the Lambda archive it lies beside the handler)."""
    return lambda_module().bootstrap(event, secrets, executor, sql=read_bootstrap_sql())


def run_bootstrap_sql(server, secret_user, password, app_user=APP_USER, owner_role=OWNER_ROLE):
    """The bootstrap through psql, as master: the handler's input statement, then the SQL file as it is."""
    handler = lambda_module()
    PsqlExecutor(server, server.master_uri()).run([
        (handler.INPUTS_SQL, {"app_user": app_user, "owner_role": owner_role, "secret_user": secret_user, "password": password}),
        (read_bootstrap_sql(), {}),
    ])


def moto_secrets(region="us-east-1"):
    """Secrets Manager emulated in process by moto; stop the returned mock when done. Read AWSCURRENT by naming the
    stage: moto 5 answers a GetSecretValue without VersionStage with the version first created, even after
    UpdateSecretVersionStage moved AWSCURRENT (AWS answers with AWSCURRENT)."""
    import boto3
    try:
        from moto import mock_aws as mock_factory  # moto 5
    except ImportError:
        from moto import mock_secretsmanager as mock_factory  # moto 4 (Debian 12's python3-moto)
    for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(k, "testing")
    mock = mock_factory()
    mock.start()
    return mock, boto3.client("secretsmanager", region_name=region)


# ---- connection strings, exactly as the two tiers build them ------------------------------------------------------

def secret_value(server, username, password):
    """The app secret's JSON as the bootstrap writes it, pointing at the test server."""
    return {"engine": "postgres", "host": "localhost", "port": server.port, "dbname": "mattermost",
            "username": username, "password": password, "masterarn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:rds!cluster-test"}


def kubernetes_dsns(server, secret, stack="staging"):
    """The Secret that External Secrets renders from the committed stack's ExternalSecret: each key's value, with the
    deployment-time references (reader endpoints) pointed at the test server and the CA bundle, which the pods find in
    their ConfigMap mount, at the test CA. Everything else is the template's own text."""
    import gotemplate
    p = stackplan.plan(stack)
    mount = stackplan.ca_mount_dir(p).rstrip("/") + "/"
    bundle_keys = stackplan.ca_bundle_keys(p)
    out = {}
    for key, template in stackplan.external_secret_templates(p).items():
        refs = {m: "localhost" for m in re.findall(r"(?<!\$)\$\{([^}]+)\}", template)}
        text = gotemplate.render(stackplan.resolve(template, refs), secret)

        def ca(m):
            path = m.group(1)
            if not path.startswith(mount) or path[len(mount):] not in bundle_keys:
                raise AssertionError(f"sslrootcert={path} is not a file of the mounted CA ConfigMap ({mount}: {sorted(bundle_keys)})")
            return "sslrootcert=" + server.ca_file
        out[key] = re.sub(r"sslrootcert=([^&\s]+)", ca, text)
    return out


def vm_dsn(secret, ca_file, host=None):
    """The VM tier's helper (Scripts/postgres-dsn.sh) run by real bash and jq."""
    import json
    import subprocess
    script = f'source "{stackplan.DSN_HELPER}"; postgres_dsn "$1" "$2" "$3"'
    result = subprocess.run(["bash", "-c", script, "postgres-dsn", json.dumps(secret), ca_file, host or ""],
                            capture_output=True, text=True, check=True)
    return result.stdout.rstrip("\n")
