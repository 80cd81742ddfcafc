#!/usr/bin/env bash
# Runs every test that this machine can build, and ends with one line: "N passed, N failed".
#
#   bash test.sh
#
# The core, the CLI and their tests always build. The C# Pulumi program (infra/Infra.Deploy) and its
# mock tests need the NuGet package "Pulumi"; where it does not restore, this says so in one line and
# carries on, but any other failure fails the run. If your NuGet sources lack Pulumi, name a folder or
# feed that has it, in addition to them:
#
#   PULUMI_NUGET_SOURCE=/path/to/feed bash test.sh
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0

echo "== core and CLI tests (Infra.Offline.slnf)"
dotnet test Infra.Offline.slnf --nologo --verbosity quiet \
  --logger "trx;LogFilePrefix=offline" --results-directory "$results" || status=1

if [[ -f infra/Infra.Deploy/Infra.Deploy.csproj ]]; then
  echo "== Pulumi program and its mock tests (infra/Infra.Deploy, tests/Infra.Deploy.Tests)"
  extra_source=()
  if [[ -n "${PULUMI_NUGET_SOURCE:-}" ]]; then
    extra_source=("-p:RestoreAdditionalProjectSources=$PULUMI_NUGET_SOURCE")
  fi
  if dotnet restore tests/Infra.Deploy.Tests/Infra.Deploy.Tests.csproj "${extra_source[@]}" >"$results/deploy-restore.log" 2>&1; then
    dotnet test tests/Infra.Deploy.Tests/Infra.Deploy.Tests.csproj --nologo --verbosity quiet --no-restore \
      --logger "trx;LogFilePrefix=deploy" --results-directory "$results" || status=1
  elif grep -qE "error NU1101: Unable to find package Pulumi\. " "$results/deploy-restore.log" &&
       ! grep -E "error [A-Z]+[0-9]+" "$results/deploy-restore.log" | grep -qvE "error NU1101: Unable to find package Pulumi\. "; then
    # Only the Pulumi package is missing: anything else wrong with the restore still fails below.
    echo "Pulumi program not built: the NuGet package 'Pulumi' is not available from this machine's NuGet sources (its tests did not run; see PULUMI_NUGET_SOURCE in docs/testing.md)."
  else
    cat "$results/deploy-restore.log"
    status=1
  fi
fi

echo "== database tests against a real PostgreSQL (tests/database: bootstrap SQL, bootstrap function, rotation)"
# Python's standard unittest; boto3 and moto for Secrets Manager. Where PostgreSQL, psql, openssl or jq is missing the
# tests that need them are skipped, except in CI (CI=true), where they fail: .ci/run installs them.
db_passed=0
db_failed=0
if command -v python3 >/dev/null 2>&1 && python3 -c "import boto3, moto" >/dev/null 2>&1; then
  python3 tests/database/run.py 2>&1 | tee "$results/database.log"
  db_summary="$(tail -n 1 "$results/database.log")"
  if [[ "$db_summary" =~ ^database\ tests:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    db_passed="${BASH_REMATCH[1]}"
    db_failed="${BASH_REMATCH[2]}"
  else
    db_failed=1
  fi
  [[ $db_failed -eq 0 ]] || status=1
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI=true but python3 with boto3 and moto is missing"
  db_failed=1
  status=1
else
  echo "database tests not run: python3 with boto3 and moto is not available on this machine"
fi

passed=$db_passed
failed=$db_failed
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1   # a build or restore failure counts as a failure even though no test reported it
fi
echo "$passed passed, $failed failed"
exit $status
