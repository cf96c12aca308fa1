#!/usr/bin/env bash
# The date guard: runs the suites that must not depend on the date under libfaketime, at
# moments far from the day they were written and in other machine time zones, so that a
# test or a piece of code that reads the real clock (a date bomb) turns red the day it is
# written, not weeks later. Every moment is checked before the run: a faketime that did not
# take would make the guard prove nothing, so it fails instead.
#
# Usage: scripts/date-guard.sh [SUITES]   (default: the model, store and kiosk suites; a
# `swift test --filter` pattern). Expects a finished `swift build --build-tests`.
#
# The async suites (sync, hub, curl) are left out: under Debian's libfaketime 0.9.10 the
# Swift concurrency runtime's timed waits (pthread_cond_clockwait on the monotonic clock)
# hang, a known libfaketime fault (wolfcw/libfaketime#469), whatever the test does. They
# take their clock from `WallClock.fixed` in any case.
set -euo pipefail
cd "$(dirname "$0")/.."
suites="${1:-OneThingModelTests|OneThingStoreTests|OneThingKioskTests}"
command -v faketime >/dev/null || { echo "date guard: faketime is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }

# Each case: machine time zone (POSIX form, no tzdata needed), the faked clock's start in
# UTC as faketime reads it, and what the moment is.
cases=(
  "XST-8|2028-02-29 02:00:00|a leap day, 10:00 in China (UTC+8 machine)"
  "UTC0|2027-12-31 15:30:00|31 December 23:30 in China, still the 31st in UTC (UTC machine)"
  "XPT8|2027-12-31 16:30:00|1 January 00:30 in China while UTC is on 31 December (UTC-8 machine)"
)
for c in "${cases[@]}"; do
  IFS='|' read -r zone start what <<<"$c"
  export TZ="$zone" FAKETIME_DONT_FAKE_MONOTONIC=1
  seen=$(faketime -f "@$start" date -u '+%Y-%m-%d %H:%M')
  if [ "$seen" != "${start:0:16}" ]; then
    echo "date guard: faketime did not take (asked $start UTC, the process saw $seen)" >&2
    exit 1
  fi
  echo "date guard: $what: faked clock from $start UTC, TZ=$zone" >&2
  faketime -f "@$start" swift test --skip-build --filter "$suites"
  unset TZ FAKETIME_DONT_FAKE_MONOTONIC
done
