#!/usr/bin/env bash
# Runs every test: installs what a fresh machine lacks, builds, runs the unit, store and
# end-to-end tests (which drive the built binaries). The network-fault rounds
# (FaultToleranceTests: hundreds of sync runs through a fault-injecting proxy) run on their
# own afterwards, so that their load does not starve the other tests' timeouts. Then the
# date guard runs the model, store and kiosk suites again under libfaketime at moments far
# ahead and in other time zones (scripts/date-guard.sh). Last, schemathesis fuzzes the
# built hub against sync/openapi.yaml (scripts/schemathesis.sh).
# A throwaway PostgreSQL server (scripts/postgres.sh) is started first and its URL exported
# as ONETHING_TEST_POSTGRES_URL, so that the hub's contract tests run on PostgreSQL too;
# the run fails when fewer PostgreSQL cases ran than expected (they would otherwise be
# skipped, not failed, on a machine without the server).
# Arguments are passed to `swift test` (e.g. --filter NAME), and then only that run is made.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
ONETHING_TEST_POSTGRES_URL=$(scripts/postgres.sh start)
export ONETHING_TEST_POSTGRES_URL
trap 'scripts/postgres.sh stop' EXIT
echo "PostgreSQL for the tests: $ONETHING_TEST_POSTGRES_URL" >&2
swift build --build-tests
if [ "$#" -gt 0 ]; then
  swift test --skip-build "$@"
  exit
fi
ONETHING_TEST_POSTGRES_LOG=$(mktemp)
export ONETHING_TEST_POSTGRES_LOG
swift test --skip-build --skip FaultToleranceTests
ran=$(wc -l <"$ONETHING_TEST_POSTGRES_LOG")
rm -f "$ONETHING_TEST_POSTGRES_LOG"
unset ONETHING_TEST_POSTGRES_LOG
# Each PostgreSQL case opens a fresh database and logs it; about 80 do.
if [ "$ran" -lt 60 ]; then
  echo "only $ran PostgreSQL test cases ran (expected at least 60): the hub's PostgreSQL contract tests did not run" >&2
  exit 1
fi
echo "$ran PostgreSQL test cases ran" >&2
swift test --skip-build --filter FaultToleranceTests
scripts/date-guard.sh
scripts/schemathesis.sh .build/debug
