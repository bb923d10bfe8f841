#!/usr/bin/env bash
# A local PostgreSQL for GoChat in an ignored folder (.data/pg) on a loopback port.
#   scripts/db.sh start   initdb on first use, start, create the database "gochat"
#   scripts/db.sh stop
#   scripts/db.sh restart  pg_ctl restart -m fast, same settings (the cluster script's fault drill)
#   scripts/db.sh status
# The schema is applied by the silo's migrator (`GoChat.Silo migrate`), the same code that tests use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${GOCHAT_PG_PORT:-55432}"
# GOCHAT_PG_HOME gives a second server its own folder (scripts/cluster.sh runs one on its own port).
home="${GOCHAT_PG_HOME:-$root/.data}"
data="$home/pg"
run="$home/pg-run"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
  # The postgres user cannot reach this checkout (a private temp dir, a home folder): keep the cluster where
  # it can, one per checkout.
  key=$(printf '%s' "${GOCHAT_PG_HOME:-$root}" | md5sum | cut -c1-12)
  data="/tmp/gochat-pg-$key/data"
  run="/tmp/gochat-pg-$key/run"
fi
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL binaries not found; run scripts/ensure-prereqs.sh" >&2; exit 1; }

as_pg() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$data" "$run"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$(dirname "$data")" "$data" "$run"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "PostgreSQL already running on 127.0.0.1:$port"
    else
      as_pg "$bin/pg_ctl" -D "$data" -l "$run/postgres.log" -w -t 60 \
        -o "-p $port -k $run -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
      echo "PostgreSQL started on 127.0.0.1:$port (log: .data/pg-run/postgres.log)"
    fi
    if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'gochat'" | grep -q 1; then
      psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE gochat"
      echo "Created database gochat"
    fi
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$data" -m fast stop || true
    ;;
  restart)
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 60 restart >/dev/null
    echo "PostgreSQL restarted on 127.0.0.1:$port"
    ;;
  status)
    as_pg "$bin/pg_ctl" -D "$data" status
    ;;
  *)
    echo "usage: $0 start|stop|restart|status" >&2
    exit 2
    ;;
esac
