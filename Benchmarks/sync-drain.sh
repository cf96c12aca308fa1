#!/usr/bin/env bash
# Sync-drain benchmark (release builds, loopback; never a timed test). Figures: BENCHMARKS.md.
#
#   Benchmarks/sync-drain.sh [N...]        default: 10000 100000
#
# For each backlog size N:
#   0. `onething-bench seed` makes a node database with N queued applications (the real
#      schema; one application filed through NodeStore.file, N-1 copies each with its own id,
#      canonical payload, SHA-256 and idempotency key; seqs 1...N), and a copy of it for step 4.
#      `onething-bench export-batches` writes the push bodies the node would send (BATCH
#      entries each), gzipped here at zlib's default level as the node gzips them.
#   1. A fresh `onething-hub serve --port 0` (`nodes add bench-node`, token file 0600,
#      `onething init`), then `onething sync --json` drains the backlog under /usr/bin/time -v
#      (wall, max RSS, CPU) while a sampler polls the node database (acked / in-flight seqs,
#      pull cursor) and the hub's last applied seq every SAMPLE_MS: rates of the first and last
#      10% of the push, start-up and pull phase. Checks pushed == accepted == N, the hub's count.
#      Then ONE plain curl process fetches every page of changes (the pull's limit).
#   2. `onething sync` with nothing to do, NOOP_RUNS times after a warm-up run: median, p90.
#   3. The limit: a second fresh hub, and ONE plain `curl` process (keep-alive; a -K config
#      with `next` between requests) posting every exported gzip body from files.
#   4. The node's ceiling: the copy drained against a stub hub (python, stores nothing,
#      accepts everything at once), so that the node's own cost shows without the hub's.
#   The table of figures against the targets is printed and written to WORK/results-N.md, the
#   raw samples to WORK/results-N.json.
#
# Environment:
#   ONETHING_BENCH_BIN   directory of onething, onething-hub, onething-bench
#                        (default: .build-bench/release, built here with --scratch-path .build-bench)
#   SKIP_BUILD=1         use the binaries as they are
#   WORK=DIR             where databases, batches and results go (default: a new temporary
#                        directory, removed at the end unless KEEP=1)
#   SAMPLE_MS=20         sampler period;  NOOP_RUNS=20;  BATCH=250 (the node's default batch size)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build-bench}"
bin="${ONETHING_BENCH_BIN:-$scratch/release}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    for product in onething onething-hub onething-bench; do
        echo "building $product (release, --scratch-path $scratch)" >&2
        (cd "$root" && swift build -c release --scratch-path "$scratch" --product "$product" >&2)
    done
fi
for tool in onething onething-hub onething-bench; do
    [[ -x "$bin/$tool" ]] || { echo "sync-drain: no $bin/$tool (set ONETHING_BENCH_BIN or build)" >&2; exit 69; }
done
command -v curl >/dev/null || { echo "sync-drain: curl is needed" >&2; exit 69; }
command -v python3 >/dev/null || { echo "sync-drain: python3 is needed" >&2; exit 69; }
if [[ ! -x /usr/bin/time ]]; then
    echo "sync-drain: installing GNU time (/usr/bin/time) for the peak memory figure" >&2
    apt-get install -y time >&2 || { echo "sync-drain: /usr/bin/time is needed (apt-get install time)" >&2; exit 69; }
fi

if [[ -n "${WORK:-}" ]]; then
    work="$WORK"; mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/sync-drain.XXXXXX")"
    [[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
fi
[[ $# -gt 0 ]] || set -- 10000 100000

export BIN="$bin" WORKDIR="$work"
python3 - "$@" <<'PY'
import atexit, gzip, json, os, re, shutil, signal, sqlite3, statistics, subprocess, sys, threading, time

BIN = os.environ["BIN"]
WORK = os.environ["WORKDIR"]
SAMPLE = int(os.environ.get("SAMPLE_MS", "20")) / 1000
NOOP_RUNS = int(os.environ.get("NOOP_RUNS", "20"))
BATCH = int(os.environ.get("BATCH", "250"))
NODE_ID = "bench-node"
ONETHING, HUB, BENCH = (os.path.join(BIN, t) for t in ("onething", "onething-hub", "onething-bench"))


SERVERS = []  # hubs and stub hubs still running, stopped at exit even when a step fails


@atexit.register
def stop_servers():
    for proc in SERVERS:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


class Hub:
    """A fresh `onething-hub serve --port 0` on its own database, with bench-node registered."""

    def __init__(self, directory):
        os.makedirs(directory, exist_ok=True)
        self.db = os.path.join(directory, "hub.sqlite")
        # Registered before serving (the CLI works while serve runs too); token = last line.
        self.token = run([HUB, "nodes", "add", NODE_ID, "--db", self.db]).stdout.strip().splitlines()[-1]
        self.log = open(os.path.join(directory, "hub.log"), "w")
        self.proc = subprocess.Popen(
            [HUB, "serve", "--db", self.db, "--port", "0"], stdout=subprocess.PIPE, stderr=self.log, text=True)
        SERVERS.append(self.proc)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            raise SystemExit(f"sync-drain: the hub did not start: {line!r} (see {self.log.name})")
        self.url = m.group(1)

    def cpu_seconds(self):
        fields = open(f"/proc/{self.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_kb(self):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def count(self, sql):
        return self.count_row(sql)[0]

    def count_row(self, sql):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(sql).fetchone()
        finally:
            con.close()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Sampler(threading.Thread):
    """Polls the node's acked / in-flight counts and pull cursor, and the hub's last seq."""

    def __init__(self, node_db, hub_db):
        super().__init__(daemon=True)
        self.node_db, self.hub_db = node_db, hub_db
        self.samples = []  # (t, acked, in_flight, pull_cursor, hub_last_seq)
        self.done = threading.Event()

    def run(self):
        node = sqlite3.connect(self.node_db, timeout=30) if self.node_db else None
        hub = sqlite3.connect(f"file:{self.hub_db}?mode=ro", uri=True, timeout=30)
        while not self.done.is_set():
            t0 = time.perf_counter()
            acked = flying = cursor = None
            if node:
                # The node sends in seq order and seeded seqs are 1...N, so the highest acked seq
                # is the count of acked entries (checked afterwards: accepted == N). MAX on the
                # (state, seq) index is one lookup, where COUNT(*) would scan up to N entries
                # every sample and load the machine being measured.
                acked = node.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE state = 'acked'").fetchone()[0]
                flying = node.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE state = 'in_flight'").fetchone()[0]
                cursor = node.execute("SELECT pull_cursor FROM sync_state WHERE id = 1").fetchone()[0]
            last = hub.execute("SELECT last_seq FROM nodes WHERE node_id = ?", (NODE_ID,)).fetchone()[0]
            t1 = time.perf_counter()
            self.samples.append(((t0 + t1) / 2, acked, flying, cursor, last))
            self.done.wait(max(0.0, SAMPLE - (t1 - t0)))
        if node:
            node.close()
        hub.close()


def reached(samples, index, value):
    """When a counter first showed `value`: the midpoint between that sample and the one before
    (the counters move in steps: the node records a batch's answers in one transaction)."""
    previous_t = None
    for s in samples:
        if s[index] is not None and s[index] >= value:
            return s[0] if previous_t is None else (previous_t + s[0]) / 2
        previous_t = s[0]
    return None


def first_seen(samples, predicate):
    previous_t = None
    for s in samples:
        if predicate(s):
            return s[0] if previous_t is None else (previous_t + s[0]) / 2
        previous_t = s[0]
    return None


def window_rates(samples, n, index, start):
    """Rates of the first and last tenth of a counter going 0 -> n, from `start`, on the
    values actually observed: the first window ends at the first value >= n/10, the last
    starts at the last value <= 9n/10 (so each covers whole batches)."""
    seen = sorted({s[index] for s in samples if s[index] is not None})
    tend = reached(samples, index, n)
    first = last = None
    head = next((v for v in seen if v >= n // 10), None)
    if head and start is not None:
        t = reached(samples, index, head)
        first = head / (t - start) if t and t > start else None
    tail = max((v for v in seen if v <= n - n // 10), default=None)
    if tail is not None and tend:
        t = reached(samples, index, tail)
        last = (n - tail) / (tend - t) if t is not None and tend > t else None
    return first, last, tend


def time_v(path):
    text = open(path).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return rss, user + system


def machine_busy():
    """CPU seconds the whole machine spent busy so far (all cores), from /proc/stat."""
    f = open("/proc/stat").readline().split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in f[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


# A stand-in hub that accepts every entry at once without storing anything: the node's own
# ceiling (its store, JSON, gzip and libcurl) with the hub's cost taken away.
STUB = r'''
import gzip, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
DATABASE_ID = "5" * 32
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-OneThing-Hub-Database", DATABASE_ID)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path.startswith("/v1/health"):
            return self.reply({"status": "ok", "protocol": 2})
        if self.path.split("?")[0].endswith("/state"):
            # Strict like a real hub's: a database identity, nothing applied, no change yet.
            return self.reply({"database_id": DATABASE_ID, "last_seq": 0, "newest_cursor": 0})
        self.reply({"changes": [], "next_cursor": 0, "has_more": False, "catalog": None})
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        entries = json.loads(body)["entries"]
        self.reply({"results": [{"seq": e["seq"], "idempotency_key": e["idempotency_key"], "status": "accepted",
                                 "province_no": "FJ%010d" % e["seq"], "hub_revision": 1} for e in entries],
                    "last_applied_seq": entries[-1]["seq"] if entries else 0})
server = ThreadingHTTPServer(("127.0.0.1", 0), H)
print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
'''


def write_token(path, token):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, (token + "\n").encode())
    os.close(fd)


def drain(node_db, hub_url, token_file, time_file, hub_db, hub_pid):
    """`onething init` then a timed `onething sync --json` under /usr/bin/time -v, sampled."""
    run([ONETHING, "init", "--hub", hub_url, "--node-id", NODE_ID, "--token-file", token_file, "--db", node_db])
    subprocess.run(["sync"], check=True)  # flush earlier writes (seeding) before timing
    # Read the database once so that every drain starts with it in the page cache: this
    # machine's proactive reclaim (DAMON) pages out files left idle for a few minutes, and a
    # cold start is a different figure (see BENCHMARKS.md).
    with open(node_db, "rb") as f:
        while f.read(1 << 24):
            pass
    sampler = Sampler(node_db, hub_db)
    sampler.start()
    time.sleep(3 * SAMPLE)
    hub_cpu0 = proc_cpu(hub_pid)
    busy0 = machine_busy()
    t_launch = time.perf_counter()
    sync = subprocess.run(
        ["/usr/bin/time", "-v", "-o", time_file, ONETHING, "sync", "--db", node_db, "--json"],
        capture_output=True, text=True)
    t_exit = time.perf_counter()
    busy = machine_busy() - busy0
    hub_cpu = proc_cpu(hub_pid) - hub_cpu0
    time.sleep(3 * SAMPLE)
    sampler.done.set()
    sampler.join()
    if sync.returncode != 0:
        raise SystemExit(f"sync-drain: onething sync exited {sync.returncode}: {sync.stderr.strip()}")
    rss_kb, node_cpu = time_v(time_file)
    return {
        "report": json.loads(sync.stdout), "json": sync.stdout.strip(), "t_launch": t_launch, "wall": t_exit - t_launch,
        "rss_kb": rss_kb, "node_cpu": node_cpu, "hub_cpu": hub_cpu, "busy": busy, "samples": sampler.samples,
    }


def proc_cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def push_figures(result, n):
    s = result["samples"]
    t_push0 = first_seen(s, lambda x: (x[1] or 0) + (x[2] or 0) > 0)
    first, last, t_acked = window_rates(s, n, 1, t_push0)
    result.update(t_push0=t_push0, first=first, last=last, t_acked=t_acked,
                  startup_s=t_push0 - result["t_launch"] if t_push0 else None,
                  push_rate=n / (t_acked - result["t_launch"]) if t_acked else None,
                  pull_s=result["wall"] - (t_acked - result["t_launch"]) if t_acked else None)
    return result


def bench(n):
    d = os.path.join(WORK, f"n{n}")
    if os.path.exists(d):
        subprocess.run(["rm", "-rf", d], check=True)
    os.makedirs(d)
    node_db = os.path.join(d, "node.sqlite")
    stub_db = os.path.join(d, "node-stub.sqlite")
    batches = os.path.join(d, "batches")
    print(f"\n== backlog {n}: seeding {node_db}", file=sys.stderr)
    run([BENCH, "seed", "--db", node_db, "--count", str(n)])
    shutil.copyfile(node_db, stub_db)  # seed checkpoints and truncates the WAL: one file
    os.chmod(stub_db, 0o600)
    run([BENCH, "export-batches", "--db", node_db, "--dir", batches, "--batch", str(BATCH)])
    files = sorted(f for f in os.listdir(batches) if f.endswith(".json"))
    raw_bytes = gz_bytes = 0
    for f in files:
        p = os.path.join(batches, f)
        data = open(p, "rb").read()
        packed = gzip.compress(data, compresslevel=6, mtime=0)  # zlib's default level, as the node
        open(p + ".gz", "wb").write(packed)
        raw_bytes += len(data)
        gz_bytes += len(packed)
    load_before = open("/proc/loadavg").read().split()[:3]

    # ---- 1. the node's drain against the real hub ------------------------------------------
    hub = Hub(os.path.join(d, "hub1"))
    token_file = os.path.join(d, "token")
    write_token(token_file, hub.token)
    print(f"   draining with onething sync against {hub.url}", file=sys.stderr)
    real = push_figures(drain(node_db, hub.url, token_file, os.path.join(d, "sync.time"), hub.db, hub.proc.pid), n)
    report = real["report"]
    hub_first, hub_last, _ = window_rates(real["samples"], n, 4, real["t_push0"])
    hub_apps = hub.count("SELECT COUNT(*) FROM applications")
    con = sqlite3.connect(node_db)
    node_acked = con.execute("SELECT COUNT(*) FROM outbox WHERE state = 'acked'").fetchone()[0]
    node_accepted = con.execute("SELECT COUNT(*) FROM applications WHERE state = 'accepted' AND province_no IS NOT NULL").fetchone()[0]
    con.close()
    checks = {
        "pushed == N": report.get("pushed") == n,
        "accepted == N": report.get("accepted") == n,
        "hub holds N": hub_apps == n,
        "node acked N": node_acked == n,
        "node: N accepted with province no": node_accepted == n,
        "pulled N changes": report.get("changes") == n,
    }

    # ---- 2. nothing to do --------------------------------------------------------------------
    noop = []
    for i in range(NOOP_RUNS + 1):
        t0 = time.perf_counter()
        r = subprocess.run([ONETHING, "sync", "--db", node_db], capture_output=True, text=True)
        t1 = time.perf_counter()
        if r.returncode != 0 or r.stdout.strip():
            raise SystemExit(f"sync-drain: a sync with nothing to do exited {r.returncode}: {r.stdout}{r.stderr}")
        if i > 0:  # the first run is a warm-up
            noop.append((t1 - t0) * 1000)
    # The pull's limit: every page of changes fetched by ONE plain curl process (keep-alive).
    # The hub's cursors are 1...N here (one node, one change per application), so the pages'
    # `after` values are known in advance.
    low, high, count = hub.count_row("SELECT MIN(cursor), MAX(cursor), COUNT(*) FROM changes")
    version = sqlite3.connect(node_db).execute("SELECT catalog_version FROM applications LIMIT 1").fetchone()[0]
    pull_config = os.path.join(d, "curl-pull.config")
    fd = os.open(pull_config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    pages = list(range(0, n, 500))
    with os.fdopen(fd, "w") as out:
        for i, after in enumerate(pages):
            if i:
                out.write("next\n")
            out.write(
                f'url = "{hub.url}/v1/nodes/{NODE_ID}/changes?after={after}&limit=500&catalog_version={version}"\n'
                'header = "Accept: application/json"\n'
                f'header = "Authorization: Bearer {hub.token}"\n'
                "compressed\n"
                'output = "/dev/null"\n'
                'write-out = "%{http_code}\\n"\n')
    t0 = time.perf_counter()
    c = subprocess.run(["curl", "-sS", "-K", pull_config], capture_output=True, text=True)
    curl_pull_wall = time.perf_counter() - t0
    codes = c.stdout.split()
    checks["curl pull: cursors 1..N"] = (low, high, count) == (1, n, n)
    checks["curl pull: all 200"] = c.returncode == 0 and len(codes) == len(pages) and all(x == "200" for x in codes)

    noop_time = os.path.join(d, "noop.time")
    run(["/usr/bin/time", "-v", "-o", noop_time, ONETHING, "sync", "--db", node_db])
    noop_rss = time_v(noop_time)[0]
    hub_rss = hub.peak_rss_kb()
    hub.stop()

    # ---- 3. the limit: plain curl, one process, keep-alive, same gzip bodies ----------------------
    hub2 = Hub(os.path.join(d, "hub2"))
    config = os.path.join(d, "curl.config")
    fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        for i, f in enumerate(files):
            if i:
                out.write("next\n")
            out.write(
                f'url = "{hub2.url}/v1/nodes/{NODE_ID}/push"\n'
                f'data-binary = "@{os.path.join(batches, f)}.gz"\n'
                'header = "Content-Type: application/json"\n'
                'header = "Content-Encoding: gzip"\n'
                'header = "Accept: application/json"\n'
                f'header = "Authorization: Bearer {hub2.token}"\n'
                'header = "Expect:"\n'
                "compressed\n"
                'output = "/dev/null"\n'
                'write-out = "%{http_code}\\n"\n')
    print(f"   plain curl: {len(files)} bodies against {hub2.url}", file=sys.stderr)
    sampler2 = Sampler(None, hub2.db)
    sampler2.start()
    time.sleep(3 * SAMPLE)
    hub2_cpu0 = hub2.cpu_seconds()
    busy0 = machine_busy()
    t0 = time.perf_counter()
    c = subprocess.run(["curl", "-sS", "-K", config], capture_output=True, text=True)
    t1 = time.perf_counter()
    curl_busy = machine_busy() - busy0
    hub2_cpu = hub2.cpu_seconds() - hub2_cpu0
    time.sleep(3 * SAMPLE)
    sampler2.done.set()
    sampler2.join()
    codes = c.stdout.split()
    checks["curl: all 200"] = c.returncode == 0 and len(codes) == len(files) and all(x == "200" for x in codes)
    checks["curl: hub holds N"] = hub2.count("SELECT COUNT(*) FROM applications") == n
    hub2.stop()
    curl_wall = t1 - t0
    curl_first, curl_last, _ = window_rates(sampler2.samples, n, 4, t0)

    # ---- 4. the node's own ceiling: the same drain against a stub hub that stores nothing ---------
    stub = subprocess.Popen([sys.executable, "-c", STUB], stdout=subprocess.PIPE, text=True)
    SERVERS.append(stub)
    stub_url = re.search(r"(http://127\.0\.0\.1:\d+)", stub.stdout.readline()).group(1)
    print(f"   draining a copy against the stub hub {stub_url}", file=sys.stderr)
    stub_hub_db = os.path.join(d, "stub-hub.sqlite")  # the sampler wants a hub table; an empty one
    sqlite3.connect(stub_hub_db).executescript(
        f"CREATE TABLE nodes (node_id TEXT, last_seq INTEGER); INSERT INTO nodes VALUES ('{NODE_ID}', 0);").close()
    ceiling = push_figures(drain(stub_db, stub_url, token_file, os.path.join(d, "stub.time"), stub_hub_db, stub.pid), n)
    stub.terminate()
    stub.wait()
    checks["stub: pushed == N"] = ceiling["report"].get("pushed") == n
    load_after = open("/proc/loadavg").read().split()[:3]

    # ---- figures --------------------------------------------------------------------------------
    wall, first, last = real["wall"], real["first"], real["last"]
    rate, push_rate = n / wall, real["push_rate"]
    curl_rate = n / curl_wall
    median = statistics.median(noop)
    p90 = sorted(noop)[max(0, int(round(0.9 * len(noop))) - 1)]
    fmt = lambda v, f="{:,.0f}": "n/a" if v is None else f.format(v)
    ratio = lambda a, b: None if a is None or b in (None, 0) else a / b
    verdict = lambda ok: "n/a" if ok is None else ("pass" if ok else "MISS")
    last_first = ratio(last, first)
    others = lambda busy, mine, secs: max(0.0, (busy - mine) / secs)
    rows = [
        ("drain: applications/s, whole `onething sync` (start-up, push, pull of the N changes back)",
         fmt(rate), ">= 5,000", f"{rate / 5000:.2f}, {verdict(rate >= 5000)}"),
        ("  wall time of that `onething sync`", f"{wall:.2f} s", "", ""),
        ("  push phase: launch -> last entry acked (applications/s)", fmt(push_rate), ">= 5,000",
         f"{fmt(ratio(push_rate, 5000), '{:.2f}')}, {verdict(None if push_rate is None else push_rate >= 5000)}"),
        ("  start-up: launch -> first batch in flight", fmt(real["startup_s"], "{:.2f} s"), "", ""),
        ("  pull phase: last entry acked -> exit (N changes in pages of 500)", fmt(real["pull_s"], "{:.2f} s"), "",
         f"plain curl fetches the same pages in {curl_pull_wall:.2f} s"),
        ("drain: first 10% of the push (applications/s)", fmt(first), "", ""),
        ("drain: last 10% of the push (applications/s)", fmt(last), ">= 0.8 x first",
         f"{fmt(last_first, '{:.2f}')}, {verdict(None if last_first is None else last_first >= 0.8)}"),
        ("plain curl (the limit): applications/s, same gzip bodies, one keep-alive process",
         fmt(curl_rate), "", f"{curl_wall:.2f} s"),
        ("  plain curl: first 10% / last 10% (applications/s, from the hub's last_seq)",
         f"{fmt(curl_first)} / {fmt(curl_last)}", "", ""),
        ("node / plain curl, whole sync", f"{rate / curl_rate:.2f}", ">= 0.7", verdict(rate / curl_rate >= 0.7)),
        ("node / plain curl, push phase", fmt(ratio(push_rate, curl_rate), "{:.2f}"), ">= 0.7",
         verdict(None if push_rate is None else push_rate / curl_rate >= 0.7)),
        ("node peak memory (max RSS of `onething sync`)", f"{real['rss_kb'] / 1024:.1f} MB", "< 64 MB at 100,000",
         verdict(real["rss_kb"] / 1024 < 64)),
        ("sync with nothing to do: median / p90 wall", f"{median:.1f} / {p90:.1f} ms", "< 50 ms (median)",
         verdict(median < 50)),
        ("  its max RSS", f"{noop_rss / 1024:.1f} MB", "", ""),
        ("node's ceiling (stub hub that stores nothing): whole sync, applications/s", fmt(n / ceiling["wall"]), "",
         f"{ceiling['wall']:.2f} s, max RSS {ceiling['rss_kb'] / 1024:.1f} MB"),
        ("  stub hub: first 10% / last 10% of the push (applications/s)",
         f"{fmt(ceiling['first'])} / {fmt(ceiling['last'])}", "",
         f"start-up {fmt(ceiling['startup_s'], '{:.2f} s')}"),
        ("CPU, real drain: node / hub / rest of the machine",
         f"{real['node_cpu']:.1f} s / {real['hub_cpu']:.1f} s / {others(real['busy'], real['node_cpu'] + real['hub_cpu'], 1):.1f} s",
         "", f"of {wall:.1f} s wall x {os.cpu_count()} cores"),
        ("CPU, plain curl: hub / rest of the machine (curl included)",
         f"{hub2_cpu:.1f} s / {others(curl_busy, hub2_cpu, 1):.1f} s", "", f"of {curl_wall:.1f} s wall"),
        ("CPU, stub drain: node", f"{ceiling['node_cpu']:.1f} s", "",
         f"{ceiling['node_cpu'] / n * 1e6:.0f} us per application"),
        ("hub peak RSS (after the drain and the no-op syncs)", f"{hub_rss / 1024:.1f} MB", "", ""),
        ("bodies", f"{len(files)} x {BATCH}", "", f"{raw_bytes / 1e6:.1f} MB JSON, {gz_bytes / 1e6:.1f} MB gzip"),
    ]
    lines = [f"### Backlog of {n:,} applications", "",
             "| figure | value | target | ratio / pass |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {e} |" for a, b, c, e in rows]
    lines += ["", "checks: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in checks.items()),
              f"sync --json (real hub): {real['json']}",
              f"no-op runs (ms): {', '.join(f'{x:.1f}' for x in noop)}",
              f"load average before / after: {' '.join(load_before)} / {' '.join(load_after)}; "
              f"sampler period {SAMPLE * 1000:.0f} ms ({len(real['samples'])} samples in the real drain)"]
    text = "\n".join(lines)
    print(text)
    open(os.path.join(WORK, f"results-{n}.md"), "w").write(text + "\n")
    json.dump({
        "n": n, "real": real, "stub": ceiling, "hub_first10": hub_first, "hub_last10": hub_last,
        "curl_pull_wall_s": curl_pull_wall, "curl_wall_s": curl_wall, "curl_rate": curl_rate, "curl_first10": curl_first, "curl_last10": curl_last,
        "curl_busy_s": curl_busy, "hub2_cpu_s": hub2_cpu, "curl_samples": sampler2.samples, "curl_t0": t0,
        "noop_ms": noop, "noop_median_ms": median, "noop_p90_ms": p90, "noop_rss_kb": noop_rss,
        "hub_rss_kb": hub_rss, "checks": checks, "raw_bytes": raw_bytes, "gz_bytes": gz_bytes,
        "load_before": load_before, "load_after": load_after,
    }, open(os.path.join(WORK, f"results-{n}.json"), "w"))
    return all(checks.values())


ok = True
for arg in sys.argv[1:]:
    ok = bench(int(arg)) and ok
print(f"\nresults in {WORK}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
