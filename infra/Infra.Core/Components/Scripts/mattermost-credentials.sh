#!/bin/bash
# Writes /etc/mattermost/db.env (Mattermost's database connection strings and, when the stack has one, its licence)
# from Secrets Manager, and restarts Mattermost only when the file changed. Run by mattermost-credentials.service at
# every boot before Mattermost starts, and by its timer, with the settings of /etc/mattermost/credentials.env.
set -euo pipefail
# postgres_dsn SECRET_JSON CA_FILE [HOST] (Database/Scripts/postgres-dsn.sh)
# shellcheck source-path=SCRIPTDIR source=../Database/Scripts/postgres-dsn.sh
. /usr/local/lib/mattermost/postgres-dsn.sh
read_secret() {
  aws secretsmanager get-secret-value --region "$CRED_REGION" --secret-id "$1" --query SecretString --output text
}
# Everything is read and checked before anything is written: a failure leaves db.env as it is. (set -e does not stop
# at a failed command substitution inside another command's arguments: each is an assignment of its own.)
secret=$(read_secret "$CRED_SECRET_ARN")
jq -e '[.username, .password, .port, .dbname] | all(. != null and . != "")' <<<"$secret" >/dev/null ||
  { echo "mattermost-credentials: the database secret lacks username, password, port or dbname" >&2; exit 1; }
license=""
if [ -n "${CRED_LICENSE_ARN:-}" ]; then
  license=$(read_secret "$CRED_LICENSE_ARN")
fi
writer=$(postgres_dsn "$secret" "$CRED_CA_FILE" "$CRED_WRITER")
replicas=""
# Mattermost splits a list variable on single spaces (server/config/environment.go), not on commas.
for r in $CRED_READERS; do
  replica=$(postgres_dsn "$secret" "$CRED_CA_FILE" "$r")
  replicas="${replicas:+$replicas }$replica"
done
umask 077
{
  echo "MM_CONFIG=$writer"
  echo "MM_SQLSETTINGS_DATASOURCE=$writer"
  # Only with readers: an empty value would be one empty replica to Mattermost, not none.
  if [ -n "$replicas" ]; then
    echo "MM_SQLSETTINGS_DATASOURCEREPLICAS=$replicas"
  fi
  # The Enterprise licence, when the stack has one (MM_LICENSE overrides the stored licence).
  if [ -n "$license" ]; then
    echo "MM_LICENSE=$license"
  fi
} > /etc/mattermost/db.env.new
if ! cmp -s /etc/mattermost/db.env.new /etc/mattermost/db.env; then
  mv /etc/mattermost/db.env.new /etc/mattermost/db.env
  # --no-block: Mattermost is ordered after this service; waiting for its restart here would deadlock.
  systemctl --no-block try-restart mattermost.service || true
else
  rm -f /etc/mattermost/db.env.new
fi
