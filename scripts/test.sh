#!/usr/bin/env bash
# `npm test`: installs what is missing, provides the Temporal binaries, then runs lint, type-check and every
# jest project (unit and integration; the integration suites start their own PostgreSQL and Temporal on free
# ports). Ends with one plain line, `N passed, N failed`, counted from jest's JSON report; a failed lint or
# type-check, or a test file that could not run, counts as failed. Exits non-zero when anything failed.
#   npm test                       everything
#   npm test -- libs/terms         only jest, only matching test files (lint and type-check are skipped)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh || {
  echo "0 passed, 1 failed"
  exit 1
}
# shellcheck source=scripts/tools.sh
source scripts/tools.sh all || {
  echo "0 passed, 1 failed"
  exit 1
}

# The browser tests need Debian's chromium; without it they fail with a message saying so, the rest still runs.
bash scripts/ensure-browser.sh || true

results=tmp/test-results
mkdir -p "$results"
rm -f "$results/jest.json"
failed_steps=()
step() {
  local name="$1"
  shift
  local started=$SECONDS
  echo "── $name: $*"
  if "$@"; then
    echo "── $name passed ($((SECONDS - started)) s)"
  else
    echo "── $name FAILED ($((SECONDS - started)) s)"
    failed_steps+=("$name")
  fi
}

typecheck() {
  local config rc=0
  npx --no-install tsc -p tsconfig.json --noEmit || rc=1
  # Projects with their own compiler settings (the browser app) are checked with them.
  for config in apps/*/tsconfig.json; do
    [[ -f "$config" ]] || continue
    npx --no-install tsc -p "$config" --noEmit || rc=1
  done
  return $rc
}

lint() {
  # The module-boundary rule reads Nx's cached project graph; computing it also validates nx.json/project.json.
  NX_DAEMON=false NX_NO_CLOUD=true npx --no-install nx show projects >/dev/null || return 1
  npx --no-install eslint .
}

if [[ $# -eq 0 ]]; then
  step lint lint
  step typecheck typecheck
fi
# Lint and type-check count as one failed test each; jest's own results come from its JSON report.
failed_checks=${#failed_steps[@]}
echo "── jest"
started=$SECONDS
# --forceExit: a leaked handle in some test must not hang CI; the stack itself is stopped by globalTeardown.
timeout --kill-after=30s 60m npx --no-install jest --ci --forceExit --json --outputFile="$results/jest.json" "$@"
jest_status=$?
echo "── jest exited with $jest_status ($((SECONDS - started)) s)"

node - "$results/jest.json" "$failed_checks" "$jest_status" <<'JS'
const fs = require('fs');
const [file, failedChecks, jestStatus] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecks);
try {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  // A run that ran nothing, or that jest failed with every test green (a broken global setup or
  // teardown), has not shown that everything works.
  if (report.numTotalTests === 0 || (Number(jestStatus) !== 0 && failed === Number(failedChecks))) failed += 1;
} catch {
  failed += 1; // jest did not produce a report: the run broke
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
JS
