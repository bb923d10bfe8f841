#!/usr/bin/env bash
# Runs every benchmark workload and writes bench/RESULTS.md and bench/plots/*.png from that one run.
#   bash bench/run.sh            full: ceilings, GoChat W1-W8, ejabberd W1/W2 (durable and routing-only W1), the soak
#   bash bench/run.sh --quick    GoChat's own workloads, small, then a 2-minute soak (~8 min); fails if any message
#                                is lost or duplicated (what .ci/run calls). Writes no RESULTS.md.
# The server side (silo, gateways, PostgreSQL; ejabberd and its PostgreSQL; the relay) is pinned to CPU 0 and
# the load generator to CPU 1. Everything listens on 127.0.0.1; every workload is bounded in count and time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode=full
[ "${1:-}" = "--quick" ] && mode=quick
server_cpu=0
client_cpu=1
[ "$(nproc)" -lt 2 ] && client_cpu=0
export BENCH_SERVER_CPU=$server_cpu
# BENCH_PORT_OFFSET moves every port of the stack (bench/gochat.sh) and the relay, so two runs fit side by side.
off="${BENCH_PORT_OFFSET:-0}"
export BENCH_PORT_OFFSET=$off
gw="http://127.0.0.1:$((5180 + off))"
gws="$gw,http://127.0.0.1:$((5181 + off))"
relay_url="http://127.0.0.1:$((5200 + off))"
pg_conn="Host=127.0.0.1;Port=${GOCHAT_PG_PORT:-$((55432 + off))};Database=gochat_bench;Username=postgres"
silo_url="http://127.0.0.1:$((5190 + off))"
# W1's per-window probes: this stack's PostgreSQL, and the runtime route of the node (and of the silo when apart).
w1_probes="--pg-stats $pg_conn --runtime-probes $gw"
w1_split_probes="--pg-stats $pg_conn --runtime-probes $gw,$silo_url"
# Whatever else runs on the machine (a build, a browser test) must not distort the figures: as root, the whole
# benchmark (servers, PostgreSQL, ejabberd, load generator) runs at a higher priority than everything else.
if [ "$(id -u)" -eq 0 ] && [ "${BENCH_NICE:-1}" != 0 ]; then
  renice -n -20 -p $$ >/dev/null
  export BENCH_RENICE=-20
fi

# W5 holds tens of thousands of sockets in one gateway and in the load generator: as many descriptors as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

run_dir="$root/bench/.work/run-$mode"
rm -rf "$run_dir"
mkdir -p "$run_dir"
out="$run_dir/results.jsonl"
curves="$run_dir/curves"
bench_dll="$root/bench/GoChat.Bench/bin/Release/net10.0/GoChat.Bench.dll"
relay_dll="$root/bench/GoChat.Bench.Relay/bin/Release/net10.0/GoChat.Bench.Relay.dll"
relay_pid=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# The stacks leave PostgreSQL running between workloads; the run stops it at the end if it started it (a fresh
# clone's run would otherwise leave a server on the bench port that the next checkout's run cannot take).
db_was_running=0
bash scripts/db.sh status >/dev/null 2>&1 && db_was_running=1

cleanup() {
  bash bench/gochat.sh stop >/dev/null 2>&1 || true
  [ "$db_was_running" = 1 ] || bash scripts/db.sh stop >/dev/null 2>&1 || true
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null || true
  if [ "$mode" = full ] && command -v ejabberdctl >/dev/null 2>&1; then
    bash bench/ejabberd/ejabberd.sh unpin >/dev/null 2>&1 || true
    bash bench/ejabberd/ejabberd.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT INT TERM

# W5, W2 at 10,000 and W7: 1 silo, 2 gateways, counters on (GET /bench/counters), the first gateway on 4 ports.
idle_gws="$gw,http://127.0.0.1:$((5182 + off)),http://127.0.0.1:$((5183 + off)),http://127.0.0.1:$((5184 + off))"
counters="$silo_url,$gws"
scale_stack() {
  log "GoChat scale stack (1 silo, 2 gateways, counters on, the first gateway on 4 ports)"
  BENCH_COUNTERS=1 BENCH_GATEWAY_EXTRA_PORTS=3 bash bench/gochat.sh start 2 >/dev/null
}

# The load generator, pinned to its own core; results append to the run's file. In the full run a workload that
# fails is logged and named in failed.txt, and the others still run and the report is still written (it shows
# which are missing); the run then exits non-zero. The quick run stops at the first failure.
gen() {
  local rc=0
  (cd "$root" && taskset -c "$client_cpu" dotnet "$bench_dll" "$@" --out "$out") || rc=$?
  [ "$rc" -eq 0 ] && return 0
  log "FAILED (exit $rc): $1"
  echo "$* (exit $rc)" >>"$run_dir/failed.txt"
  [ "$mode" = full ] && return 0
  return "$rc"
}

# Steps a one-process-per-rate W1 (ejabberd) through the rates until p99 passes 100 ms or 0.1 % is lost in any of
# the step's three windows (its last three result lines).
step_until_knee() {
  local rates=$1; shift
  for rate in ${rates//,/ }; do
    bash bench/ejabberd/ejabberd.sh reset >/dev/null
    gen "$@" --rate "$rate" --curves "$curves" >/dev/null
    local last p99 lost sent
    last=$(tail -n 3 "$out")
    p99=$(grep -o '"P99Ms":[0-9.]*' <<<"$last" | cut -d: -f2 | sort -g | tail -n 1)
    lost=$(grep -o '"Lost":[0-9]*' <<<"$last" | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }')
    sent=$(grep -o '"Sent":[0-9]*' <<<"$last" | cut -d: -f2 | awk '{ s += $1 } END { print s + 0 }')
    log "  rate $rate/s/user: worst window p99 $p99 ms, lost $lost of $sent"
    if awk -v p="$p99" -v l="$lost" -v s="$sent" 'BEGIN { exit !(p > 100 || l * 1000 > s) }'; then break; fi
  done
}

machine_facts() {
  {
    echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpu:         $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
    echo "memory:      $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "kernel:      $(uname -r)"
    echo ".NET:        $(dotnet --version)"
    echo "PostgreSQL:  $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version)"
    if command -v ejabberdctl >/dev/null 2>&1; then echo "ejabberd:    $(dpkg-query -W -f='${Version}' ejabberd 2>/dev/null)"; fi
    echo "priority:    ${BENCH_RENICE:+nice $BENCH_RENICE for every benchmark process and PostgreSQL (other work on the machine yields to it)}"
    echo "pinning:     servers (silo, gateways, PostgreSQL / ejabberd, PostgreSQL / relay) on CPU $server_cpu, load generator on CPU $client_cpu"
    echo "GoChat:      W1 'gochat' = one process (silo serving the gateway, Silo:HostGateway); W1 'gochat-split' and W2-W4 = 1 silo + 2 gateway processes"
    echo "             (W2 members alternate between the gateways; W3, W4 use the first); durable: acked after the PostgreSQL commit"
    echo "runtime:     silo, gateways and the relay with DOTNET_TieredCompilation=0, DOTNET_gcServer=0 (one-core tuning, bench/gochat.sh)"
    echo "ejabberd:    durable = SQL storage + MAM (every message archived) on the same PostgreSQL; routing = mnesia, no archive"
    echo "clients:     real SignalR (JSON over WebSocket) and a hand-written XMPP client (SASL PLAIN), one process, latencies on one monotonic clock"
  } >"$run_dir/machine.txt"
}

bash scripts/ensure-prereqs.sh >/dev/null
log "building"
dotnet build bench/GoChat.Bench -c Release -v quiet -nologo >/dev/null
dotnet build bench/GoChat.Bench.Relay -c Release -v quiet -nologo >/dev/null
machine_facts

if [ "$mode" = quick ]; then
  log "GoChat stack: one process (the silo serves the gateway)"
  bash bench/gochat.sh start single >/dev/null
  log "W1 (three 2 s windows), plain and like the web client"
  gen gochat-w1 --gateway "$gw" $w1_probes --users 40 --rates 5 --warmup 1 --duration 2 --curves "$curves" >/dev/null
  gen gochat-w1 --gateway "$gw" $w1_probes --users 40 --rates 5 --warmup 1 --duration 2 --like-web --curves "$curves" >/dev/null
  log "W8 flood"; gen gochat-w8 --gateway "$gw" --users 40 --rate 5 --rounds 1 --phase 3 --warmup 1 --grace 5 >/dev/null
  log "W6"; gen gochat-w6 --gateway "$gw" --conversations 200 --changed 50 --repeats 1 >/dev/null
  bash bench/gochat.sh stop
  scale_stack
  log "W1 (apart)"; gen gochat-w1 --system gochat-split --gateway "$gw" $w1_split_probes --users 40 --rates 5 --warmup 1 --duration 2 --curves "$curves" >/dev/null
  log "W2, plain and like the web client"
  gen gochat-w2 --gateways "$gws" --members 100 --messages 10 --warmup-messages 3 --curves "$curves" >/dev/null
  gen gochat-w2 --gateways "$gws" --members 100 --messages 10 --warmup-messages 3 --like-web >/dev/null
  log "W3"; gen gochat-w3 --gateway "$gw" --connections 200 --gateway-pid "$(bash bench/gochat.sh gateway-pid)" --silo-pid "$(bash bench/gochat.sh silo-pid)" --settle 3 >/dev/null
  log "W4"; gen gochat-w4 --gateway "$gw" --missed 2000 --repeats 1 >/dev/null
  log "W5 connections (2,000)"; gen gochat-w5 --gateway "$gw" --idle-gateways "$idle_gws" --sources 2 --stages 500,2000 --pairs 4 --rate 5 \
    --measure 4 --settle 3 --warm 100 --gateway-pid "$(bash bench/gochat.sh gateway-pid)" --silo-pid "$(bash bench/gochat.sh silo-pid)" >/dev/null
  log "W2 (1,000 members, 500 online)"; gen gochat-w2 --gateways "$gws" --members 1000 --online 500 --messages 10 --warmup-messages 3 --counters "$counters" --curves "$curves" >/dev/null
  log "W7 slow consumers (200 members, 10 slow)"; gen gochat-w7 --gateway "$gw" --members 200 --slow 10 --messages 200 --interval-ms 20 --grace 20 --curves "$curves" >/dev/null
  bash bench/gochat.sh stop
  # The soak's cluster is its own (ports, PostgreSQL): 2 minutes of faults; its line joins the results the check reads.
  soak=0
  if [ "${BENCH_SOAK:-1}" != 0 ]; then
    log "soak (2 min: a silo, gateway or PostgreSQL killed and restarted every 30-60 s)"
    bash bench/soak.sh --quick --out "$out" >/dev/null || soak=$?
  fi
  check=0
  taskset -c "$client_cpu" dotnet "$bench_dll" check --run "$run_dir" || check=$?
  [ "$soak" -ne 0 ] && exit "$soak"
  exit "$check"
fi

# Per-user send rates (x 200 users = messages/s). The ceilings and ejabberd routing-only (no archive) only need
# their knee, so they step coarsely. Every step measures three back-to-back 10 s windows after 5 s of warm-up (the
# report takes the worst); ejabberd runs one process per rate. The full run takes ~50 min with the 10-minute soak.
rates="4,6,10,15,20,25,30,40"
coarse_rates="4,20,60,80"
windowed="--warmup 5 --duration 10 --windows 3"

log "ceilings: bare Kestrel WebSocket echo and bare SignalR relay (no Orleans, no database)"
(cd "$(dirname "$relay_dll")" && DOTNET_TieredCompilation=0 DOTNET_gcServer=0 exec taskset -c "$server_cpu" dotnet "$relay_dll" --urls "$relay_url") >"$run_dir/relay.log" 2>&1 &
relay_pid=$!
for _ in $(seq 1 120); do curl -fs "$relay_url/health" >/dev/null 2>&1 && break; sleep 0.5; done
gen ceiling-echo --url "ws://${relay_url#http://}/ws-echo" --clients 50 --duration 10 --server-pids "$relay_pid" >/dev/null
gen relay-w1 --gateway "$relay_url" --users 200 --rates "$coarse_rates" $windowed --server-pids "$relay_pid" --curves "$curves" >/dev/null
gen relay-w3 --gateway "$relay_url" --connections 2000 --gateway-pid "$relay_pid" --settle 5 >/dev/null
kill "$relay_pid"; relay_pid=""

log "GoChat stack: one process per node (the silo serves the gateway)"
bash bench/gochat.sh start single >/dev/null
pg_pids=$(bash bench/gochat.sh postgres-pids | paste -sd, -)
log "ceiling: PostgreSQL batched insert of message rows"
gen ceiling-pg --connection-string "$pg_conn" --batch 512 --connections 1 --duration 10 --server-pids "$pg_pids" >/dev/null
gen ceiling-pg --connection-string "$pg_conn" --batch 512 --connections 4 --duration 10 --server-pids "$pg_pids" >/dev/null
log "GoChat W1 (one process), plain and like the web client"
gen gochat-w1 --gateway "$gw" $w1_probes --users 200 --rates "$rates" $windowed --curves "$curves" >/dev/null
gen gochat-w1 --gateway "$gw" $w1_probes --users 200 --rates "$rates" $windowed --like-web --curves "$curves" >/dev/null
log "GoChat W6 (one user in 2,000 conversations, 500 with new messages, reconnects)"
gen gochat-w6 --gateway "$gw" --conversations 2000 --changed 500 --repeats 3 >/dev/null
log "GoChat W8 flood (one rate-limited user floods while 200 load users send 1,000 msg/s)"
gen gochat-w8 --gateway "$gw" --users 200 --rate 5 --rounds 3 --phase 10 --curves "$curves" >/dev/null
bash bench/gochat.sh stop

log "GoChat stack (1 silo, 2 gateways)"
bash bench/gochat.sh start 2 >/dev/null
log "GoChat W1 (silo and gateway apart), plain and like the web client"
gen gochat-w1 --system gochat-split --gateway "$gw" $w1_split_probes --users 200 --rates "$rates" $windowed --curves "$curves" >/dev/null
gen gochat-w1 --system gochat-split --gateway "$gw" $w1_split_probes --users 200 --rates "$rates" $windowed --like-web --curves "$curves" >/dev/null
log "GoChat W2, plain and like the web client"
gen gochat-w2 --gateways "$gws" --members 100 --messages 20 --curves "$curves" >/dev/null
gen gochat-w2 --gateways "$gws" --members 1000 --messages 20 --curves "$curves" >/dev/null
gen gochat-w2 --gateways "$gws" --members 100 --messages 20 --like-web >/dev/null
gen gochat-w2 --gateways "$gws" --members 1000 --messages 20 --like-web >/dev/null
log "GoChat W3"
gen gochat-w3 --gateway "$gw" --connections 2000 --gateway-pid "$(bash bench/gochat.sh gateway-pid)" --silo-pid "$(bash bench/gochat.sh silo-pid)" >/dev/null
log "GoChat W4"
gen gochat-w4 --gateway "$gw" --missed 10000 --repeats 2 >/dev/null
bash bench/gochat.sh stop

scale_stack
log "GoChat W5 (idle connections on one gateway: 1,000, then 50,000 or what the open-file limit allows)"
gen gochat-w5 --gateway "$gw" --idle-gateways "$idle_gws" --sources 4 --stages 1000,50000 --pairs 10 --rate 2 --measure 20 --settle 10 \
  --gateway-pid "$(bash bench/gochat.sh gateway-pid)" --silo-pid "$(bash bench/gochat.sh silo-pid)" --curves "$curves" >/dev/null
bash bench/gochat.sh stop
scale_stack
log "GoChat W2 (10,000 members, 5,000 online)"
gen gochat-w2 --gateways "$gws" --members 10000 --online 5000 --messages 20 --counters "$counters" --curves "$curves" >/dev/null
# A fresh stack, as for W5 and W2 at 10,000: nothing of the 10,000-member group's close-down in W7's phases.
bash bench/gochat.sh stop
scale_stack
# 10 messages/s of 3 KB to 1,000 members is 30 MB/s of JSON for the one-core load generator; at 20/s it could not
# keep up and measured itself.
log "GoChat W7 (1,000 members, 50 stop reading)"
gen gochat-w7 --gateway "$gw" --members 1000 --slow 50 --messages 300 --interval-ms 100 --curves "$curves" >/dev/null
bash bench/gochat.sh stop

log "ejabberd"
bash bench/ejabberd/ejabberd.sh install >/dev/null
for tier in durable routing; do
  log "ejabberd $tier"
  taskset -c "$server_cpu" bash bench/ejabberd/ejabberd.sh start "--$tier" >/dev/null
  bash bench/ejabberd/ejabberd.sh pin "$server_cpu" >/dev/null
  bash bench/ejabberd/ejabberd.sh register u 1000 pw >/dev/null
  tier_rates=$rates
  [ "$tier" = routing ] && tier_rates=$coarse_rates
  # shellcheck disable=SC2086
  step_until_knee "$tier_rates" ejabberd-w1 --users 200 $windowed
  if [ "$tier" = durable ]; then
    bash bench/ejabberd/ejabberd.sh reset >/dev/null
    gen ejabberd-w2 --members 100 --messages 20 --curves "$curves" >/dev/null
    bash bench/ejabberd/ejabberd.sh reset >/dev/null
    gen ejabberd-w2 --members 1000 --messages 20 --curves "$curves" >/dev/null
  fi
  bash bench/ejabberd/ejabberd.sh unpin >/dev/null
  bash bench/ejabberd/ejabberd.sh stop >/dev/null
done

if [ "${BENCH_SOAK:-1}" != 0 ]; then
  log "soak (${BENCH_SOAK_MINUTES:-10} min of faults on 3 silos and 2 gateways; not pinned: its cluster is not the measured node)"
  bash bench/soak.sh --minutes "${BENCH_SOAK_MINUTES:-10}" --out "$out" >/dev/null || log "the soak lost or duplicated messages: see bench/RESULTS.md"
fi

log "report"
dotnet "$bench_dll" report --run "$run_dir" --markdown bench/RESULTS.md --plots bench/plots --command "bash bench/run.sh"
dotnet "$bench_dll" check --run "$run_dir" || log "some workload lost or duplicated messages: see bench/RESULTS.md"
if [ -s "$run_dir/failed.txt" ]; then
  log "workloads that failed (missing from bench/RESULTS.md):"
  cat "$run_dir/failed.txt" >&2
  exit 1
fi
log "done: bench/RESULTS.md"
