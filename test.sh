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
    echo "Pulumi program not built: the NuGet package 'Pulumi' is not available from this machine's NuGet sources (its tests did not run; see PULUMI_NUGET_SOURCE in README)."
  else
    cat "$results/deploy-restore.log"
    status=1
  fi
fi

passed=0
failed=0
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
