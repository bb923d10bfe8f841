#!/usr/bin/env bash
# Runs the hostile-input suite on its own. Bounded by default (as in scripts/test.sh: fixed seed, a few hundred
# cases per route and hub method); `--long N` keeps each of its two tests (REST, hub) generating random cases for
# N seconds; `--seed S` picks another seed; `--cases C` random cases per route/method and round.
# Size and failing cases land in .data/test-results/hostile-*.txt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
while [ $# -gt 0 ]; do
  case "$1" in
    --long) export GOCHAT_HOSTILE_SECONDS="$2"; shift 2 ;;
    --seed) export GOCHAT_HOSTILE_SEED="$2"; shift 2 ;;
    --cases) export GOCHAT_HOSTILE_CASES="$2"; shift 2 ;;
    *) echo "usage: $0 [--long SECONDS] [--seed N] [--cases N]" >&2; exit 2 ;;
  esac
done
bash scripts/ensure-prereqs.sh
mkdir -p .data/test-results
set +e
dotnet test tests/GoChat.Security.Tests -c Release -p:SkipWebClientBuild=true \
  --filter "FullyQualifiedName~GoChat.Security.Tests.Hostile" --logger "console;verbosity=normal"
status=$?
set -e
cat .data/test-results/hostile-*-size.txt 2>/dev/null || true
exit $status
