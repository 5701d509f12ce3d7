#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or was installed from another package-lock.json.
# Used by scripts/start.sh and scripts/test.sh; safe to run any time (a no-op when up to date).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node_major_minor="$(node -p 'process.versions.node' 2>/dev/null || true)"
if [[ -z "$node_major_minor" ]]; then
  echo "karta: Node.js is not installed; install Node.js 20.19 or newer (https://nodejs.org)" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "karta: Node.js $node_major_minor is too old; Karta needs 20.19 or newer (require(esm) support)" >&2
  exit 1
fi

stamp=node_modules/.karta-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -d node_modules && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
# Installed by hand (no stamp yet): accept it when every locked package is there at its locked version.
if [[ -d node_modules && ! -f "$stamp" ]] && node -e '
  const lock = require("./package-lock.json").packages;
  const installed = require("./node_modules/.package-lock.json").packages;
  const off = Object.entries(lock).filter(
    ([name, p]) => name.startsWith("node_modules/") && !p.optional && !p.peer && installed[name]?.version !== p.version,
  );
  process.exit(off.length ? 1 : 0);
' 2>/dev/null; then
  echo "$want" >"$stamp"
  exit 0
fi
echo "karta: installing npm dependencies (npm ci)…" >&2
npm ci --no-audit --no-fund --loglevel=error >&2
echo "$want" >"$stamp"
