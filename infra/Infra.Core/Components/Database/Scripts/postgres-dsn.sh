# shellcheck shell=bash
# postgres_dsn SECRET_JSON CA_FILE [HOST]
#
# Prints Mattermost's PostgreSQL connection string built from the app secret's JSON (username, password, host, port,
# dbname, as Secrets Manager's rotation keeps it): user and password percent-encoded, TLS that verifies the server
# against CA_FILE (sslmode=verify-full). HOST replaces the secret's host, for a reader's endpoint.
#
# The encoding is the Kubernetes tier's, byte for byte (the ExternalSecret's `urlquery | replace "+" "%20"`): every
# byte but A-Z a-z 0-9 - _ . ~ becomes %XX. jq's @uri does that since jq 1.7; jq 1.6 leaves ! * ' ( ) as they are, so
# they are encoded here too. libpq and Go's net/url decode %XX in the user information; neither reads '+' as a space.
#
# For the VM tier's boot script (source this file, then e.g. MM_SQLSETTINGS_DATASOURCE="$(postgres_dsn "$secret" ...)").
postgres_dsn() {
  jq -r --arg ca "$2" --arg host "${3:-}" '
    def pct: @uri | gsub("!"; "%21") | gsub("\\*"; "%2A") | gsub("'"'"'"; "%27") | gsub("\\("; "%28") | gsub("\\)"; "%29");
    "postgres://\(.username | pct):\(.password | pct)@\(if $host == "" then .host else $host end):\(.port)/\(.dbname)"
    + "?sslmode=verify-full&sslrootcert=\($ca)&connect_timeout=10"' <<<"$1"
}
