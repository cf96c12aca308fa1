"""The load generator of Benchmarks/province-load.sh (see there for what it offers and
measures). Run through that script, which builds the binaries and sets BIN and WORKDIR."""
import glob, gzip, heapq, http.client, json, os, random, re, sqlite3, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

BIN, WORK = os.environ["BIN"], os.environ["WORKDIR"]
NODES, SCHOOLS, SECONDS = (int(a) for a in sys.argv[1:4])
HUB, BENCH = os.path.join(BIN, "onething-hub"), os.path.join(BIN, "onething-bench")
HUB_DB = os.environ.get("HUB_DB") or os.path.join(WORK, "hub.sqlite")
THREADS = int(os.environ.get("THREADS", "48"))
PERIOD = 60.0  # cron: once a minute
PER_HOUR = float(os.environ.get("PER_SCHOOL_HOUR", "65"))  # 65,000 an hour from 1,000 schools
random.seed(20261206)


def log(text):
    print(f"province-load: {text}", file=sys.stderr, flush=True)


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, -(-p * len(v) // 100) - 1))] if v else None


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- set-up: nodes registered, schools' entries made as their nodes would send them ----------
if not HUB_DB.startswith("postgres") and not os.environ.get("HUB_URL"):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(HUB_DB + suffix):
            os.remove(HUB_DB + suffix)
node_ids = [f"prov-{i:05d}" for i in range(NODES)]
log(f"registering {NODES} nodes on {HUB_DB if not HUB_DB.startswith('postgres') else 'PostgreSQL'}")
started = time.perf_counter()


def register(node):
    return run([HUB, "nodes", "add", node, "--db", HUB_DB]).stdout.strip().splitlines()[-1]


tokens = {node_ids[0]: register(node_ids[0])}  # the first creates and migrates the database alone
with ThreadPoolExecutor(max_workers=4) as pool:
    tokens.update(zip(node_ids[1:], pool.map(register, node_ids[1:])))
log(f"registered in {time.perf_counter() - started:.0f} s")

pushes_each = int(SECONDS / 3600 * PER_HOUR) + 3
bodies = {}  # school node id -> [gzipped push body, ...] in seq order


def prepare(index):
    node = node_ids[index]
    db = os.path.join(WORK, f"school-{index:04d}.sqlite")
    out = os.path.join(WORK, f"school-{index:04d}")
    for path in glob.glob(db + "*"):
        os.remove(path)
    run([BENCH, "seed", "--db", db, "--count", str(pushes_each), "--first", str(index * (pushes_each + 2))])
    os.makedirs(out, exist_ok=True)
    for old in glob.glob(os.path.join(out, "batch-*.json")):
        os.remove(old)
    run([BENCH, "export-batches", "--db", db, "--dir", out, "--batch", "1"])
    files = sorted(glob.glob(os.path.join(out, "batch-*.json")))
    return node, [gzip.compress(open(f, "rb").read()) for f in files]


log(f"seeding {SCHOOLS} schools with {pushes_each} entries each")
started = time.perf_counter()
with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    for node, made in pool.map(prepare, range(SCHOOLS)):
        bodies[node] = made
log(f"seeded in {time.perf_counter() - started:.0f} s")

# ---- the hub: one process, or HUBS processes on the same database behind nginx -----------------
HUBS = int(os.environ.get("HUBS", "1"))
hubs, balancer = [], None


def start_hub(index):
    hub_log = open(os.path.join(WORK, f"hub-{index}.log"), "w")
    process = subprocess.Popen([HUB, "serve", "--db", HUB_DB, "--port", "0"], stdout=subprocess.PIPE, stderr=hub_log,
                               text=True, env={**os.environ, "LOG_LEVEL": "warning"})
    line = process.stdout.readline()
    m = re.search(r"listening on (http://[^\s]+)", line)
    if not m:
        raise SystemExit(f"province-load: the hub did not start: {line!r}")
    return process, m.group(1)


if os.environ.get("HUB_URL"):
    url = os.environ["HUB_URL"]
else:
    started_hubs = [start_hub(i) for i in range(HUBS)]
    hubs = [p for p, _ in started_hubs]
    url = started_hubs[0][1]
    if HUBS > 1:
        # nginx in front, as the province would run it (Debian's package; one process).
        nginx_dir = os.path.join(WORK, "nginx")
        os.makedirs(nginx_dir, exist_ok=True)
        import socket
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        servers = "\n".join(f"    server {urlsplit(u).netloc} max_fails=1 fail_timeout=1s;" for _, u in started_hubs)
        open(os.path.join(nginx_dir, "nginx.conf"), "w").write(f"""
daemon off; master_process off; worker_processes 1; pid {nginx_dir}/nginx.pid; error_log {nginx_dir}/error.log warn;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  client_body_temp_path {nginx_dir}/body; proxy_temp_path {nginx_dir}/proxy; fastcgi_temp_path {nginx_dir}/fastcgi;
  uwsgi_temp_path {nginx_dir}/uwsgi; scgi_temp_path {nginx_dir}/scgi;
  upstream hubs {{
{servers}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 32m;
    location / {{
      proxy_pass http://hubs; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_next_upstream error timeout http_502 non_idempotent;
    }}
  }}
}}
""")
        balancer = subprocess.Popen(["/usr/sbin/nginx", "-p", nginx_dir, "-e", nginx_dir + "/error.log", "-c",
                                     nginx_dir + "/nginx.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        url = f"http://127.0.0.1:{port}"
hub = hubs[0] if len(hubs) == 1 else None
split = urlsplit(url)
HOST, PORT = split.hostname, split.port or 80


class Node:
    __slots__ = ("id", "auth", "database_id", "acked", "cursor", "pending", "pushed", "filed")

    def __init__(self, node_id):
        self.id = node_id
        self.auth = {"Authorization": f"Bearer {tokens[node_id]}"}
        self.database_id, self.acked, self.cursor = None, 0, 0
        self.pending = bodies.get(node_id, [])
        self.pushed = 0
        # Applications filed so far at PER_HOUR (a school), pushed at its next sync; each school
        # starts at its own point of the hour's rhythm.
        self.filed = random.uniform(0, 1) if self.pending else 0.0


nodes = [Node(n) for n in node_ids]
catalog_version = None
lock = threading.Lock()
push_ms, noop_ms, lag_ms = [], [], []
push_syncs = [0]  # syncs that pushed (one or more requests)
answers = {}  # status -> count
errors = []
accepted = 0


def request(conn, method, path, node, body=None, extra=None):
    headers = dict(node.auth)
    if extra:
        headers.update(extra)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    with lock:
        answers[response.status] = answers.get(response.status, 0) + 1
    return response, data


def sync(node):
    """One cron run of one node: a new connection, state, a push if it has filed, changes."""
    global accepted, catalog_version
    began = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    pushed = False
    try:
        query = {}
        if node.database_id:
            query = {"database_id": node.database_id, "acked_seq": node.acked, "cursor": node.cursor}
        response, data = request(conn, "GET", f"/v1/nodes/{node.id}/state" + ("?" + urlencode(query) if query else ""), node)
        if response.status != 200:
            return
        node.database_id = json.loads(data)["database_id"]
        if node.pending:
            node.filed += PER_HOUR * PERIOD / 3600
        # What was filed since the last sync goes now, an entry a request (the exported bodies
        # hold one entry each; a real node sends them as one batch).
        while node.pushed < min(int(node.filed), len(node.pending)):
            t = time.perf_counter()
            response, data = request(conn, "POST", f"/v1/nodes/{node.id}/push", node, node.pending[node.pushed],
                                     {"Content-Type": "application/json", "Content-Encoding": "gzip"})
            elapsed = (time.perf_counter() - t) * 1000
            if response.status != 200:
                return
            result = json.loads(data)
            with lock:
                push_ms.append(elapsed)
                accepted += sum(1 for r in result["results"] if r["status"] in ("accepted", "already_applied"))
            node.acked = result["last_applied_seq"]
            node.pushed += 1
            pushed = True
        # A node reports the catalogue version it holds; the warm-up reports none it could
        # hold, so that the hub answers with its own (and its version).
        query = {"after": node.cursor, "limit": 500, "catalog_version": catalog_version or "0"}
        response, data = request(conn, "GET", f"/v1/nodes/{node.id}/changes?" + urlencode(query), node)
        if response.status != 200:
            return
        page = json.loads(data)
        node.cursor = page["next_cursor"]
        if page.get("catalog") and not catalog_version:
            catalog_version = page["catalog"]["version"]
        with lock:
            if pushed:
                push_syncs[0] += 1
            else:
                noop_ms.append((time.perf_counter() - began) * 1000)
    except Exception as error:  # a refused connection or a timeout: counted, the run goes on
        with lock:
            errors.append(type(error).__name__)
    finally:
        conn.close()


# One warm-up sync of one node learns the catalogue version (as a node's first sync does).
sync(Node(node_ids[-1]))
log(f"catalogue version {catalog_version}; offering {NODES} syncs a minute for {SECONDS} s, "
    f"{SCHOOLS} of them pushing ({SCHOOLS * PER_HOUR:,.0f} entries an hour offered), {THREADS} threads")

schedule = []  # (due, index)
start = time.perf_counter() + 2
for index in range(NODES):
    heapq.heappush(schedule, (start + random.uniform(0, PERIOD), index))
queue_lock = threading.Condition()
end = start + SECONDS
cpu0 = sum(cpu_seconds(p.pid) for p in hubs) if hubs else None


def worker():
    while True:
        with queue_lock:
            if not schedule:
                return
            due, index = heapq.heappop(schedule)
            if due >= end:
                return
            if due + PERIOD < end:
                heapq.heappush(schedule, (due + PERIOD, index))
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        else:
            with lock:
                lag_ms.append(-wait * 1000)
        sync(nodes[index])


threads = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
hub_cpu = sum(cpu_seconds(p.pid) for p in hubs) - cpu0 if hubs else None
entries_pushed = sum(n.pushed for n in nodes)

if not HUB_DB.startswith("postgres"):
    con = sqlite3.connect(f"file:{HUB_DB}?mode=ro", uri=True)
    held = con.execute("SELECT COUNT(*) FROM applications").fetchone()[0]
    con.close()
else:
    held = len(json.loads(run([HUB, "list", "--json", "--db", HUB_DB]).stdout)["applications"])
for process in hubs:
    process.terminate()
    process.wait()
if balancer:
    balancer.kill()

syncs = len(noop_ms) + push_syncs[0]
refused = sum(c for s, c in answers.items() if s in (429, 503))
failed = sum(c for s, c in answers.items() if s >= 400 and s not in (429, 503))


def ms(v):
    return "-" if v is None else f"{v:.1f}"


lines = [
    f"| figure | value |", "|---|---|",
    f"| nodes / schools / seconds / hub processes | {NODES:,} / {SCHOOLS:,} / {SECONDS} / {max(HUBS, 1)} |",
    f"| syncs completed (offered {NODES * SECONDS / PERIOD:,.0f}) | {syncs:,} ({syncs / wall:.0f}/s) |",
    f"| entries pushed and accepted (offered {SCHOOLS * SECONDS / 3600 * PER_HOUR:,.0f}) | {entries_pushed:,} / {accepted:,} ({accepted / wall * 3600:,.0f} an hour) |",
    f"| push request: p50 / p99 / max (ms) | {ms(pct(push_ms, 50))} / {ms(pct(push_ms, 99))} / {ms(max(push_ms) if push_ms else None)} |",
    f"| no-op sync (state + changes, new connection): p50 / p99 / max (ms) | {ms(pct(noop_ms, 50))} / {ms(pct(noop_ms, 99))} / {ms(max(noop_ms) if noop_ms else None)} |",
    f"| answers refused (503/429) / failed (other 4xx, 5xx) / connection errors | {refused} / {failed} / {len(errors)} |",
    f"| generator behind schedule: syncs late / p99 lateness (ms) | {len(lag_ms):,} / {ms(pct(lag_ms, 99))} |",
    f"| hub CPU (s, of {wall:.0f} s wall) | {'-' if hub_cpu is None else f'{hub_cpu:.0f}'} |",
]
checks = {
    "every entry pushed was accepted": entries_pushed == accepted,
    "nothing refused or failed": refused == 0 and failed == 0 and not errors,
}
checks["the hub holds every accepted entry"] = held == accepted
lines += ["", "checks: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in checks.items())]
text = "\n".join(lines)
print(text)
open(os.path.join(WORK, "province-load.md"), "w").write(text + "\n")
json.dump({"push_ms": push_ms, "noop_ms": noop_ms, "answers": answers, "errors": errors[:50]},
          open(os.path.join(WORK, "province-load.json"), "w"))
sys.exit(0 if all(checks.values()) else 1)
