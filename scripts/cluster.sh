#!/usr/bin/env bash
# A GoChat cluster on one machine: 3 silo processes and 2 gateway processes on loopback, one PostgreSQL database
# (gochat_cluster, on a PostgreSQL server of its own: scripts/db.sh with its data in .data/cluster, port 55442).
# Clients connect to either gateway. Pid files and logs live in .data/cluster/. Membership and lease timings are the fast ones the fault tests use (see docs/fault-tests.md).
#   scripts/cluster.sh start              build, fresh database, start everything, wait until ready
#   scripts/cluster.sh stop               stop every process (SIGTERM, then SIGKILL after 20 s) and the cluster's PostgreSQL
#   scripts/cluster.sh status             which processes run, and their readiness
#   scripts/cluster.sh kill-silo N        kill -9 silo N (1-3)        scripts/cluster.sh kill-gateway N   (1-2)
#   scripts/cluster.sh stop-silo N        SIGTERM: graceful           scripts/cluster.sh stop-gateway N
#   scripts/cluster.sh start-silo N       (re)start one               scripts/cluster.sh start-gateway N
#   scripts/cluster.sh restart-db         restart the PostgreSQL server (pg_ctl restart -m fast)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.data/cluster"
mkdir -p "$work"
pg_port="${GOCHAT_CLUSTER_PG_PORT:-55442}"
# The cluster's own PostgreSQL (restart-db restarts it without touching the server of scripts/up.sh).
export GOCHAT_PG_PORT=$pg_port GOCHAT_PG_HOME="$work"
db="${GOCHAT_CLUSTER_DB:-gochat_cluster}"
cluster_id=gochat-cluster
silo_http=(0 5291 5292 5293)
silo_port=(0 11311 11312 11313)
silo_gateway_port=(0 30311 30312 30313)
gateway_http=(0 5281 5282)
silo_dir="$root/silo/bin/Release/net10.0"
gateway_dir="$root/gateway/bin/Release/net10.0"
connection="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres"

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }

# Fast failure detection for a loopback cluster: a killed silo is declared dead in ~2-3 s.
export Membership__ProbeSeconds=1 Membership__MissedProbes=2 Membership__VotesForDeath=2 \
  Membership__TableRefreshSeconds=2 Membership__IAmAliveSeconds=5 Membership__ResponseTimeoutSeconds=10
export Cluster__ClusterId=$cluster_id Cluster__ClusterWatchSeconds=0.5 Cluster__GatewayListRefreshSeconds=2 \
  Cluster__ResponseTimeoutSeconds=10 Cluster__RetrySeconds=15
export Leases__Seconds=30 ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Information

pid_of() { cat "$work/$1.pid" 2>/dev/null || true; }
running() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 240); do
    if curl -fs "$url" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$name did not become ready; see $work/$name.log" >&2
  return 1
}

check_n() { # name n max
  [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le "$3" ] || { echo "$1 number must be 1..$3" >&2; exit 2; }
}

start_silo() {
  local n=$1
  running "silo$n" && { echo "silo$n already running"; return 0; }
  (cd "$silo_dir" && Urls="http://127.0.0.1:${silo_http[$n]}" ConnectionStrings__GoChat="$connection;Maximum Pool Size=30" \
    Silo__ClusterId=$cluster_id Silo__SiloPort=${silo_port[$n]} Silo__GatewayPort=${silo_gateway_port[$n]} \
    Silo__MigrateOnStart=false Smtp__Delivery=Log exec dotnet GoChat.Silo.dll) >>"$work/silo$n.log" 2>&1 &
  echo $! >"$work/silo$n.pid"
}

start_gateway() {
  local n=$1
  running "gateway$n" && { echo "gateway$n already running"; return 0; }
  (cd "$gateway_dir" && Urls="http://127.0.0.1:${gateway_http[$n]}" ConnectionStrings__GoChat="$connection;Maximum Pool Size=10" \
    Auth__SigningKey="$(cat "$work/signing-key")" exec dotnet GoChat.Gateway.dll) >>"$work/gateway$n.log" 2>&1 &
  echo $! >"$work/gateway$n.pid"
}

stop_one() { # name signal
  local p; p=$(pid_of "$1")
  [ -n "$p" ] || return 0
  kill "-$2" "$p" 2>/dev/null || true
  for _ in $(seq 1 80); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$p" 2>/dev/null || true
  rm -f "$work/$1.pid"
}

case "${1:-}" in
  start)
    for n in 1 2; do stop_one "gateway$n" TERM; done
    for n in 1 2 3; do stop_one "silo$n" TERM; done
    bash "$root/scripts/db.sh" start >/dev/null
    echo "Building..."
    dotnet build "$root/silo" -c Release -v quiet -nologo >/dev/null
    psql_ "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    psql_ "CREATE DATABASE $db"
    (cd "$silo_dir" && ConnectionStrings__GoChat="$connection;Maximum Pool Size=5" dotnet GoChat.Silo.dll migrate) >"$work/migrate.log" 2>&1
    # One signing key for both gateways, so a token from one is good at the other; a fresh one per start.
    (umask 077; head -c 32 /dev/urandom | base64 >"$work/signing-key")
    rm -f "$work"/*.log.old; for f in "$work"/*.log; do [ -f "$f" ] && mv "$f" "$f.old"; done
    for n in 1 2 3; do start_silo "$n"; done
    for n in 1 2 3; do wait_ready "http://127.0.0.1:${silo_http[$n]}/health/ready" "silo$n"; done
    for n in 1 2; do start_gateway "$n"; done
    for n in 1 2; do wait_ready "http://127.0.0.1:${gateway_http[$n]}/health/ready" "gateway$n"; done
    echo "GoChat cluster up: gateways http://127.0.0.1:${gateway_http[1]} and http://127.0.0.1:${gateway_http[2]}; 3 silos; logs in $work"
    ;;
  stop)
    for n in 1 2; do stop_one "gateway$n" TERM; done
    for n in 1 2 3; do stop_one "silo$n" TERM; done
    bash "$root/scripts/db.sh" stop >/dev/null 2>&1 || true
    echo "GoChat cluster stopped (and its PostgreSQL)"
    ;;
  status)
    for name in silo1 silo2 silo3 gateway1 gateway2; do
      n=${name: -1}
      if [[ $name == silo* ]]; then url="http://127.0.0.1:${silo_http[$n]}/health/ready"; else url="http://127.0.0.1:${gateway_http[$n]}/health/ready"; fi
      if running "$name"; then
        printf '%-9s pid %-7s %s\n' "$name" "$(pid_of "$name")" "$(curl -s -m 3 "$url" || echo 'not answering')"
      else
        printf '%-9s stopped\n' "$name"
      fi
    done
    ;;
  kill-silo) check_n silo "${2:-}" 3; kill -9 "$(pid_of "silo$2")"; rm -f "$work/silo$2.pid"; echo "killed silo$2" ;;
  kill-gateway) check_n gateway "${2:-}" 2; kill -9 "$(pid_of "gateway$2")"; rm -f "$work/gateway$2.pid"; echo "killed gateway$2" ;;
  stop-silo) check_n silo "${2:-}" 3; stop_one "silo$2" TERM; echo "stopped silo$2" ;;
  stop-gateway) check_n gateway "${2:-}" 2; stop_one "gateway$2" TERM; echo "stopped gateway$2" ;;
  start-silo) check_n silo "${2:-}" 3; start_silo "$2"; wait_ready "http://127.0.0.1:${silo_http[$2]}/health/ready" "silo$2"; echo "silo$2 ready" ;;
  start-gateway) check_n gateway "${2:-}" 2; start_gateway "$2"; wait_ready "http://127.0.0.1:${gateway_http[$2]}/health/ready" "gateway$2"; echo "gateway$2 ready" ;;
  restart-db) bash "$root/scripts/db.sh" restart ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
