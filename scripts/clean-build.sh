#!/usr/bin/env bash
# Builds the solution (the gateway's build also installs and builds the web client) and fails if the build wrote
# to the repository: a fresh clone must stay clean after its first build (npm install once rewrote
# web/package-lock.json on every one). Ignored files (bin/, obj/, node_modules/, gateway/wwwroot/) may change.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# What git sees, content included: a file that was already modified and is modified again also counts.
state() {
  { git status --porcelain --untracked-files=all; git diff HEAD; } | sha256sum
}

before=$(state)
before_list=$(git status --porcelain --untracked-files=all)
dotnet build GoChat.Orleans.sln -c Release "$@"
if [ "$(state)" != "$before" ]; then
  echo "The build changed the working tree (it must only write ignored files):" >&2
  diff <(echo "$before_list") <(git status --porcelain --untracked-files=all) >&2 || true
  git diff --stat HEAD >&2
  exit 1
fi
echo "The build left the working tree as it was."
