#!/usr/bin/env bash
# Runs every test: installs what a fresh machine lacks, builds, runs the unit, store and
# end-to-end tests (which drive the built binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
