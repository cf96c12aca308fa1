#!/usr/bin/env bash
# Connection flood against the hub (loopback only; bounded in count and time; never a timed test).
#
#   Benchmarks/hub-connection-flood.sh [IDLE [SLOW [NOFILE [HOLD]]]]   default: 1100 200 1024 30
#
# One `onething-hub serve` under `prlimit --nofile=NOFILE:NOFILE` (the usual `ulimit -n 1024`),
# then IDLE idle TCP connections (no byte sent; spread over the source addresses 127.0.0.2 to
# 127.0.0.41, as from forty hosts) and SLOW slow-loris connections (one byte of a request head
# every 5 s, from 127.0.0.42 to 127.0.0.46), all held for HOLD seconds while a real node
# (`onething init`, `apply` of the catalogue's example, `onething sync`) syncs from 127.0.0.1
# and `/v1/health` is asked for. Extra `serve` options come from HUB_ARGS (for example
# HUB_ARGS="--header-timeout 300" to see the connection cap at work without the header
# deadline).
#
# Prints: the hub's connection limits (its log), how many connections the flood opened and
# how many the hub had closed by the end, the health answer and its time, the sync's exit code
# and time, the hub's CPU use over the hold (per cent of one core), and whether the hub still
# served afterwards.
#
# Environment: ONETHING_BENCH_BIN (default .build-bench/release, built here unless
# SKIP_BUILD=1; .build/debug works too), WORK=DIR (kept; else a temporary directory).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build-bench}"
bin="${ONETHING_BENCH_BIN:-$scratch/release}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building (release, --scratch-path $scratch)" >&2
    (cd "$root" && swift build -c release --scratch-path "$scratch" --product onething-hub >&2)
    (cd "$root" && swift build -c release --scratch-path "$scratch" --product onething >&2)
fi
for tool in onething onething-hub; do
    [[ -x "$bin/$tool" ]] || { echo "hub-connection-flood: no $bin/$tool (set ONETHING_BENCH_BIN or build)" >&2; exit 69; }
done
command -v prlimit >/dev/null || { echo "hub-connection-flood: needs prlimit (util-linux)" >&2; exit 69; }
if [[ -n "${WORK:-}" ]]; then
    work="$WORK"; mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/hub-flood.XXXXXX")"
    [[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
fi
# The flood itself holds a descriptor per connection.
ulimit -n 8192 2>/dev/null || true

export BIN="$bin" WORKDIR="$work"
exec python3 - "${1:-1100}" "${2:-200}" "${3:-1024}" "${4:-30}" <<'PY'
import os, re, shlex, signal, socket, subprocess, sys, threading, time, urllib.request

BIN, WORK = os.environ["BIN"], os.environ["WORKDIR"]
IDLE, SLOW, NOFILE, HOLD = (int(a) for a in sys.argv[1:5])
HUB_ARGS = shlex.split(os.environ.get("HUB_ARGS", ""))
ONETHING, HUB = os.path.join(BIN, "onething"), os.path.join(BIN, "onething-hub")
hub_db, node_db = os.path.join(WORK, "hub.sqlite"), os.path.join(WORK, "node.sqlite")


def run(args, timeout=300, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kw)


log = open(os.path.join(WORK, "hub.log"), "w")
hub = subprocess.Popen(
    ["prlimit", f"--nofile={NOFILE}:{NOFILE}", HUB, "serve", "--db", hub_db, "--port", "0"] + HUB_ARGS,
    stdout=subprocess.PIPE, stderr=log, text=True)
line = hub.stdout.readline()
m = re.search(r"listening on (http://127\.0\.0\.1:(\d+))", line)
if not m:
    hub.kill()
    sys.exit(f"hub did not start: {line!r}; log in {log.name}")
url, port = m.group(1), int(m.group(2))
threading.Thread(target=lambda: [None for _ in hub.stdout], daemon=True).start()

added = run([HUB, "nodes", "add", "ward-1", "--db", hub_db])
token = [w for w in added.stdout.split() if len(w) >= 32][-1]
token_file = os.path.join(WORK, "token")
fd = os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600)
os.write(fd, token.encode())
os.close(fd)
run([ONETHING, "init", "--hub", url, "--node-id", "ward-1", "--token-file", token_file, "--db", node_db]).check_returncode()
example = run([ONETHING, "catalog", "example", "birth", "--db", node_db]).stdout
run([ONETHING, "apply", "--bundle", "birth", "--data", "-", "--db", node_db], input=example).check_returncode()


def cpu_seconds(pid):
    # The hub is prlimit's child after exec: same pid.
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connect(source, timeout=5.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    return s


def is_closed(s):
    try:
        return s.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


started = time.monotonic()
idle, idle_failed = [], 0
for i in range(IDLE):
    try:
        idle.append(connect(f"127.0.0.{2 + i % 40}"))
    except OSError:
        idle_failed += 1
slow, slow_failed = [], 0
for i in range(SLOW):
    try:
        slow.append(connect(f"127.0.0.{42 + i % 5}"))
    except OSError:
        slow_failed += 1
opened_in = time.monotonic() - started
started = time.monotonic()  # the hold counts from here
head = b"GET /v1/health HTTP/1.1\r\nHost: hub\r\nX-Padding: " + b"a" * 4096 + b"\r\n\r\n"
stop = threading.Event()
slow_closed_at = {}


def trickle():
    offset = 0
    while not stop.wait(5):
        for index, s in enumerate(slow):
            if index in slow_closed_at:
                continue
            try:
                s.send(head[offset:offset + 1])
            except OSError:
                slow_closed_at[index] = time.monotonic() - started
        offset = min(offset + 1, len(head) - 5)


threading.Thread(target=trickle, daemon=True).start()
cpu_before, wall_before = cpu_seconds(hub.pid), time.monotonic()

time.sleep(min(5, HOLD / 3))
t = time.monotonic()
try:
    with urllib.request.urlopen(url + "/v1/health", timeout=30) as answer:
        health = f"{answer.status} in {time.monotonic() - t:.2f} s"
except Exception as error:
    health = f"failed after {time.monotonic() - t:.2f} s ({error})"
t = time.monotonic()
try:
    sync = run([ONETHING, "sync", "--db", node_db, "--json"], timeout=180)
    sync_result = f"exit {sync.returncode} in {time.monotonic() - t:.2f} s"
    if sync.returncode != 0:
        sync_result += f" ({sync.stderr.strip()[:200]})"
except subprocess.TimeoutExpired:
    sync_result = f"still running after {time.monotonic() - t:.0f} s (stopped)"
time.sleep(max(0, HOLD - (time.monotonic() - started)))
cpu = (cpu_seconds(hub.pid) - cpu_before) / (time.monotonic() - wall_before) * 100

stop.set()
for index, s in enumerate(slow):
    if index not in slow_closed_at and is_closed(s):
        slow_closed_at[index] = time.monotonic() - started
idle_closed = sum(1 for s in idle if is_closed(s))
for s in idle + slow:
    s.close()
time.sleep(1)
t = time.monotonic()
try:
    with urllib.request.urlopen(url + "/v1/health", timeout=30) as answer:
        after = f"{answer.status} in {time.monotonic() - t:.2f} s"
except Exception as error:
    after = f"failed after {time.monotonic() - t:.2f} s ({error})"
hub.send_signal(signal.SIGTERM)
try:
    hub.wait(timeout=30)
except subprocess.TimeoutExpired:
    hub.kill()
log.close()
limits = [l.strip() for l in open(log.name) if "connection" in l.lower()][:3]

print(f"hub: prlimit --nofile={NOFILE}:{NOFILE} onething-hub serve {' '.join(HUB_ARGS)}".rstrip())
for l in limits:
    print(f"  log: {l[:240]}")
print(f"idle connections: {len(idle)} opened ({idle_failed} failed to connect) in {opened_in:.1f} s; "
      f"{idle_closed} closed by the hub after {HOLD} s")
print(f"slow-loris connections: {len(slow)} opened ({slow_failed} failed); {len(slow_closed_at)} closed by the hub"
      + (f" (first at {min(slow_closed_at.values()):.0f} s, last at {max(slow_closed_at.values()):.0f} s)" if slow_closed_at else ""))
print(f"/v1/health during the flood: {health}")
print(f"onething sync during the flood: {sync_result}")
print(f"hub CPU during the hold: {cpu:.0f}% of one core")
print(f"/v1/health after the flood: {after}")
PY
