#!/usr/bin/env bash
# One command from a fresh clone to a full test run: installs Node 22 (when the system Node is
# older), the npm packages, Chromium's apt packages and code-server (cached in ~/.cache/pod-doctor),
# then runs `npm test` (typecheck, lint, format check, unit tests, build, integration tests in VS Code)
# and ends with `N passed, N failed` summed over the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
pd_ensure_node22
pd_ensure_npm_packages
pd_ensure_code_server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
npm test 2>&1 | tee "$log" || status=$?
node scripts/test-summary.mjs "$log" "$status"
