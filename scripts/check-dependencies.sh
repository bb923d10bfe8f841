#!/usr/bin/env bash
# Dependency check: fails when a NuGet package of the solution (direct or transitive) or a production npm
# package of the web client has a known high or critical vulnerability.
#
# A clean answer only counts if the registries actually serve advisory data, and NuGet answers "no vulnerable
# packages" just the same when its feed has none. So before trusting a clean answer the script asks the
# registries about canaries that are known to be vulnerable (Newtonsoft.Json 12.0.1, GHSA-5crp-9r3c-p9vr, high;
# lodash 4.17.4, GHSA-jf85-cpcp-j695, critical), each in a throwaway project under a temp directory. And it
# proves the check itself can fail: the same canaries, asked of a loopback advisory source
# (dependency-check/advisory-server.js) that carries those two advisories, must be reported as high/critical.
#
#   bash scripts/check-dependencies.sh               canaries, then the solution and web/
#   bash scripts/check-dependencies.sh --self-check  canaries only
#
# Exit status:
#   0  advisory data from both registries, nothing high or critical
#   1  a high or critical vulnerability in GoChat's dependencies (or a tool could not report on them)
#   2  self-check failed: the check did not report the canary from the loopback advisory source
#   3  nothing high or critical found, but a registry serves no advisory data (its canary was not reported),
#      so for that registry the check proves nothing: not a pass (see docs/security/dependencies.md)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/scripts/dependency-check"
cd "$root"

self_check_only=
case "${1:-}" in
  "") ;;
  --self-check) self_check_only=1 ;;
  *) echo "usage: $0 [--self-check]" >&2; exit 64 ;;
esac

work="$(mktemp -d)"
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

report() { node "$here/high-or-critical.js" "$@"; }
self_check_failed() { echo "dependency check: SELF-CHECK FAILED: $*" >&2; exit 2; }

# --- the loopback advisory source -------------------------------------------------------------------------------
node "$here/advisory-server.js" >"$work/server.out" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 200); do
  port="$(sed -n 's/^PORT //p' "$work/server.out")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
[ -n "$port" ] || self_check_failed "the loopback advisory source did not start: $(cat "$work/server.out")"

# --- NuGet canary -------------------------------------------------------------------------------------------------
canary="$work/nuget-canary"
mkdir -p "$canary"
cat >"$canary/Canary.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NuGetAudit>false</NuGetAudit>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="12.0.1" />
  </ItemGroup>
</Project>
XML
cat >"$work/loopback.nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="loopback-advisories" value="http://127.0.0.1:$port/nuget/index.json" allowInsecureConnections="true" />
  </packageSources>
</configuration>
XML
dotnet restore "$canary" -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false >"$work/canary-restore.txt" 2>&1 \
  || self_check_failed "the NuGet canary Newtonsoft.Json 12.0.1 did not restore: $(tail -n 5 "$work/canary-restore.txt")"

echo "NuGet self-check (loopback advisory source carrying GHSA-5crp-9r3c-p9vr):"
# Its own HTTP cache: the port changes every run, and nothing from it belongs in the shared cache.
NUGET_HTTP_CACHE_PATH="$work/http-cache" dotnet list "$canary" package --vulnerable --include-transitive --format json \
  --config "$work/loopback.nuget.config" >"$work/nuget-self.json" 2>&1
report nuget "$work/nuget-self.json"
[ $? -eq 1 ] && grep -q 'Newtonsoft.Json' "$work/nuget-self.json" \
  || self_check_failed "dotnet list package --vulnerable did not report Newtonsoft.Json 12.0.1 from the loopback source"

unavailable=()
echo "NuGet canary Newtonsoft.Json 12.0.1 asked of the configured feed:"
dotnet list "$canary" package --vulnerable --include-transitive --format json >"$work/nuget-canary.json" 2>&1
report nuget "$work/nuget-canary.json"
if [ $? -eq 1 ]; then
  echo "  reported: the feed serves advisory data"
else
  sources="$(node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).sources.join(" ")) } catch { console.log("?") }' "$work/nuget-canary.json")"
  echo "  advisory data unavailable from the NuGet feed ($sources): the known-vulnerable canary was not reported"
  unavailable+=("NuGet")
fi

# --- npm canary ---------------------------------------------------------------------------------------------------
npm_canary="$work/npm-canary"
mkdir -p "$npm_canary"
echo '{ "name": "canary", "version": "1.0.0", "private": true, "dependencies": { "lodash": "4.17.4" } }' >"$npm_canary/package.json"
(cd "$npm_canary" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund) >"$work/npm-canary-install.txt" 2>&1 \
  || self_check_failed "the npm canary lodash 4.17.4 did not resolve: $(tail -n 5 "$work/npm-canary-install.txt")"

echo "npm self-check (loopback advisory source carrying GHSA-jf85-cpcp-j695):"
(cd "$npm_canary" && npm audit --omit=dev --json --registry "http://127.0.0.1:$port/npm/") >"$work/npm-self.json" 2>"$work/npm-self.err"
report npm "$work/npm-self.json"
[ $? -eq 1 ] && grep -q '"lodash"' "$work/npm-self.json" \
  || self_check_failed "npm audit did not report lodash 4.17.4 from the loopback source: $(head -c 500 "$work/npm-self.err")"

echo "npm canary lodash 4.17.4 asked of the configured registry ($(npm config get registry)):"
(cd "$npm_canary" && npm audit --omit=dev --json) >"$work/npm-canary.json" 2>"$work/npm-canary.err"
report npm "$work/npm-canary.json"
if [ $? -eq 1 ]; then
  echo "  reported: the registry serves advisory data"
else
  echo "  advisory data unavailable from the npm registry: the known-vulnerable canary was not reported"
  unavailable+=("npm")
fi

if [ -n "$self_check_only" ]; then
  if [ ${#unavailable[@]} -gt 0 ]; then
    echo "dependency check self-check: the check reports vulnerable packages; advisory data unavailable from ${unavailable[*]}"
    exit 3
  fi
  echo "dependency check self-check: the check reports vulnerable packages; both registries serve advisory data"
  exit 0
fi

# --- GoChat's own dependencies ------------------------------------------------------------------------------------
found=
echo "NuGet: GoChat.Orleans.sln, direct and transitive packages:"
dotnet restore GoChat.Orleans.sln >"$work/restore.txt" 2>&1 || { tail -n 20 "$work/restore.txt"; echo "dependency check: restore failed" >&2; exit 1; }
dotnet list GoChat.Orleans.sln package --vulnerable --include-transitive --format json >"$work/nuget.json" 2>&1
report nuget "$work/nuget.json"
case $? in
  0) echo "  nothing high or critical" ;;
  1) found=1 ;;
  *) echo "dependency check: dotnet list package did not report on the solution: $(head -c 2000 "$work/nuget.json")" >&2; exit 1 ;;
esac

echo "npm: web/, production packages:"
(cd web && npm audit --omit=dev --json) >"$work/npm.json" 2>"$work/npm.err"
report npm "$work/npm.json"
case $? in
  0) echo "  nothing high or critical" ;;
  1) found=1 ;;
  3) [[ " ${unavailable[*]} " == *" npm "* ]] || unavailable+=("npm") ;;
  *) echo "dependency check: npm audit did not report on web/: $(head -c 2000 "$work/npm.err")" >&2; exit 1 ;;
esac

if [ -n "$found" ]; then
  echo "dependency check: FAILED: high or critical vulnerabilities above" >&2
  exit 1
fi
if [ ${#unavailable[@]} -gt 0 ]; then
  echo "dependency check: NOT A PASS: nothing high or critical reported, but advisory data unavailable from ${unavailable[*]}"
  exit 3
fi
echo "dependency check: passed: nothing high or critical"
exit 0
