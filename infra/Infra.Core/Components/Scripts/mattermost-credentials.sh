#!/bin/bash
set -euo pipefail
secret=$(aws secretsmanager get-secret-value --region "$CRED_REGION" --secret-id "$CRED_SECRET_ARN" --query SecretString --output text)
user=$(jq -r .username <<<"$secret")
pass=$(jq -r .password <<<"$secret" | jq -sRr @uri)
dsn() { echo "postgres://${user}:${pass}@$1:5432/mattermost?sslmode=require&connect_timeout=10"; }
replicas=""
for r in $CRED_READERS; do replicas="${replicas:+$replicas,}$(dsn "$r")"; done
umask 077
{
  echo "MM_CONFIG=$(dsn "$CRED_WRITER")"
  echo "MM_SQLSETTINGS_DATASOURCE=$(dsn "$CRED_WRITER")"
  echo "MM_SQLSETTINGS_DATASOURCEREPLICAS=$replicas"
  # The Enterprise licence, when the stack has one (MM_LICENSE overrides the stored licence).
  if [ -n "${CRED_LICENSE_ARN:-}" ]; then
    echo "MM_LICENSE=$(aws secretsmanager get-secret-value --region "$CRED_REGION" --secret-id "$CRED_LICENSE_ARN" --query SecretString --output text)"
  fi
} > /etc/mattermost/db.env.new
if ! cmp -s /etc/mattermost/db.env.new /etc/mattermost/db.env; then
  mv /etc/mattermost/db.env.new /etc/mattermost/db.env
  systemctl try-restart mattermost.service || true
else
  rm -f /etc/mattermost/db.env.new
fi
