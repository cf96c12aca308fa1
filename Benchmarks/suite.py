#!/usr/bin/env python3
"""The benchmark suite's driver (Benchmarks/run.sh builds and calls it; see there).

Runs each part, gathers its figures into one table (figure, value, limit, ratio, pass) and,
unless QUICK=1 or ONLY=..., writes the table with the machine's description into the
"Suite" section of BENCHMARKS.md (between the `suite:begin` and `suite:end` markers).
The parts it measures itself (pull, growth, startup) are defined here; the others run their
own programs (onething-bench, sync-drain.sh, kiosk-startup.sh, hub-load.sh) and are read
from their output.
"""
import datetime, json, os, platform, re, shutil, signal, sqlite3, statistics, subprocess, sys, time

BIN = os.environ["ONETHING_BENCH_BIN"]
WORK = os.environ["SUITE_WORK"]
ROOT = os.environ["SUITE_ROOT"]
QUICK = os.environ.get("QUICK") == "1"
ONLY = [p for p in os.environ.get("ONLY", "").split(",") if p]
ONETHING, HUB, BENCH = (os.path.join(BIN, t) for t in ("onething", "onething-hub", "onething-bench"))

DRAIN_SIZES = [2000, 10000] if QUICK else [10000, 100000]
PULL_N = 10000 if QUICK else 100000  # decisions (one per application of the drained backlog)
GROWTH_SYNCED = 20000 if QUICK else 1_000_000
GROWTH_NEW, GROWTH_ROUNDS = 100, 7
LOAD = (20, 250) if QUICK else (200, 500)

ROWS = []  # (part, figure, value text, limit text, ratio text, verdict)
FAILED_CHECKS = []


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def row(part, figure, value, limit="", ratio=None, ok=None):
    verdict = "" if ok is None else ("pass" if ok else "MISS")
    ROWS.append((part, figure, value, limit, "" if ratio is None else f"{ratio:.2f}", verdict))


def check(name, ok):
    if not ok:
        FAILED_CHECKS.append(name)
        log(f"CHECK FAILED: {name}")


def median_ms(args, runs, env=None):
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        r = subprocess.run(args, capture_output=True, text=True, env=env)
        t1 = time.perf_counter()
        if r.returncode != 0:
            raise SystemExit(f"suite: {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
        if i:  # the first run warms the page cache
            times.append((t1 - t0) * 1000)
    return statistics.median(times), max(times)


class Hub:
    """`onething-hub serve --port 0` on a database, with the admin API on."""

    def __init__(self, db, directory):
        self.db = db
        token_file = os.path.join(directory, "admin-token")
        self.admin = "suite-admin-" + os.urandom(8).hex()
        write_secret(token_file, self.admin)
        self.log = open(os.path.join(directory, "hub.log"), "a")
        self.proc = subprocess.Popen([HUB, "serve", "--db", db, "--port", "0", "--admin-token-file", token_file],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            self.proc.kill()
            raise SystemExit(f"suite: the hub did not start: {line!r}")
        self.url = m.group(1)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def write_secret(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, (text + "\n").encode())
    os.close(fd)


def fresh_dir(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


# ---- filing ------------------------------------------------------------------------------------
def part_filing():
    log("== filing")
    out = run([BENCH, "filing", "--count", "1000" if QUICK else "5000"]).stdout
    store = float(re.search(r"NodeStore\.file\s+([\d.]+)", out).group(1))
    raw = float(re.search(r"raw sqlite3 inserts\s+([\d.]+)", out).group(1))
    ratio = raw / store
    row("filing", "NodeStore.file, one application per transaction (applications/s)", f"{store:,.0f}")
    row("filing", "raw sqlite3, same rows and pragmas (applications/s)", f"{raw:,.0f}")
    row("filing", "raw / store", f"{ratio:.2f}", "<= 1.5", 1.5 / ratio, ratio <= 1.5)


# ---- sync drain --------------------------------------------------------------------------------
def part_drain():
    log("== drain " + " ".join(map(str, DRAIN_SIZES)))
    d = os.path.join(WORK, "drain")
    os.makedirs(d, exist_ok=True)
    r = subprocess.run([os.path.join(ROOT, "Benchmarks", "sync-drain.sh")] + [str(n) for n in DRAIN_SIZES],
                       env={**os.environ, "WORK": d}, capture_output=True, text=True)
    open(os.path.join(WORK, "drain.log"), "w").write(r.stdout + r.stderr)
    check("sync-drain.sh checks", r.returncode == 0)
    for n in DRAIN_SIZES:
        path = os.path.join(d, f"results-{n}.json")
        if not os.path.exists(path):
            check(f"sync-drain results for {n}", False)
            continue
        res = json.load(open(path))
        real = res["real"]
        whole = n / real["wall"]
        curl = res["curl_rate"]
        push = real.get("push_rate")
        row("drain", f"{n:,} queued: whole `onething sync` (applications/s)", f"{whole:,.0f}", ">= 5,000",
            whole / 5000, whole >= 5000)
        if push:
            row("drain", f"{n:,} queued: push phase (applications/s)", f"{push:,.0f}", ">= 5,000", push / 5000, push >= 5000)
        row("drain", f"{n:,} queued: plain curl, same bodies (applications/s)", f"{curl:,.0f}")
        row("drain", f"{n:,} queued: node / plain curl, whole sync", f"{whole / curl:.2f}", ">= 0.7",
            whole / curl / 0.7, whole / curl >= 0.7)
        if push:
            row("drain", f"{n:,} queued: node / plain curl, push phase", f"{push / curl:.2f}", ">= 0.7",
                push / curl / 0.7, push / curl >= 0.7)
        mb = real["rss_kb"] / 1024
        row("drain", f"{n:,} queued: node peak memory (MB)", f"{mb:.1f}", "< 64", 64 / mb, mb < 64)
        row("drain", f"{n:,} queued: sync with nothing to do, median (ms)", f"{res['noop_median_ms']:.1f}", "< 50",
            50 / res["noop_median_ms"], res["noop_median_ms"] < 50)


# ---- pull: department decisions ---------------------------------------------------------------------
PULL_ITEM = "vaccination-certificate"


def part_pull():
    """The drained backlog of the largest drain (node and hub databases kept by sync-drain.sh):
    the hub records one decision on each application (admin API, one keep-alive curl), then
    ONE `onething sync` pulls and applies them; the figure is decisions/s of that sync."""
    n = DRAIN_SIZES[-1]
    src = os.path.join(WORK, "drain", f"n{n}")
    if not os.path.exists(os.path.join(src, "node.sqlite")):
        log("pull: needs the drain part's databases; running the drain of the largest size")
        part_drain()
    log(f"== pull {PULL_N} decisions")
    d = fresh_dir("pull")
    node_db, hub_db = os.path.join(d, "node.sqlite"), os.path.join(d, "hub.sqlite")
    shutil.copyfile(os.path.join(src, "node.sqlite"), node_db)
    shutil.copyfile(os.path.join(src, "hub1", "hub.sqlite"), hub_db)
    hub = Hub(hub_db, d)
    try:
        con = sqlite3.connect(f"file:{hub_db}?mode=ro", uri=True)
        numbers = [r[0] for r in con.execute(
            "SELECT province_no FROM items WHERE item = ? AND state = 'in_progress' ORDER BY province_no LIMIT ?",
            (PULL_ITEM, PULL_N))]
        con.close()
        check(f"pull: {PULL_N} applications with {PULL_ITEM} in progress", len(numbers) == PULL_N)
        config = os.path.join(d, "decide.curl")
        fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            for i, number in enumerate(numbers):
                if i:
                    out.write("next\n")
                out.write(f'url = "{hub.url}/v1/admin/applications/{number}/items/{PULL_ITEM}/decision"\n'
                          'data = "{\\"decision\\":\\"approve\\"}"\n'
                          'header = "Content-Type: application/json"\n'
                          f'header = "Authorization: Bearer {hub.admin}"\n'
                          'output = "/dev/null"\nwrite-out = "%{http_code}\\n"\n')
        log(f"   recording {len(numbers)} decisions through the admin API")
        t0 = time.perf_counter()
        c = subprocess.run(["curl", "-sS", "-K", config], capture_output=True, text=True)
        decide_s = time.perf_counter() - t0
        codes = c.stdout.split()
        check("pull: every decision recorded (200)", len(codes) == len(numbers) and all(x == "200" for x in codes))
        # The node's token: the drain wrote it beside its databases.
        token = open(os.path.join(src, "token")).read().strip()
        token_file = os.path.join(d, "token")
        write_secret(token_file, token)
        run([ONETHING, "init", "--hub", hub.url, "--node-id", "bench-node", "--token-file", token_file, "--db", node_db])
        subprocess.run(["sync"], check=True)
        with open(node_db, "rb") as f:  # warm, as the drain's timed sync is
            while f.read(1 << 24):
                pass
        t0 = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-v", "-o", os.path.join(d, "pull.time"), ONETHING, "sync", "--db", node_db,
                            "--json"], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        check("pull: onething sync exit 0", r.returncode == 0)
        report = json.loads(r.stdout) if r.returncode == 0 else {}
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(os.path.join(d, "pull.time")).read()).group(1))
        con = sqlite3.connect(f"file:{node_db}?mode=ro", uri=True)
        approved = con.execute("SELECT COUNT(*) FROM application_items WHERE item = ? AND state = 'approved'",
                               (PULL_ITEM,)).fetchone()[0]
        con.close()
        check("pull: the node pulled every decision", report.get("changes") == len(numbers))
        check("pull: the node holds every decision", approved == len(numbers))
    finally:
        hub.stop()
    rate = len(numbers) / wall
    row("pull", f"{len(numbers):,} decisions: pulled and applied by one `onething sync` (decisions/s)", f"{rate:,.0f}",
        ">= 20,000", rate / 20000, rate >= 20000)
    row("pull", "  its wall time / peak memory", f"{wall:.2f} s / {rss / 1024:.1f} MB", "", None, None)
    row("pull", "  (set-up: decisions recorded through the admin API, one curl)", f"{len(numbers) / decide_s:,.0f} /s")


# ---- growth --------------------------------------------------------------------------------------------
CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARS = "10X98765432"


def resident_id(n):
    """A synthetic, well-formed resident ID number of a woman (GB 11643 check character; the
    17th digit even, as a mother's must be); region 350102, born 1985-01-01 + n // 500 days,
    serial 2 * (n % 500)."""
    born = datetime.date(1985, 1, 1) + datetime.timedelta(days=n // 500)
    first17 = f"350102{born:%Y%m%d}{2 * (n % 500):03d}"
    return first17 + CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, CHECK_WEIGHTS)) % 11]


def growth_node(name, synced):
    """A node with `synced` applications already accepted (seeded) and a hub that knows its
    entries up to there (nodes.last_seq and the province number counter set, as after those
    pushes); warmed up with one sync."""
    d = fresh_dir(f"growth-{name}")
    node_db, hub_db = os.path.join(d, "node.sqlite"), os.path.join(d, "hub.sqlite")
    log(f"   seeding {synced:,} synced applications into {node_db}")
    run([BENCH, "seed", "--db", node_db, "--count", "1", "--synced", str(synced), "--first", "0"])
    token = run([HUB, "nodes", "add", "growth-node", "--db", hub_db]).stdout.strip().splitlines()[-1]
    con = sqlite3.connect(hub_db)
    con.execute("UPDATE nodes SET last_seq = ? WHERE node_id = 'growth-node'", (synced,))
    # ... and has numbered them (the seed gives them FJ + seq): new numbers follow on.
    con.execute("UPDATE counters SET value = ? WHERE name = 'province_no'", (synced,))
    con.commit()
    con.close()
    hub = Hub(hub_db, d)
    token_file = os.path.join(d, "token")
    write_secret(token_file, token)
    run([ONETHING, "init", "--hub", hub.url, "--node-id", "growth-node", "--token-file", token_file, "--db", node_db])
    warm = run([ONETHING, "sync", "--db", node_db, "--json"])
    check(f"growth {name}: warm-up sync pushed the seeded queued one", json.loads(warm.stdout).get("accepted") == 1)
    return d, node_db, hub


def part_growth():
    log(f"== growth: {GROWTH_NEW} new with {GROWTH_SYNCED:,} synced vs none")
    example = json.loads(run([ONETHING, "catalog", "example", "birth"]).stdout)
    results = {}
    serial = 500_000
    for name, synced in (("empty", 0), ("big", GROWTH_SYNCED)):
        d, node_db, hub = growth_node(name, max(synced, 0))
        times = []
        try:
            for rnd in range(GROWTH_ROUNDS):
                batch = os.path.join(d, f"batch-{rnd}.ndjson")
                with open(batch, "w") as f:
                    for _ in range(GROWTH_NEW):
                        serial += 1
                        f.write(json.dumps({**example, "mother_id_number": resident_id(serial)}, ensure_ascii=False) + "\n")
                run([ONETHING, "apply", "--bundle", "birth", "--ndjson", batch, "--db", node_db])
                subprocess.run(["sync"], check=True)
                t0 = time.perf_counter()
                r = run([ONETHING, "sync", "--db", node_db, "--json"])
                times.append((time.perf_counter() - t0) * 1000)
                check(f"growth {name}: round {rnd} pushed {GROWTH_NEW}", json.loads(r.stdout).get("accepted") == GROWTH_NEW)
            results[name] = times
            if name == "big":
                status = median_ms([ONETHING, "status", "--db", node_db], 10)
                status_json = median_ms([ONETHING, "status", "--db", node_db, "--json"], 5)
                listing = median_ms([ONETHING, "list", "--db", node_db], 3)
                queued = median_ms([ONETHING, "list", "--state", "queued", "--db", node_db], 5)
                size = os.path.getsize(node_db)
        finally:
            hub.stop()
    empty, big = statistics.median(results["empty"]), statistics.median(results["big"])
    ratio = big / empty
    row("growth", f"sync of {GROWTH_NEW} new, empty database: median of {GROWTH_ROUNDS} (ms)", f"{empty:.0f}")
    row("growth", f"sync of {GROWTH_NEW} new, {GROWTH_SYNCED:,} synced: median of {GROWTH_ROUNDS} (ms)", f"{big:.0f}")
    row("growth", f"  {GROWTH_SYNCED:,} synced / empty", f"{ratio:.2f}", "<= 1.2", 1.2 / ratio, ratio <= 1.2)
    row("growth", f"`onething status`, {GROWTH_SYNCED:,} stored: median (ms)", f"{status[0]:.0f}", "< 50", 50 / status[0],
        status[0] < 50)
    row("growth", f"`onething status --json`, {GROWTH_SYNCED:,} stored: median (ms)", f"{status_json[0]:.0f}")
    row("growth", f"`onething list` (the newest 100 of {GROWTH_SYNCED:,}): median (ms)", f"{listing[0]:,.0f}")
    row("growth", f"`onething list --state queued`, {GROWTH_SYNCED:,} stored: median (ms)", f"{queued[0]:.0f}")
    row("growth", "  database size", f"{size / 1e9:.2f} GB")


# ---- start-up ----------------------------------------------------------------------------------------
def part_startup():
    log("== start-up")
    d = fresh_dir("startup")
    node_db, hub_db = os.path.join(d, "node.sqlite"), os.path.join(d, "hub.sqlite")
    token = run([HUB, "nodes", "add", "startup-node", "--db", hub_db]).stdout.strip().splitlines()[-1]
    hub = Hub(hub_db, d)
    try:
        token_file = os.path.join(d, "token")
        write_secret(token_file, token)
        run([ONETHING, "init", "--hub", hub.url, "--node-id", "startup-node", "--token-file", token_file, "--db", node_db])
        example = os.path.join(d, "example.json")
        open(example, "w").write(run([ONETHING, "catalog", "example", "birth"]).stdout)
        run([ONETHING, "apply", "--bundle", "birth", "--data", example, "--db", node_db])
        run([ONETHING, "sync", "--db", node_db])
        status = median_ms([ONETHING, "status", "--db", node_db], 20)
        noop = median_ms([ONETHING, "sync", "--db", node_db], 20)
        helptext = median_ms([ONETHING, "--help"], 20)
    finally:
        hub.stop()
    row("startup", "`onething status` (start-up to exit): median / worst of 20 (ms)", f"{status[0]:.1f} / {status[1]:.1f}",
        "< 50", 50 / status[0], status[0] < 50)
    row("startup", "`onething sync` with nothing to do: median / worst of 20 (ms)", f"{noop[0]:.1f} / {noop[1]:.1f}",
        "< 50", 50 / noop[0], noop[0] < 50)
    row("startup", "  `onething --help` (the process alone): median (ms)", f"{helptext[0]:.1f}")


# ---- kiosk ---------------------------------------------------------------------------------------------
def part_kiosk():
    log("== kiosk")
    out = run([BENCH, "kiosk", "--count", "500" if QUICK else "2000"]).stdout
    m = re.search(r"key -> frame written\s+median (\d+) us, p99 (\d+) us; bytes per keystroke mean ([\d.]+)", out)
    median, p99, per_key = int(m.group(1)), int(m.group(2)), float(m.group(3))
    full = int(re.search(r"full 80x24 frame for comparison: (\d+) bytes", out).group(1))
    row("kiosk", "typing: key -> frame written, median / p99 (us)", f"{median} / {p99}", "< 1,000 (p99)", 1000 / p99,
        p99 < 1000)
    row("kiosk", "bytes written per keystroke (a full frame: %d)" % full, f"{per_key:.1f}", "< 100", 100 / per_key,
        per_key < 100)
    if shutil.which("tmux"):
        out = subprocess.run([os.path.join(ROOT, "Benchmarks", "kiosk-startup.sh"), "5" if QUICK else "15"],
                             capture_output=True, text=True, env={**os.environ})
        m = re.search(r"median (\d+) ms, worst (\d+) ms", out.stdout)
        if m:
            row("kiosk", "start-up to the first frame under tmux: median / worst (ms)", f"{m.group(1)} / {m.group(2)}",
                "< 200", 200 / int(m.group(1)), int(m.group(1)) < 200)


# ---- hub under load ------------------------------------------------------------------------------------
def part_load():
    nodes, backlog = LOAD
    log(f"== load: {nodes} nodes x {backlog}")
    d = fresh_dir("load")
    r = subprocess.run([os.path.join(ROOT, "Benchmarks", "hub-load.sh"), str(nodes), str(backlog)],
                       env={**os.environ, "WORK": d}, capture_output=True, text=True)
    open(os.path.join(WORK, "load.log"), "w").write(r.stdout + r.stderr)
    check("hub-load.sh checks (nothing lost or duplicated)", r.returncode == 0)
    res = json.load(open(os.path.join(d, "hub-load.json")))
    row("load", f"{nodes} nodes at once, {backlog} queued each: hub applications/s", f"{res['rate']:,.0f}")
    row("load", "  hub push latency p50 / p99 (ms)", f"{res['p50_ms']:.0f} / {res['p99_ms']:.0f}")
    row("load", "  nodes drained by their first run / runs needed (75 runs again, as from cron)",
        f"{res['done_first']} / {res['rounds']}")
    row("load", "  applications lost or applied twice", "0" if all(res["checks"].values()) else "SEE CHECKS", "0", None,
        all(res["checks"].values()))


PARTS = {"filing": part_filing, "drain": part_drain, "pull": part_pull, "growth": part_growth,
         "startup": part_startup, "kiosk": part_kiosk, "load": part_load}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    swift = run(["swift", "--version"]).stdout.splitlines()[0] if shutil.which("swift") else "?"
    curl = run(["curl", "--version"]).stdout.split()[1]
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024 / 1024:.0f} GiB, Linux {platform.release()}, {swift}, "
            f"SQLite {sqlite3.sqlite_version} (Python's; the node links the system's), libcurl {curl}; "
            f"commit {commit}, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")


def main():
    started = time.time()
    chosen = ONLY or list(PARTS)
    for name in chosen:
        if name not in PARTS:
            raise SystemExit(f"suite: unknown part {name!r}; parts: {', '.join(PARTS)}")
    for name in chosen:
        t0 = time.time()
        try:
            PARTS[name]()
        except (subprocess.CalledProcessError, OSError, KeyError, AttributeError, ValueError) as e:
            detail = getattr(e, "stderr", "") or ""
            check(f"{name}: ran to the end ({type(e).__name__}: {e} {detail.strip()[:300]})", False)
        log(f"   {name}: {time.time() - t0:.0f} s")
    lines = ["| part | figure | value | limit | ratio (>= 1 is within) | |", "|---|---|---|---|---|---|"]
    lines += [f"| {p} | {f} | {v} | {l} | {r} | {ok} |" for p, f, v, l, r, ok in ROWS]
    misses = sum(1 for r in ROWS if r[5] == "MISS")
    summary = (f"{sum(1 for r in ROWS if r[5] == 'pass')} within their limit, {misses} missed; "
               f"checks: {'all held' if not FAILED_CHECKS else 'FAILED: ' + '; '.join(FAILED_CHECKS)}; "
               f"{(time.time() - started) / 60:.0f} minutes")
    table = "\n".join(lines)
    print(table)
    print(summary)
    if not QUICK and not ONLY:
        path = os.path.join(ROOT, "BENCHMARKS.md")
        text = open(path).read()
        section = ("<!-- suite:begin (written by Benchmarks/run.sh) -->\n"
                   f"Machine: {machine()}.\n\nCommand: `Benchmarks/run.sh`\n\n{table}\n\n{summary}\n"
                   "<!-- suite:end -->")
        if "<!-- suite:begin" in text:
            text = re.sub(r"<!-- suite:begin.*?<!-- suite:end -->", lambda _: section, text, flags=re.S)
        else:
            text += "\n" + section + "\n"
        open(path, "w").write(text)
        log(f"written to {path}")
    sys.exit(1 if FAILED_CHECKS else 0)


if __name__ == "__main__":
    main()
