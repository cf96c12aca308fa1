#!/usr/bin/env bash
# The benchmark suite: every figure that matters, each beside its limit and the ratio, in one
# table, written with the machine's description into BENCHMARKS.md ("Suite" section).
# Release builds; never a timed test. Takes 20-30 minutes on 2 cores (most of it seeding a
# node with 1,000,000 applications and draining 100,000).
#
#   Benchmarks/run.sh                 # everything; rewrites the Suite section of BENCHMARKS.md
#   QUICK=1 Benchmarks/run.sh         # small sizes (a check that the suite runs; writes nothing)
#   ONLY=filing,pull Benchmarks/run.sh  # some parts (filing drain pull growth startup kiosk load)
#
# Parts (each its own program, runnable alone; see BENCHMARKS.md):
#   filing   onething-bench filing: NodeStore.file vs raw sqlite3 with the same pragmas
#   drain    Benchmarks/sync-drain.sh 10000 100000: onething sync vs plain curl, peak memory
#   pull     Benchmarks/suite.py: 100,000 department decisions pulled and applied by the node
#   growth   Benchmarks/suite.py: a sync of 100 new applications with 1,000,000 synced vs none;
#            status and list with 1,000,000 stored
#   startup  Benchmarks/suite.py: `onething status` and a no-op `onething sync`
#   kiosk    onething-bench kiosk (key -> frame, bytes per keystroke), kiosk-startup.sh
#   load     Benchmarks/hub-load.sh 200 500: 200 nodes syncing at once, push p50/p99
#
# Environment: ONETHING_BENCH_BIN (default .build-bench/release, built here unless
# SKIP_BUILD=1), WORK=DIR (kept; default a temporary directory removed at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build-bench}"
bin="${ONETHING_BENCH_BIN:-$scratch/release}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building (release, --scratch-path $scratch)" >&2
    (cd "$root" && swift build -c release --scratch-path "$scratch" >&2)
fi
for tool in onething onething-hub onething-bench; do
    [[ -x "$bin/$tool" ]] || { echo "run.sh: no $bin/$tool (set ONETHING_BENCH_BIN or build)" >&2; exit 69; }
done
for tool in curl python3 sqlite3; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (apt-get install $tool)" >&2; exit 69; }
done
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"; mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/bench-suite.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
export ONETHING_BENCH_BIN="$bin" SKIP_BUILD=1 SUITE_WORK="$work" SUITE_ROOT="$root"
exec python3 "$root/Benchmarks/suite.py"
