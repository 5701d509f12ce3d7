#!/usr/bin/env bash
# Provides Debian's chromium for the web app's end-to-end tests (playwright-core drives it; no browser is ever
# downloaded by a test tool). A no-op when $CHROMIUM_PATH or /usr/bin/chromium exists; otherwise installs the
# Debian package `chromium` with apt-get (as root, or through sudo). Fails with what to install when it cannot.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$chromium" ]] && exit 0

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "karta: $chromium is missing and this user cannot install packages: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "karta: $chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
echo "karta: installing Debian's chromium for the browser tests (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >&2 || true
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
[[ -x "$chromium" ]] || {
  echo "karta: apt-get finished but $chromium is still missing; set CHROMIUM_PATH" >&2
  exit 1
}
