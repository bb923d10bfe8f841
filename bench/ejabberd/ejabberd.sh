#!/usr/bin/env bash
# ejabberd for the GoChat-vs-ejabberd benchmark: a private node on loopback, its config and spool under
# bench/.work/ejabberd/ (ignored), never /etc. Debian 12's ejabberd 23.01; run as root (or as ejabberd).
#
#   ejabberd.sh install                       apt-get install ejabberd and erlang-p1-pgsql (its PostgreSQL
#                                             driver, packaged apart) if missing
#   ejabberd.sh start [--durable|--routing] [--no-busy-wait]
#                                             write the config and start (default --durable)
#        --durable: auth, roster, offline, MUC and MAM in PostgreSQL (127.0.0.1:55432, database "ejabberd",
#                   Debian's pg.sql schema); mod_mam default: always, so every 1:1 and room message is
#                   archived before it is routed on, like GoChat writing every message to PostgreSQL.
#        --routing: mnesia, no MAM: routing only.
#        --no-busy-wait: +sbwt none (and dirty schedulers likewise): BEAM schedulers spin before they sleep by
#                   default, which shows as CPU time at low load; off, CPU reads closer to work done.
#   ejabberd.sh register <prefix> <count> <password>   users <prefix>1 .. <prefix><count>, plain passwords
#   ejabberd.sh create-room <name> [max_users]         a persistent room (clients can also create one by joining)
#   ejabberd.sh reset                         wait until the server is idle (a backlog drains), then delete
#                                             offline messages and the archive (between runs)
#   ejabberd.sh stop | status | mode
#   ejabberd.sh ctl <ejabberdctl args...>     any ejabberdctl command against this node
#   ejabberd.sh pids [--no-pg]                server pids, one a line: beam.smp (+ erl_child_setup), epmd, and
#                                             in durable mode PostgreSQL's postmaster and its children
#   ejabberd.sh pin <cpu-list>                move every server pid (all threads) to those CPUs (taskset)
#   ejabberd.sh unpin                         give them every CPU again (PostgreSQL outlives a bench run)
#
# Pinning: run `taskset -c 0 bench/ejabberd/ejabberd.sh start` and the node (and epmd, if this start launches
# it) inherit the mask; `pin 0` does the same afterwards and also covers PostgreSQL in durable mode.
# Environment: EJ_HOST (bench.local), EJ_PORT (5222), EJ_HTTP_PORT (5280), EJ_NODE (ejbench@localhost),
# GOCHAT_PG_PORT (55432), EJ_MAX_FILES (20000).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/bench/.work/ejabberd"
etc="$work/etc"
spool="$work/spool"
logs="$work/log"
run="$work/run"
host="${EJ_HOST:-bench.local}"
c2s_port="${EJ_PORT:-5222}"
http_port="${EJ_HTTP_PORT:-5280}"
node="${EJ_NODE:-ejbench@localhost}"
pg_port="${GOCHAT_PG_PORT:-55432}"
max_files="${EJ_MAX_FILES:-20000}"
muc_host="conference.$host"
ej_user=ejabberd

die() { echo "ejabberd.sh: $*" >&2; exit 1; }
log() { echo "ejabberd.sh: $*" >&2; }

# Run a command as the ejabberd user (ejabberdctl refuses any other user but root, and the Erlang cookie
# lives in ejabberd's home).
as_ej() {
  if [ "$(id -un)" = "$ej_user" ]; then "$@"; else runuser -u "$ej_user" -- "$@"; fi
}
ej_home() { getent passwd "$ej_user" | cut -d: -f6; }
# ejabberdctl against our node, bounded: ctl_t <seconds> <command...>
ctl_t() { local t="$1"; shift; as_ej env HOME="$(ej_home)" timeout "$t" ejabberdctl --config-dir "$etc" "$@"; }
ctl() { ctl_t 120 "$@"; }
psql_pg() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
psql_ej() { psql -h 127.0.0.1 -p "$pg_port" -U ejabberd -d ejabberd -v ON_ERROR_STOP=1 -qtAX "$@"; }
current_mode() { cat "$work/mode" 2>/dev/null || echo none; }

# Is something listening on 127.0.0.1:<port>? (bash's /dev/tcp: no iproute2 needed)
port_open() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

beam_pids() { pgrep -f -- "beam.smp.* -sname $node( |$)" || true; }
running() { [ -n "$(beam_pids)" ] && ctl_t 20 status >/dev/null 2>&1; }

schema_file() {
  local f
  for f in /usr/share/ejabberd/sql/pg.sql /usr/lib/*/ejabberd-*/priv/sql/pg.sql /usr/lib/ejabberd*/priv/sql/pg.sql; do
    [ -f "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

cmd_install() {
  # ejabberd itself, plus its PostgreSQL driver: Debian ships it apart (a Suggests of ejabberd), and without it
  # the durable node dies at start with "no such file or directory: p1_pgsql.app".
  local missing=()
  command -v ejabberdctl >/dev/null 2>&1 || missing+=(ejabberd)
  command -v pgrep >/dev/null 2>&1 || missing+=(procps)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  dpkg-query -W -f='${Status}' erlang-p1-pgsql 2>/dev/null | grep -q 'ok installed' || missing+=(erlang-p1-pgsql)
  if [ ${#missing[@]} -eq 0 ]; then
    log "ejabberd already installed: $(dpkg-query -W -f='${Version}' ejabberd 2>/dev/null || echo '?')"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "install needs root"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  # The package may or may not start a service (no systemd in containers): make sure no stock node runs.
  if pgrep -f -- "beam.smp.* -sname ejabberd@localhost( |$)" >/dev/null 2>&1; then
    ejabberdctl stop >/dev/null 2>&1 || true
  fi
}

ensure_pg() {
  if ! pg_isready -h 127.0.0.1 -p "$pg_port" -q; then
    log "PostgreSQL is not up on 127.0.0.1:$pg_port: starting it with scripts/db.sh"
    bash "$root/scripts/db.sh" start >&2
  fi
  pg_isready -h 127.0.0.1 -p "$pg_port" -q || die "PostgreSQL not reachable on 127.0.0.1:$pg_port"
  if [ -z "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = 'ejabberd'")" ]; then
    psql_pg -c "CREATE ROLE ejabberd LOGIN PASSWORD 'ejabberd'"
  fi
  if [ -z "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = 'ejabberd'")" ]; then
    psql_pg -c "CREATE DATABASE ejabberd OWNER ejabberd ENCODING 'UTF8'"
    log "created database ejabberd"
  fi
  if [ -z "$(psql_ej -c "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'users'")" ]; then
    local schema
    schema="$(schema_file)" || die "ejabberd's pg.sql schema not found (is ejabberd installed?)"
    # pg.sql is the single-host schema (new_sql_schema: false, the 23.01 default): one host here.
    psql_ej -f "$schema" >/dev/null
    log "loaded $schema into database ejabberd"
  fi
}

write_config() {
  local mode="$1" erl_extra="$2" auth db mam_module room_mam
  if [ "$mode" = durable ]; then
    auth=sql; db=sql; room_mam=true
    mam_module="  mod_mam:
    db_type: sql
    default: always
    assume_mam_usage: true
    request_activates_archiving: false
    clear_archive_on_room_destroy: false"
  else
    auth=internal; db=mnesia; room_mam=false; mam_module=""
  fi
  mkdir -p "$etc/modules.d"
  cat >"$etc/ejabberdctl.cfg" <<EOF
# Generated by bench/ejabberd/ejabberd.sh; mode: $mode
ERLANG_NODE=$node
INET_DIST_INTERFACE=127.0.0.1
ERL_EPMD_ADDRESS=127.0.0.1
POLL=true
ERL_MAX_PORTS=65536
ERL_PROCESSES=1000000
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0$erl_extra"
EJABBERD_CONFIG_PATH=$etc/ejabberd.yml
EJABBERD_PID_PATH=$run/ejabberd.pid
CONTRIB_MODULES_CONF_DIR=$etc/modules.d
SPOOL_DIR=$spool
LOGS_DIR=$logs
EJABBERD_BYPASS_WARNINGS=true
EOF
  cp /etc/ejabberd/inetrc "$etc/inetrc" 2>/dev/null || printf '{lookup,["file","native"]}.\n{host,{127,0,0,1}, ["localhost"]}.\n' >"$etc/inetrc"

  {
    cat <<EOF
# Generated by bench/ejabberd/ejabberd.sh; mode: $mode. Derived from Debian's /etc/ejabberd/ejabberd.yml
# (23.01) with these changes: one virtual host; every listener on 127.0.0.1 and only c2s (plain, STARTTLS not
# required, large backlog) and HTTP (API/admin, no TLS); no s2s/STUN/MQTT/BOSH listeners; c2s_shaper none;
# plain stored passwords (SASL PLAIN at login costs no SCRAM hashing); large offline quota; log level
# warning (info logs every login and would cost I/O during the run); mod_fail2ban and mod_pres_counter off
# (both would throttle a load generator on 127.0.0.1); MUC with history off and a 10,000-member limit.
loglevel: warning
log_rotate_count: 0
hosts:
  - "$host"
listen:
  -
    port: $c2s_port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: c2s_shaper
    access: c2s
    starttls_required: false
    backlog: 4096
  -
    port: $http_port
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /api: mod_http_api
      /admin: ejabberd_web_admin
disable_sasl_mechanisms:
  - "digest-md5"
  - "X-OAUTH2"
auth_method: $auth
auth_password_format: plain
default_db: $db
EOF
    if [ "$mode" = durable ]; then
      cat <<EOF
sql_type: pgsql
sql_server: "127.0.0.1"
sql_port: $pg_port
sql_database: "ejabberd"
sql_username: "ejabberd"
sql_password: "ejabberd"
sql_pool_size: 10
EOF
    fi
    cat <<EOF
acl:
  admin:
    user:
      - ""
  local:
    user_regexp: ""
  loopback:
    ip:
      - 127.0.0.0/8
      - ::1/128
access_rules:
  local:
    allow: local
  c2s:
    deny: blocked
    allow: all
  announce:
    allow: admin
  configure:
    allow: admin
  muc_create:
    allow: local
  pubsub_createnode:
    allow: local
  trusted_network:
    allow: loopback
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"
  "admin access":
    who:
      access:
        allow:
          - acl: loopback
          - acl: admin
    what:
      - "*"
      - "!stop"
      - "!start"
  "public commands":
    who:
      ip: 127.0.0.1/8
    what:
      - status
      - connected_users_number
shaper:
  normal:
    rate: 3000
    burst_size: 20000
  fast: 200000
shaper_rules:
  max_user_sessions: 10
  max_user_offline_messages: 1000000
  c2s_shaper: none
  s2s_shaper: fast
modules:
  mod_adhoc: {}
  mod_admin_extra: {}
  mod_announce:
    access: announce
  mod_avatar: {}
  mod_blocking: {}
  mod_caps: {}
  mod_carboncopy: {}
  mod_client_state: {}
  mod_configure: {}
  mod_disco: {}
  mod_http_api: {}
  mod_last: {}
$mam_module
  mod_muc:
    host: "$muc_host"
    access:
      - allow
    access_admin:
      - allow: admin
    access_create: muc_create
    access_persistent: muc_create
    access_mam:
      - allow
    history_size: 0
    max_users: 10000
    max_user_conferences: 100
    default_room_options:
      mam: $room_mam
      max_users: 10000
      persistent: false
      logging: false
  mod_muc_admin: {}
  mod_offline:
    access_max_user_messages: max_user_offline_messages
  mod_ping: {}
  mod_privacy: {}
  mod_private: {}
  mod_pubsub:
    access_createnode: pubsub_createnode
    plugins:
      - flat
      - pep
  mod_roster:
    versioning: true
  mod_shared_roster: {}
  mod_sic: {}
  mod_stream_mgmt:
    resend_on_timeout: if_offline
  mod_vcard:
    search: false
  mod_vcard_xupdate: {}
  mod_version: {}
EOF
  } | grep -v '^$' >"$etc/ejabberd.yml"
}

cmd_start() {
  local mode=durable erl_extra=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --durable) mode=durable ;;
      --routing) mode=routing ;;
      --no-busy-wait) erl_extra=" +sbwt none +sbwtdcpu none +sbwtdio none" ;;
      *) die "start: unknown option $1" ;;
    esac
    shift
  done
  command -v ejabberdctl >/dev/null 2>&1 || die "ejabberd is not installed: run $0 install"
  if [ "$mode" = durable ] && ! ls -d /usr/lib/erlang/lib/p1_pgsql-* /usr/lib/*/ejabberd*/lib/p1_pgsql* >/dev/null 2>&1 \
     && ! dpkg-query -W -f='${Status}' erlang-p1-pgsql 2>/dev/null | grep -q 'ok installed'; then
    die "the PostgreSQL driver (erlang-p1-pgsql) is missing: run $0 install"
  fi
  if [ -n "$(beam_pids)" ]; then
    if [ "$(current_mode)" = "$mode" ] && grep -qF -- "ERL_CRASH_DUMP_BYTES 0$erl_extra\"" "$etc/ejabberdctl.cfg" && running; then
      log "already running ($mode) on 127.0.0.1:$c2s_port"
      return 0
    fi
    log "running in mode $(current_mode): stopping it first"
    cmd_stop
  fi
  # Refuse to share a c2s port with another server (a stock ejabberd, say).
  if port_open "$c2s_port"; then
    die "something already listens on 127.0.0.1:$c2s_port (a stock ejabberd?): stop it first"
  fi
  [ "$mode" = durable ] && ensure_pg
  mkdir -p "$etc" "$spool" "$logs" "$run"
  # A spool from the other mode holds a mnesia schema that does not hurt, but keep runs independent.
  if [ "$(current_mode)" != "$mode" ]; then rm -rf "${spool:?}"/*; fi
  write_config "$mode" "$erl_extra"
  echo "$mode" >"$work/mode"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$ej_user:$ej_user" "$work"
    mkdir -p /run/ejabberd && chown "$ej_user:$ej_user" /run/ejabberd
  fi
  # The raised file limit matters: at the default 1,024 the node hits emfile at ~1,565 connections and dies.
  # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
  as_ej env HOME="$(ej_home)" sh -c \
    'ulimit -n "$1" && exec ejabberdctl --config-dir "$2" start' sh "$max_files" "$etc"
  local i
  for i in $(seq 1 60); do
    if ctl_t 10 status >/dev/null 2>&1; then
      # status answers once ejabberd's application is started; listeners come up with it.
      if port_open "$c2s_port"; then
        log "started ($mode) node $node, c2s on 127.0.0.1:$c2s_port, host $host, MUC $muc_host, pids: $(beam_pids | tr '\n' ' ')"
        return 0
      fi
    fi
    if [ "$i" -gt 5 ] && [ -z "$(beam_pids)" ]; then break; fi
    sleep 1
  done
  log "ejabberd did not start within 60 s; last log lines:"
  tail -n 40 "$logs/ejabberd.log" "$logs/error.log" 2>/dev/null >&2 || true
  cmd_stop || true
  exit 1
}

cmd_stop() {
  if [ -z "$(beam_pids)" ]; then log "not running"; return 0; fi
  ctl_t 30 stop >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 30); do
    [ -z "$(beam_pids)" ] && break
    sleep 1
  done
  if [ -n "$(beam_pids)" ]; then
    log "node still up after 30 s: sending TERM to $(beam_pids | tr '\n' ' ')"
    for p in $(beam_pids); do kill "$p" 2>/dev/null || true; done
    sleep 2
  fi
  # epmd goes away when no Erlang node is registered any more.
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
    epmd -kill >/dev/null 2>&1 || true
  fi
  log "stopped"
}

valid_name() { [[ "$1" =~ ^[A-Za-z0-9_.-]+$ ]] || die "'$1': use letters, digits, '_', '.', '-' only"; }

cmd_register() {
  [ $# -eq 3 ] || die "usage: register <prefix> <count> <password>"
  local prefix="$1" count="$2" pass="$3" mode t0 t1
  valid_name "$prefix"; valid_name "$pass"
  if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ]; then die "count must be a positive number"; fi
  mode="$(current_mode)"
  running || die "ejabberd is not running: start it first"
  t0=$(date +%s.%N)
  if [ "$mode" = durable ]; then
    # SQL auth with plain passwords: one INSERT for all users is the fastest correct way (the row is exactly
    # what ejabberd_auth_sql writes for auth_password_format: plain).
    psql_ej -v prefix="$prefix" -v pass="$pass" -v n="$count" <<'SQL'
INSERT INTO users (username, password)
SELECT :'prefix' || g, :'pass' FROM generate_series(1, :n) AS g
ON CONFLICT (username) DO UPDATE SET password = EXCLUDED.password, serverkey = '', salt = '', iterationcount = 0;
SQL
    # ejabberd caches auth lookups; drop the cache so users changed behind its back are seen.
    ctl_t 30 clear_cache >/dev/null 2>&1 || true
  else
    # mnesia: one Erlang RPC runs the whole loop inside the node (ejabberdctl register costs ~0.85 s each:
    # a new Erlang VM per call).
    local expr
    expr="Node = list_to_atom(\"$node\"), Host = <<\"$host\">>, Pass = <<\"$pass\">>,
      F = fun() -> lists:foldl(fun(I, Acc) ->
            U = list_to_binary(\"$prefix\" ++ integer_to_list(I)),
            case ejabberd_auth:try_register(U, Host, Pass) of
              ok -> Acc;
              {error, exists} -> case ejabberd_auth:set_password(U, Host, Pass) of ok -> Acc; E1 -> [{U, E1} | Acc] end;
              E -> [{U, E} | Acc]
            end end, [], lists:seq(1, $count)) end,
      R = rpc:call(Node, erlang, apply, [F, []], 600000),
      case R of [] -> halt(0); _ -> io:format(standard_error, \"register failed: ~p~n\", [lists:sublist(R, 5)]), halt(1) end."
    as_ej env HOME="$(ej_home)" ERL_EPMD_ADDRESS=127.0.0.1 \
      timeout 900 erl -sname "bulkreg$$@localhost" -hidden -noinput \
      -kernel inet_dist_use_interface '{127,0,0,1}' -eval "$expr"
  fi
  t1=$(date +%s.%N)
  # Verify through ejabberd's own auth path (first and last user).
  local u
  for u in "${prefix}1" "${prefix}${count}"; do
    ctl_t 30 check_password "$u" "$host" "$pass" >/dev/null 2>&1 || die "check_password failed for $u@$host"
  done
  log "registered ${prefix}1..${prefix}${count}@$host ($mode) in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; check_password ok"
}

cmd_create_room() {
  [ $# -ge 1 ] || die "usage: create-room <name> [max_users]"
  local name="$1" max="${2:-10000}"
  valid_name "$name"
  running || die "ejabberd is not running"
  # create_room_with_opts "cannot be executed using ejabberdctl" in 23.01: create, then set options one by one.
  ctl_t 30 create_room "$name" "$muc_host" "$host" >/dev/null
  ctl_t 30 change_room_option "$name" "$muc_host" persistent true >/dev/null
  ctl_t 30 change_room_option "$name" "$muc_host" max_users "$max" >/dev/null
  ctl_t 30 change_room_option "$name" "$muc_host" mam "$([ "$(current_mode)" = durable ] && echo true || echo false)" >/dev/null
  log "room $name@$muc_host ready"
}

# CPU ticks (user + system) of the server pids, summed.
cpu_ticks() {
  local p
  for p in $(cmd_pids); do sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}'; done \
    | awk '{t += $1} END {print t + 0}'
}

# Wait (at most 60 s) until the server has been idle for a second: a saturated run leaves a backlog that
# ejabberd keeps routing, storing offline and archiving after the clients are gone.
settle() {
  local i a b
  for i in $(seq 1 60); do
    a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
    if [ $((b - a)) -le 3 ]; then
      [ "$i" -gt 1 ] && log "server idle after ${i} s"
      return 0
    fi
  done
  log "warning: server still busy after 60 s"
}

cmd_reset() {
  local mode
  mode="$(current_mode)"
  if running; then settle; fi
  if [ "$mode" = durable ] && pg_isready -h 127.0.0.1 -p "$pg_port" -q; then
    psql_ej -c "TRUNCATE archive, spool; DELETE FROM archive_prefs"
    log "truncated archive and spool (offline) in PostgreSQL"
  fi
  if running; then
    ctl_t 60 delete_old_messages 0 >/dev/null 2>&1 || true
    if [ "$mode" = durable ]; then ctl_t 60 clear_cache >/dev/null 2>&1 || true; fi
    log "deleted offline messages (delete_old_messages 0)"
  elif [ "$mode" = routing ]; then
    log "not running: offline messages in mnesia can only be deleted while it runs (start, then reset)"
  fi
}

pg_pids() {
  local data="$root/.data/pg" pm
  [ -f "$data/postmaster.pid" ] || return 0
  pm="$(head -n 1 "$data/postmaster.pid")"
  [ -d "/proc/$pm" ] || return 0
  echo "$pm"
  pgrep -P "$pm" || true
}

# Drop zombies (a container whose pid 1 does not reap keeps dead epmd/beam entries around).
alive() {
  local p
  while read -r p; do
    [ -n "$p" ] && [ "$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)" != Z ] && [ -e "/proc/$p" ] && echo "$p"
  done
  return 0
}

cmd_pids() {
  local with_pg=1
  [ "${1:-}" = "--no-pg" ] && with_pg=0
  {
    local p
    for p in $(beam_pids); do
      echo "$p"
      pgrep -P "$p" || true   # erl_child_setup
    done
    pgrep -x epmd || true
    if [ "$with_pg" -eq 1 ] && [ "$(current_mode)" = durable ] && [ -n "$(beam_pids)" ]; then pg_pids; fi
  } | alive
}

cmd_pin() {
  [ $# -eq 1 ] || die "usage: pin <cpu-list>"
  local p
  for p in $(cmd_pids); do taskset -a -p -c "$1" "$p" >/dev/null 2>&1 || log "could not pin $p"; done
  # The same priority as the benchmark's other processes (bench/run.sh sets BENCH_RENICE as root).
  if [ -n "${BENCH_RENICE:-}" ]; then for p in $(cmd_pids); do renice -n "$BENCH_RENICE" -p "$p" >/dev/null 2>&1 || true; done; fi
  log "pinned $(cmd_pids | wc -l) server pids to CPU $1"
}

cmd_unpin() {
  cmd_pin "0-$(($(nproc) - 1))"
  # PostgreSQL is also pinned in durable mode; release it even if the mode has changed since.
  local p
  for p in $(pg_pids); do taskset -a -p -c "0-$(($(nproc) - 1))" "$p" >/dev/null 2>&1 || true; renice -n 0 -p "$p" >/dev/null 2>&1 || true; done
}

cmd_status() {
  if running; then
    echo "running ($(current_mode)) node $node, c2s 127.0.0.1:$c2s_port, host $host"
    ctl_t 20 connected_users_number 2>/dev/null | sed 's/^/connected users: /'
  else
    echo "not running"
    return 3
  fi
}

case "${1:-}" in
  install) shift; cmd_install "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop ;;
  register) shift; cmd_register "$@" ;;
  create-room) shift; cmd_create_room "$@" ;;
  reset) shift; cmd_reset ;;
  pids) shift; cmd_pids "$@" ;;
  pin) shift; cmd_pin "$@" ;;
  unpin) cmd_unpin ;;
  status) cmd_status ;;
  mode) current_mode ;;
  ctl) shift; ctl "$@" ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
