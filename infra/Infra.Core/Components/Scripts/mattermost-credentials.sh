#!/bin/bash
# Writes /etc/mattermost/db.env (Mattermost's database connection strings and, when the stack has them, its licence and
# the secret settings of mattermost:app) from Secrets Manager, and restarts Mattermost only when the file changed. Run by
# mattermost-credentials.service at boot and by its timer, with the settings of /etc/mattermost/credentials.env.
set -euo pipefail
read_secret() {
  aws secretsmanager get-secret-value --region "$CRED_REGION" --secret-id "$1" --query SecretString --output text
}
secret=$(read_secret "$CRED_SECRET_ARN")
# Percent-encoded for the URI's user information: jq's @uri keeps only the unreserved characters of RFC 3986.
user=$(jq -r '.username | @uri' <<<"$secret")
pass=$(jq -r '.password | @uri' <<<"$secret")
# Every secret is read before anything is written: a failed read fails the service and leaves db.env as it is
# (set -e does not stop at a failed command substitution inside another command's arguments).
license=""
if [ -n "${CRED_LICENSE_ARN:-}" ]; then
  license=$(read_secret "$CRED_LICENSE_ARN")
fi
# Secret settings (LDAP bind password, SMTP password, OpenID Connect client secret, ...): one CRED_APP_SECRET_NN=NAME=ARN
# variable each. Each value is written double-quoted with the four characters systemd's EnvironmentFile= reads as escapes
# (\ \" \` \$) escaped, so that any value reaches Mattermost exactly (systemd.exec(5), EnvironmentFile=).
quote() {
  local v=$1
  v=${v//\\/\\\\}
  v=${v//\"/\\\"}
  v=${v//\`/\\\`}
  v=${v//\$/\\\$}
  printf '"%s"' "$v"
}
app_secrets=()
for var in ${!CRED_APP_SECRET_@}; do
  pair=${!var}
  value=$(read_secret "${pair#*=}")
  app_secrets+=("${pair%%=*}=$(quote "$value")")
done
dsn() { echo "postgres://${user}:${pass}@$1:5432/mattermost?sslmode=require&connect_timeout=10"; }
replicas=""
# Mattermost splits a list variable on single spaces (server/config/environment.go), not on commas.
for r in $CRED_READERS; do replicas="${replicas:+$replicas }$(dsn "$r")"; done
umask 077
{
  echo "MM_CONFIG=$(dsn "$CRED_WRITER")"
  echo "MM_SQLSETTINGS_DATASOURCE=$(dsn "$CRED_WRITER")"
  # Only with readers: an empty value would be one empty replica to Mattermost, not none.
  if [ -n "$replicas" ]; then
    echo "MM_SQLSETTINGS_DATASOURCEREPLICAS=$replicas"
  fi
  # The Enterprise licence, when the stack has one (MM_LICENSE overrides the stored licence).
  if [ -n "$license" ]; then
    echo "MM_LICENSE=$license"
  fi
  for line in "${app_secrets[@]}"; do
    printf '%s\n' "$line"
  done
} > /etc/mattermost/db.env.new
if ! cmp -s /etc/mattermost/db.env.new /etc/mattermost/db.env; then
  mv /etc/mattermost/db.env.new /etc/mattermost/db.env
  systemctl try-restart mattermost.service || true
else
  rm -f /etc/mattermost/db.env.new
fi
