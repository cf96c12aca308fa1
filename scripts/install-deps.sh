#!/usr/bin/env bash
# Installs the system packages the node needs, when they are missing (Debian/Ubuntu).
# The Swift toolchain itself is expected on PATH. python3-venv is for scripts/schemathesis.sh,
# which installs schemathesis from PyPI into its own virtualenv under .build. postgresql is
# the server the hub's PostgreSQL tests run against (scripts/postgres.sh starts a throwaway
# cluster; the package's own cluster service is not needed).
set -euo pipefail
packages=(libsqlite3-dev libcurl4-openssl-dev zlib1g-dev tmux python3 python3-venv faketime openssl curl util-linux nginx-light postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH; install the Swift 6 toolchain first" >&2; exit 1; }
# Python modules used by the protocol conformance check (Debian ships both).
if ! python3 -c "import jsonschema, yaml" 2>/dev/null; then
  echo "installing python3-jsonschema python3-yaml" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-jsonschema python3-yaml >/dev/null \
    || python3 -m pip install -q jsonschema pyyaml
fi
