#!/usr/bin/env bash
# Runs every GoChat test: grain tests on Orleans' TestingHost and end-to-end tests with the real SignalR
# client, each against a throwaway PostgreSQL that the tests start themselves.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/ensure-prereqs.sh

results="$root/.data/test-results"
rm -rf "$results"
mkdir -p "$results"

# Built first, on its own: it fails if the build wrote to the repository.
bash scripts/clean-build.sh 2>&1 | tee "$results/build.txt"

set +e
dotnet test GoChat.Orleans.sln -c Release --no-build --logger "trx" --results-directory "$results" 2>&1 | tee "$results/output.txt"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$line")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$line")
  t=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$line")
  e=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
