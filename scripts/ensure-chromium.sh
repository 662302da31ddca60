#!/usr/bin/env bash
# npm pretest: the end-to-end test drives Debian's chromium through playwright-core
# (`npx playwright install` cannot download browsers here). Installs it when missing and we are root.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian chromium with apt-get (a few minutes)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    exit 0
  fi
fi

cat >&2 <<MSG
ensure-chromium: no Chromium at $CHROMIUM, and it cannot be installed automatically here
(installing needs root and apt-get; this is $(id -un) on $(uname -s)).
The end-to-end test (tests/e2e/) needs it. Either:
  - Debian/Ubuntu: sudo apt-get install -y chromium      (then run npm test again)
  - elsewhere: install Chromium/Chrome and set CHROMIUM_PATH=/path/to/chromium before npm test
MSG
exit 1
