#!/usr/bin/env bash
# `npm start`: installs what is missing, provides the Temporal CLI, then runs `karta dev` (Ctrl-C stops it all).
# Arguments go to `karta dev`: npm start -- --logs --api-port 3001
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
# shellcheck source=scripts/tools.sh
source scripts/tools.sh cli
exec bin/karta dev "$@"
