#!/usr/bin/env bash
# Runs every test: installs what a fresh machine lacks, builds, runs the unit, store and
# end-to-end tests (which drive the built binaries). The network-fault rounds
# (FaultToleranceTests: hundreds of sync runs through a fault-injecting proxy) run on their
# own afterwards, so that their load does not starve the other tests' timeouts. Then the
# date guard runs the model, store and kiosk suites again under libfaketime at moments far
# ahead and in other time zones (scripts/date-guard.sh). Last, schemathesis fuzzes the
# built hub against sync/openapi.yaml (scripts/schemathesis.sh).
# Arguments are passed to `swift test` (e.g. --filter NAME), and then only that run is made.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
if [ "$#" -gt 0 ]; then
  exec swift test --skip-build "$@"
fi
swift test --skip-build --skip FaultToleranceTests
swift test --skip-build --filter FaultToleranceTests
scripts/date-guard.sh
scripts/schemathesis.sh .build/debug
