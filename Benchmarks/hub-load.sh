#!/usr/bin/env bash
# Hub load harness (release builds, loopback; never a timed test). Figures: BENCHMARKS.md.
#
#   Benchmarks/hub-load.sh [NODES [BACKLOG]]        default: 200 nodes, 500 queued each
#
# One `onething-hub serve` and NODES node databases, each seeded with BACKLOG queued birth
# applications of its own (`onething-bench seed --first`: disjoint application ids and
# synthetic mothers per node, as different hospitals), each registered on the hub
# (`onething-hub nodes add`, token file 0600) and set up with `onething init`. Then all NODES
# `onething sync --json` start at once (default retry budget, 20 s). Nodes that end with 75
# (the hub answered 503 busy past their budget, or timed out) run again, all together, as
# the next cron minute would, until every node has drained; the runs needed are reported.
#
# Checks (exit 1 if any fails): every node pushed and had accepted exactly its BACKLOG; the
# hub holds NODES x BACKLOG applications, each (node, application id) once; every node's
# last applied seq on the hub is BACKLOG; every node has BACKLOG accepted applications with a
# province number and no entry left queued or in flight.
#
# Figures: entries/s from the first launch to the last exit; the hub's push latency
# (p50/p90/p99/max of the `ms=` its `push` log line gives: from the request's arrival at the
# handler to the answer, including the wait for the database's one writer); each node's
# whole sync wall time (p50/p99/max, as the nodes saw it); hub CPU and peak memory.
# Printed as a table and written to WORK/hub-load.md and WORK/hub-load.json.
#
# Environment: ONETHING_BENCH_BIN (default .build-bench/release, built here unless
# SKIP_BUILD=1), WORK=DIR (kept; else a temporary directory removed at the end unless KEEP=1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build-bench}"
bin="${ONETHING_BENCH_BIN:-$scratch/release}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building (release, --scratch-path $scratch)" >&2
    (cd "$root" && swift build -c release --scratch-path "$scratch" >&2)
fi
for tool in onething onething-hub onething-bench; do
    [[ -x "$bin/$tool" ]] || { echo "hub-load: no $bin/$tool (set ONETHING_BENCH_BIN or build)" >&2; exit 69; }
done
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"; mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/hub-load.XXXXXX")"
    [[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
fi
# Two hundred syncs at once: each holds a few descriptors; the hub holds one per connection.
ulimit -n 4096 2>/dev/null || true

export BIN="$bin" WORKDIR="$work"
exec python3 - "${1:-200}" "${2:-500}" <<'PY'
import json, os, re, signal, sqlite3, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

BIN, WORK = os.environ["BIN"], os.environ["WORKDIR"]
NODES, BACKLOG = int(sys.argv[1]), int(sys.argv[2])
ONETHING, HUB, BENCH = (os.path.join(BIN, t) for t in ("onething", "onething-hub", "onething-bench"))


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(p / 100 * len(v))) - 1))] if v else None


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


hub_db = os.path.join(WORK, "hub.sqlite")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(hub_db + suffix):
        os.remove(hub_db + suffix)
node_ids = [f"load-{i:03d}" for i in range(NODES)]
print(f"hub-load: {NODES} nodes x {BACKLOG} queued; registering and seeding in {WORK}", file=sys.stderr)
tokens = {}
for node in node_ids:  # one writer: the hub database
    tokens[node] = run([HUB, "nodes", "add", node, "--db", hub_db]).stdout.strip().splitlines()[-1]

log_path = os.path.join(WORK, "hub.log")
log = open(log_path, "w")
hub = subprocess.Popen([HUB, "serve", "--db", hub_db, "--port", "0"], stdout=subprocess.PIPE, stderr=log, text=True,
                       env={**os.environ, "LOG_LEVEL": "info"})
try:
    line = hub.stdout.readline()
    m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
    if not m:
        raise SystemExit(f"hub-load: the hub did not start: {line!r} (see {log_path})")
    url = m.group(1)

    def prepare(index):
        node = node_ids[index]
        db = os.path.join(WORK, f"{node}.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        run([BENCH, "seed", "--db", db, "--count", str(BACKLOG), "--first", str(index * (BACKLOG + 2))])
        token_file = os.path.join(WORK, f"{node}.token")
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, (tokens[node] + "\n").encode())
        os.close(fd)
        run([ONETHING, "init", "--hub", url, "--node-id", node, "--token-file", token_file, "--db", db])
        return db

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        dbs = list(pool.map(prepare, range(NODES)))
    subprocess.run(["sync"], check=True)

    # ---- all nodes at once; the ones that end with 75 run again, together, as cron would ----
    print(f"hub-load: {NODES} syncs at once against {url}", file=sys.stderr)
    log.flush()
    log_offset = os.path.getsize(log_path)
    cpu0 = cpu_seconds(hub.pid)

    def finish(launched):  # one thread per node, so that each node's own end time is seen
        db, started, proc = launched
        out, err = proc.communicate()
        return db, time.perf_counter() - started, proc.returncode, out, err

    def round_of(dbs_now):
        procs = [(db, time.perf_counter(), subprocess.Popen([ONETHING, "sync", "--db", db, "--json"],
                                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
                 for db in dbs_now]
        walls, again = [], []
        with ThreadPoolExecutor(max_workers=len(procs)) as pool:
            for db, seconds, code, out, err in pool.map(finish, procs):
                walls.append(seconds)
                if code == 0:
                    reports[db] = json.loads(out)
                elif code == 75:
                    again.append(db)
                else:
                    raise SystemExit(f"hub-load: sync of {db} exited {code}: {err.strip()}")
        return walls, again

    reports = {}
    t0 = time.perf_counter()
    walls, retry = round_of(dbs)
    first_round = time.perf_counter() - t0
    done_first = NODES - len(retry)
    rounds, reruns = 1, 0
    while retry:
        rounds += 1
        reruns += len(retry)
        if rounds > 50:
            raise SystemExit("hub-load: nodes still failing after 50 rounds")
        _, retry = round_of(retry)
    wall = time.perf_counter() - t0
    hub_cpu = cpu_seconds(hub.pid) - cpu0
    busy = 0
    with open(log_path) as f:
        f.seek(log_offset)
        lines = f.readlines()
    latencies = [float(m.group(1)) for line in lines if line.rstrip().endswith(" push") and (m := re.search(r"\bms=([0-9.]+)", line))]
    busy = sum(1 for line in lines if "push refused, busy" in line)
    peak_kb = next(int(l.split()[1]) for l in open(f"/proc/{hub.pid}/status") if l.startswith("VmHWM:"))
finally:
    hub.send_signal(signal.SIGTERM)
    try:
        hub.wait(timeout=20)
    except subprocess.TimeoutExpired:
        hub.kill()
    log.close()

# ---- checks -----------------------------------------------------------------------------------
total = NODES * BACKLOG
con = sqlite3.connect(f"file:{hub_db}?mode=ro", uri=True)
hub_apps, distinct = con.execute(
    "SELECT COUNT(*), COUNT(DISTINCT node_id || ' ' || application_id) FROM applications").fetchone()
last_seqs = dict(con.execute("SELECT node_id, last_seq FROM nodes").fetchall())
con.close()
node_ok = 0
for node, db in zip(node_ids, dbs):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    accepted = c.execute("SELECT COUNT(*) FROM applications WHERE state = 'accepted' AND province_no IS NOT NULL").fetchone()[0]
    pending = c.execute("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'in_flight')").fetchone()[0]
    c.close()
    node_ok += accepted == BACKLOG and pending == 0
pushed = {db: r.get("pushed", 0) for db, r in reports.items()}
checks = {
    "hub holds NODES x BACKLOG": hub_apps == total,
    "each (node, application) once": distinct == total,
    "every node's last seq = BACKLOG": all(last_seqs.get(n) == BACKLOG for n in node_ids),
    "every node: BACKLOG accepted, nothing pending": node_ok == NODES,
    "every node's sync reported": len(reports) == NODES,
    "push latencies logged": len(latencies) >= NODES * ((BACKLOG + 249) // 250),
}

fmt = lambda v, f="{:.1f}": "n/a" if v is None else f.format(v)
rate = total / wall
rows = [
    ("nodes syncing at once / backlog each", f"{NODES} / {BACKLOG:,}", "", f"{total:,} applications"),
    ("hub: applications/s, all nodes at once until every node has drained", f"{rate:,.0f}", "", f"{wall:.1f} s"),
    ("nodes drained in the first run / runs needed (a 75 runs again, as cron would)", f"{done_first} / {rounds}", "",
     f"first run {first_round:.1f} s"),
    ("pushes answered 503 busy (Retry-After) / accepted", f"{busy} / {len(latencies)}", "", ""),
    ("hub push latency p50 / p90 (ms)", f"{fmt(pct(latencies, 50))} / {fmt(pct(latencies, 90))}", "", f"{len(latencies)} pushes"),
    ("hub push latency p99 / max (ms)", f"{fmt(pct(latencies, 99))} / {fmt(max(latencies) if latencies else None)}", "", ""),
    ("node's whole first sync as it saw it: p50 / p99 / max (s)",
     f"{fmt(pct(walls, 50), '{:.2f}')} / {fmt(pct(walls, 99), '{:.2f}')} / {fmt(max(walls), '{:.2f}')}", "", ""),
    ("hub CPU during the run / peak memory", f"{hub_cpu:.1f} s / {peak_kb / 1024:.1f} MB", "", f"of {wall:.1f} s wall"),
]
lines = [f"### {NODES} nodes at once, {BACKLOG:,} queued each", "",
         "| figure | value | target | note |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
lines += ["", "checks: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in checks.items())]
text = "\n".join(lines)
print(text)
open(os.path.join(WORK, "hub-load.md"), "w").write(text + "\n")
json.dump({"nodes": NODES, "backlog": BACKLOG, "wall_s": wall, "rate": rate, "latencies_ms": latencies,
           "p50_ms": pct(latencies, 50), "p99_ms": pct(latencies, 99), "node_walls_s": walls, "reruns": reruns, "rounds": rounds, "done_first": done_first, "busy_503": busy,
           "hub_cpu_s": hub_cpu, "hub_peak_kb": peak_kb, "checks": checks},
          open(os.path.join(WORK, "hub-load.json"), "w"))
sys.exit(0 if all(checks.values()) else 1)
PY
