#!/usr/bin/env bash
# GoChat's server side for the benchmark: PostgreSQL (database gochat_bench, fresh each start), one silo and
# one or two gateways, all on loopback and pinned to the server core (BENCH_SERVER_CPU, default 0).
#   bench/gochat.sh start [gateways]   build, fresh database, silo + N gateways (1 or 2), wait until ready
#   bench/gochat.sh start single       the one-node deployment: the silo serves the gateway itself (Silo:HostGateway)
#                                      on the first gateway port; no separate gateway process
#   bench/gochat.sh stop
#   bench/gochat.sh pids               silo, gateway and PostgreSQL pids (for CPU accounting)
# With Debian's clamd on the machine (BENCH_CLAMD=0 turns it off) the silo scans uploads with a clamd of this stack's
# own (port 3310+offset, one harmless signature: there is no signature download here), limited like uploads to
# BENCH_MAX_UPLOAD_MB (default 256, so W10's 200 MB upload fits).
#   bench/gochat.sh gateway-pid | gateway-pids | silo-pid
# BENCH_PORT_OFFSET (default 0) moves every port this stack uses by the same amount (PostgreSQL 55432, silo HTTP
# 5190, gateways 5180/5181, Orleans silo 11211 and gateway 30100), so two stacks run side by side; PostgreSQL's
# pids are then this stack's postmaster and its children only. BENCH_GATEWAY_EXTRA_PORTS=K makes the first gateway
# also listen on K more ports (5182+offset, ...), for W5's many connections (one address pair has ~28k ports).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/bench/.work/gochat"
mkdir -p "$work"
off="${BENCH_PORT_OFFSET:-0}"
export GOCHAT_PG_PORT="${GOCHAT_PG_PORT:-$((55432 + off))}"
pg_port="$GOCHAT_PG_PORT"
cpu="${BENCH_SERVER_CPU:-0}"
silo_http=$((5190 + off))
gateway_ports=($((5180 + off)) $((5181 + off)))
silo_port=$((11211 + off))
silo_gateway_port=$((30100 + off))
extra_ports="${BENCH_GATEWAY_EXTRA_PORTS:-0}"
db=gochat_bench

psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 240); do
    if curl -fs "$url" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$name did not become ready; see $work" >&2
  return 1
}

# This stack's PostgreSQL only (the postmaster listening on $pg_port and the backends it forked), not other
# checkouts' servers on the same machine.
postgres_pids() {
  local pm
  pm=$(pgrep -u postgres -f "bin/postgres .*-p $pg_port( |\$)" | head -n 1 || true)
  [ -n "$pm" ] || return 0
  echo "$pm"
  pgrep -P "$pm" || true
}

# The first gateway's URLs: its port, and BENCH_GATEWAY_EXTRA_PORTS more from 5182 + offset.
gateway_urls() {
  local urls="http://127.0.0.1:$1"
  if [ "$2" = 0 ]; then
    for k in $(seq 1 "$extra_ports"); do urls="$urls;http://127.0.0.1:$((5181 + off + k))"; done
  fi
  echo "$urls"
}

# Forked backends inherit the postmaster's affinity; pin the running ones too.
pin_postgres() {
  for p in $(postgres_pids); do taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || true; done
  # PostgreSQL was started outside the benchmark: give it (and the backends it forks later) the benchmark's priority.
  if [ -n "${BENCH_RENICE:-}" ]; then for p in $(postgres_pids); do renice -n "$BENCH_RENICE" -p "$p" >/dev/null 2>&1 || true; done; fi
}

stop() {
  for f in "$work"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  rm -f "$work"/*.pid.single
  pin_postgres 0-$(($(nproc) - 1))
  for p in $(postgres_pids); do renice -n 0 -p "$p" >/dev/null 2>&1 || true; done
}

# The stack's own clamd, as production runs one beside the silos: uploads are scanned, so W10's time to ready is real.
start_clamd() {
  local max=$(( ${BENCH_MAX_UPLOAD_MB:-256} * 1024 * 1024 ))
  export Files__MaxUploadBytes=$max
  if [ "${BENCH_CLAMD:-1}" = 0 ] || [ ! -x /usr/sbin/clamd ]; then
    export Files__Scanning__WhenNoScanner=AcceptWithWarning
    echo "No clamd: uploads are accepted unscanned (with a warning)" >&2
    return 0
  fi
  local dir="$work/clamd" port=$((3310 + off))
  mkdir -p "$dir/db"
  # One signature no real file has: clamd refuses to start with none, and this machine cannot download any.
  echo "GoChat.Bench.Marker:0:*:$(printf 'gochat-bench-marker-%s' 7f3e | od -An -tx1 | tr -d ' \n')" >"$dir/db/bench.ndb"
  cat >"$dir/clamd.conf" <<CONF
DatabaseDirectory $dir/db
TCPSocket $port
TCPAddr 127.0.0.1
Foreground yes
LogFile $dir/clamd.log
StreamMaxLength $max
MaxFileSize $max
MaxScanSize $max
AlertExceedsMax yes
AlertEncrypted yes
CONF
  (exec taskset -c "$cpu" /usr/sbin/clamd -c "$dir/clamd.conf") >"$dir/out.log" 2>&1 &
  echo $! >"$work/clamd.pid"
  for _ in $(seq 1 120); do
    if (exec 3<>/dev/tcp/127.0.0.1/$port && printf 'zPING\0' >&3 && timeout 2 head -c 4 <&3 | grep -q PONG) 2>/dev/null; then
      export Files__Scanning__Clamd__Host=127.0.0.1 Files__Scanning__Clamd__Port=$port
      return 0
    fi
    sleep 0.5
  done
  echo "clamd did not answer; see $dir" >&2
  return 1
}

case "${1:-}" in
  start)
    gateways="${2:-1}"
    stop
    bash "$root/scripts/db.sh" start >/dev/null
    dotnet build "$root/silo" -c Release -v quiet -nologo >/dev/null
    dotnet build "$root/gateway" -c Release -v quiet -nologo >/dev/null
    psql_ "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    psql_ "CREATE DATABASE $db"
    export ConnectionStrings__GoChat="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Maximum Pool Size=40"
    (cd "$root/silo/bin/Release/net10.0" && dotnet GoChat.Silo.dll migrate) >"$work/migrate.log" 2>&1
    pin_postgres "$cpu"
    start_clamd
    export ASPNETCORE_ENVIRONMENT=Benchmark Logging__LogLevel__Default=Warning
    # BENCH_COUNTERS=1: every process serves its Orleans and delivery counters on GET /bench/counters (W2's
    # messages and pushes per message); off by default, as listening costs a little on the message path.
    export Bench__Counters="$([ "${BENCH_COUNTERS:-0}" = 1 ] && echo true || echo false)"
    # Idle thread-pool workers spin before sleeping; on one pinned core that spinning takes the core from the
    # threads with work (measured: most of the CPU at moderate load). The same knob as ejabberd.sh --no-busy-wait.
    export DOTNET_PerfMapEnabled="${BENCH_PERF_MAP:-0}" DOTNET_EnableWriteXorExecute="${BENCH_W_XOR_X:-1}"
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${BENCH_DOTNET_SPIN_LIMIT:-0}"
    # One pinned core: background tier-up JIT competes with the request threads and showed as p99 stalls of
    # hundreds of ms (measured: 1,600 msg/s p99 ~700 ms with tiering, ~30 ms without), and server GC's single
    # heap paused longer than workstation GC. The same settings as k8s' one-core silo pods.
    export DOTNET_TieredCompilation="${BENCH_TIERED_COMPILATION:-0}" DOTNET_gcServer="${BENCH_SERVER_GC:-0}"
    export Auth__SigningKey="$(head -c 32 /dev/urandom | base64)" Auth__AccessTokenMinutes=240
    if [ "$gateways" = single ]; then
      (cd "$root/silo/bin/Release/net10.0" && Urls="$(gateway_urls "${gateway_ports[0]}" 0)" Silo__ClusterId=gochat-bench \
        Silo__SiloPort=$silo_port Silo__GatewayPort=$silo_gateway_port Smtp__Delivery=Log Silo__HostGateway=true \
        exec taskset -c "$cpu" dotnet GoChat.Silo.dll) >"$work/silo.log" 2>&1 &
      echo $! >"$work/silo.pid"
      cp "$work/silo.pid" "$work/gateway0.pid.single"
      wait_ready "http://127.0.0.1:${gateway_ports[0]}/health/ready" "silo with gateway"
      echo "GoChat bench stack up: one process (silo + gateway) on ${gateway_ports[0]}, pinned to cpu $cpu"
      exit 0
    fi
    (cd "$root/silo/bin/Release/net10.0" && Urls="http://127.0.0.1:$silo_http" Silo__ClusterId=gochat-bench \
      Silo__SiloPort=$silo_port Silo__GatewayPort=$silo_gateway_port Smtp__Delivery=Log \
      exec taskset -c "$cpu" dotnet GoChat.Silo.dll) >"$work/silo.log" 2>&1 &
    echo $! >"$work/silo.pid"
    wait_ready "http://127.0.0.1:$silo_http/health/ready" silo
    for i in $(seq 0 $((gateways - 1))); do
      port=${gateway_ports[$i]}
      (cd "$root/gateway/bin/Release/net10.0" && Urls="$(gateway_urls "$port" "$i")" Cluster__ClusterId=gochat-bench \
        ConnectionStrings__GoChat="Host=127.0.0.1;Port=$pg_port;Database=$db;Username=postgres;Maximum Pool Size=10" \
        exec taskset -c "$cpu" dotnet GoChat.Gateway.dll) >"$work/gateway$i.log" 2>&1 &
      echo $! >"$work/gateway$i.pid"
    done
    for i in $(seq 0 $((gateways - 1))); do wait_ready "http://127.0.0.1:${gateway_ports[$i]}/health/ready" "gateway $i"; done
    echo "GoChat bench stack up: gateways on ${gateway_ports[*]:0:$gateways}, silo http $silo_http, pinned to cpu $cpu"
    ;;
  stop) stop ;;
  silo-pid) cat "$work/silo.pid" ;;
  # The process that holds the client connections (the silo itself in the single topology).
  gateway-pid) cat "$work/gateway0.pid" 2>/dev/null || cat "$work/gateway0.pid.single" ;;
  gateway-pids) cat "$work"/gateway*.pid 2>/dev/null | tr '\n' ' '; echo ;;
  postgres-pids) postgres_pids ;;
  pids) { cat "$work"/*.pid 2>/dev/null; postgres_pids; } | tr '\n' ' '; echo ;;
  # Where the load generator finds this stack: the first gateway, the second, and the first one's extra ports.
  urls) echo "gateway=http://127.0.0.1:${gateway_ports[0]} gateway2=http://127.0.0.1:${gateway_ports[1]} silo=http://127.0.0.1:$silo_http pg=$pg_port" ;;
  *) echo "usage: $0 start [1|2|single] | stop | pids | silo-pid | gateway-pid | gateway-pids | postgres-pids | urls" >&2; exit 2 ;;
esac
