#!/usr/bin/env bash
# The soak: 3 silos and 2 gateways (real processes, the fault tests' cluster) on a PostgreSQL of its own, under steady
# load through both gateways, with a random silo, gateway or PostgreSQL killed and restarted every 30-60 s. Ends with
# the loss/duplication checker's verdict line; exits non-zero on any lost or duplicated message.
#   bash bench/soak.sh [--minutes 10] [--quick] [--pairs 8] [--out FILE] [--seed N]    (--quick = 2 minutes)
# Its own ports (free ones below 32768) and its own PostgreSQL in a temp folder: it runs beside bench/gochat.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
minutes=10
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) minutes=2 ;;
    --minutes) minutes="$2"; shift ;;
    --pairs|--out|--seed) pass+=("$1" "$2"); shift ;;
    *) echo "usage: $0 [--minutes 10] [--quick] [--pairs 8] [--out FILE] [--seed N]" >&2; exit 2 ;;
  esac
  shift
done
# Building the soak builds the silo and gateway it starts (silo/bin, gateway/bin) through tests/GoChat.Testing.
dotnet build bench/GoChat.Soak -c Release -v quiet -nologo >/dev/null
exec dotnet bench/GoChat.Soak/bin/Release/net10.0/GoChat.Soak.dll --minutes "$minutes" "${pass[@]}"
