#!/usr/bin/env bash
# Province-scale load on the hub (release builds, loopback; a benchmark, never a timed test).
# Figures: BENCHMARKS.md, "Province scale".
#
#   Benchmarks/province-load.sh [NODES [SCHOOLS [SECONDS]]]    default: 10000 1000 180
#
# What the province sees in enrolment week: NODES nodes syncing from cron once a minute
# (each at its own second of the minute), SCHOOLS of them also filing at the peak's pace
# (65,000 applications an hour from 1,000 schools: 65 an hour each, so about one to push
# at each of its syncs). The nodes are not NODES processes: one load generator speaks the
# protocol for all of them, as each node's cron run would: a new connection per sync, then
#   GET  /v1/nodes/{id}/state       (with the database id, acked seq and cursor it last saw)
#   POST /v1/nodes/{id}/push        (a school with something filed: one entry, gzipped)
#   GET  /v1/nodes/{id}/changes     (after its cursor, with its catalogue version)
# The pushed entries are real ones: `onething-bench seed` makes each school's node database
# and `onething-bench export-batches --batch 1` writes the push bodies its node would send.
#
# Figures: p50/p99/max of a push request, and of a whole no-op sync (state + changes); how
# many answers were refusals (503/429) or errors; how far the generator fell behind its
# schedule (if its p99 lag is large, the load was not offered as stated: the figures say so);
# hub CPU. Checks: every entry pushed was accepted, the hub holds them all.
#
# Environment: ONETHING_BENCH_BIN (default .build-bench/release, built here unless
# SKIP_BUILD=1), WORK=DIR (kept), HUB_DB (default WORK/hub.sqlite; a postgres:// URL once the
# hub takes one), HUBS (hub processes to start on that database, behind nginx when more than
# one), HUB_URL (a running hub or load balancer to use instead of starting them;
# then HUB_DB must be its database, for registering the nodes), THREADS (generator threads,
# default 48).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build-bench}"
bin="${ONETHING_BENCH_BIN:-$scratch/release}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building (release, --scratch-path $scratch)" >&2
    (cd "$root" && swift build -c release --scratch-path "$scratch" >&2)
fi
for tool in onething-hub onething-bench; do
    [[ -x "$bin/$tool" ]] || { echo "province-load: no $bin/$tool (set ONETHING_BENCH_BIN or build)" >&2; exit 69; }
done
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"; mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/province-load.XXXXXX")"
    [[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
fi
ulimit -n 8192 2>/dev/null || true
export BIN="$bin" WORKDIR="$work"
exec python3 "$root/Benchmarks/province_load.py" "${1:-10000}" "${2:-1000}" "${3:-180}"
