#!/usr/bin/env bash
# One command from a fresh clone to a running demo: installs Node 22 (when the system Node is older),
# the npm packages, Chromium's apt packages and code-server (cached in ~/.cache/pod-doctor), then runs
# scripts/demo.ts: the demo cluster plus VS Code with Pod Doctor at http://127.0.0.1:8080.
#   bash scripts/demo.sh [--port PORT] [--host HOST] [--desktop]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
pd_ensure_node22
pd_ensure_npm_packages
if [[ " $* " != *" --desktop "* ]]; then pd_ensure_code_server; fi
exec node --import tsx scripts/demo.ts "$@"
