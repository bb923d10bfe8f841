#!/usr/bin/env bash
# Brings GoChat up locally: PostgreSQL, schema, one silo and one gateway, all on loopback.
# Stops everything it started on Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port="${GOCHAT_PG_PORT:-55432}"
logs="$root/.data/logs"
mkdir -p "$logs"

bash scripts/ensure-prereqs.sh
bash scripts/db.sh start

echo "Building..."
dotnet build GoChat.Orleans.sln -c Release -v quiet -nologo >/dev/null

export ConnectionStrings__GoChat="Host=127.0.0.1;Port=$port;Database=gochat;Username=postgres;Maximum Pool Size=40"
(cd silo/bin/Release/net10.0 && dotnet GoChat.Silo.dll migrate)

pids=()
cleanup() {
  echo "Stopping GoChat..."
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_ready() {
  local url=$1 name=$2
  for _ in $(seq 1 120); do
    if curl -fs "$url" >/dev/null 2>&1; then echo "$name ready"; return 0; fi
    sleep 0.5
  done
  echo "$name did not become ready; see $logs" >&2
  return 1
}

(cd silo/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development exec dotnet GoChat.Silo.dll) >"$logs/silo.log" 2>&1 &
pids+=($!)
wait_ready http://127.0.0.1:5090/health/ready silo

# A fresh signing key per local run: tokens from an earlier run stop working, and no key sits in the repo.
export Auth__SigningKey="${Auth__SigningKey:-$(head -c 32 /dev/urandom | base64)}"
(cd gateway/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development exec dotnet GoChat.Gateway.dll) >"$logs/gateway.log" 2>&1 &
pids+=($!)
wait_ready http://127.0.0.1:5080/health/ready gateway

cat <<MSG

GoChat is up.
  web client             http://127.0.0.1:5080/   (sign in as pentadbir@gochat.local; codes: grep 'code is' $logs/silo.log)
  gateway (SignalR hub)  http://127.0.0.1:5080/hubs/chat
  OpenAPI                http://127.0.0.1:5080/openapi/v1.json
  health                 http://127.0.0.1:5080/health/ready, silo http://127.0.0.1:5090/health/ready
  logs                   $logs

Chat from two terminals with the console client:
  dotnet run --project tools/GoChat.Cli -- --user alice --to bob
  dotnet run --project tools/GoChat.Cli -- --user bob --to alice

Ctrl-C stops the silo and the gateway (PostgreSQL keeps running: scripts/db.sh stop).
MSG
wait
