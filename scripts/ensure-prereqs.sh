#!/usr/bin/env bash
# Makes sure this machine has what GoChat needs to build, run and test: the .NET SDK, PostgreSQL's server
# binaries, node/npm (the web client is built during the gateway's build), Debian's Chromium (the browser
# tests drive it headless; Playwright never downloads a browser), ClamAV's clamd (the malware-scanning
# tests) and ffmpeg (video thumbnails). Installs what is missing from Debian's packages. Safe to run repeatedly.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "Installing PostgreSQL from Debian's packages..."
  apt_install postgresql
fi
echo "PostgreSQL binaries: $(pg_bin)"

if ! command -v npm >/dev/null 2>&1; then
  echo "Installing node and npm from Debian's packages..."
  apt_install nodejs npm
fi
echo "node $(node --version), npm $(npm --version 2>/dev/null)"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages (for the browser tests)..."
  apt_install chromium
fi
echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

# A plain sans-serif for the visible mark on a protected broadcast's pictures (issue 16): without one the gateway
# refuses to mark, and so to serve, them. Debian's DejaVu (a free licence, as Bitstream Vera).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing DejaVu fonts from Debian's packages (for the visible image mark)..."
  apt_install fonts-dejavu-core
fi

# Colour emoji for the screenshots the browser tests save (the reactions, the picker): without a font that has them
# Chromium draws empty boxes. Debian's Noto Color Emoji (SIL Open Font Licence).
if [ ! -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
  echo "Installing Noto Color Emoji from Debian's packages (for the screenshots)..."
  apt_install fonts-noto-color-emoji
fi

# ClamAV's clamd for the malware-scanning tests: tests/GoChat.Testing/ClamdServer.cs starts its own clamd with its own
# config, signature and free port, and never uses the system one. Debian's postinst starts clamav-daemon and
# clamav-freshclam where it can: freshclam would keep retrying a mirror this machine cannot reach, and a system clamd
# (with no database it would not even start) has no business on a test machine. A policy-rc.d that answers 101 ("not
# allowed") keeps both from starting during the install, as on a container image, and systemd is told to leave them off.
if [ ! -x /usr/sbin/clamd ]; then
  echo "Installing ClamAV's clamd from Debian's packages (for the malware-scanning tests)..."
  policy=/usr/sbin/policy-rc.d
  added_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    added_policy=1
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt_install clamav-daemon
  if [ -n "$added_policy" ]; then
    $SUDO rm -f "$policy"
    trap - EXIT
  fi
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now clamav-daemon.socket clamav-daemon.service clamav-freshclam.service >/dev/null 2>&1 || true
  fi
fi
echo "clamd: $(/usr/sbin/clamd --version)"
# The first frame of an uploaded video becomes its thumbnail with Debian's ffmpeg (ffprobe reads the duration); a
# server without it still takes videos, they just have no thumbnail. ~150 MB installed without the recommends.
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "Installing ffmpeg from Debian's packages (for video thumbnails)..."
  apt_install --no-install-recommends ffmpeg
fi
echo "ffmpeg: $(ffmpeg -version 2>/dev/null | head -n 1)"

# SoftHSM 2, a PKCS#11 token in software, for the secret chats' passcode backups (issue 17): the per-user key share is
# derived inside a PKCS#11 token so a copy of the database alone cannot test passcodes. Production uses the agency's
# HSM; the tests and a local run use SoftHSM (BSD licence), each with its own token directory.
if [ ! -e /usr/lib/softhsm/libsofthsm2.so ]; then
  echo "Installing SoftHSM 2 from Debian's packages (the PKCS#11 token of the passcode backups)..."
  apt_install --no-install-recommends softhsm2
fi
echo "SoftHSM: $(softhsm2-util --version 2>/dev/null | head -n 1)"
