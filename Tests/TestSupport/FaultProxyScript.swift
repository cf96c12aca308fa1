/// The fault-injecting HTTP/1.1 proxy behind `FaultProxy`, written to a temporary file and
/// run with python3 as `proxy.py UPSTREAM_PORT SEED RATE LOG_FILE STALL_SECONDS`.
///
/// It listens on 127.0.0.1, port 0, prints its port, and forwards each request (head plus
/// Content-Length body; keep-alive, several requests per client connection) to the upstream
/// on a fresh upstream connection. Every request gets a sequence number per node (1, 2, ...
/// in arrival order; the node is the `{id}` of `/v1/nodes/{id}/...`, else `-`) and its fate
/// comes from `random.Random("SEED:NODE:SEQ")`, so the same seed gives each node the same
/// plan however the nodes' requests interleave: with probability RATE one fault (drawn with
/// the weights of WEIGHTS: stalls are rarer, each costs the node a timeout), else forwarded
/// unchanged. The faults:
///
/// - `reset_before`: the client connection is reset (RST); the upstream never sees the request.
/// - `reset_after`: forwarded and answered upstream, then the client connection is reset
///   (the hub committed; the node never hears).
/// - `cut_response`: forwarded; the answer is cut at a random byte and the connection closed.
/// - `stall`: held without forwarding for STALL_SECONDS, then the connection is closed.
/// - `late`: held for STALL_SECONDS, the client connection closed, then forwarded (a
///   delivery that arrives after the node gave up); the answer is dropped.
/// - `reply_503`: the proxy answers 503 itself without forwarding (keep-alive kept).
/// - `twice`: forwarded, the answer dropped, forwarded again, the second answer returned.
///
/// Every request's fate is a line in LOG_FILE (`NODE#SEQ conn=C METHOD PATH -> KIND`), so a
/// failing run can be diagnosed. Commands on stdin, one per line, each answered `ok` on
/// stdout once applied: `rate R` (R = 0 turns faults off) and `mark TEXT` (a line in the
/// log). End of stdin makes the proxy exit, so it never outlives the test process.
package let faultProxyScript = #"""
import os, random, re, signal, socket, struct, sys, threading, time

# Spawned from a test thread, the process inherits that thread's blocked signals; unblock.
signal.pthread_sigmask(signal.SIG_SETMASK, [])

UPSTREAM = ("127.0.0.1", int(sys.argv[1]))
SEED = sys.argv[2]
STALL = float(sys.argv[5])
KINDS = ["reset_before", "reset_after", "cut_response", "stall", "late", "reply_503", "twice"]
WEIGHTS = [3, 3, 3, 1, 1, 3, 3]

lock = threading.Lock()
state = {"rate": float(sys.argv[3]), "seq": {}, "conn": 0}
log_file = open(sys.argv[4], "a", buffering=1)


def log(line):
    with lock:
        log_file.write(line + "\n")


def fate(node, seq):
    rng = random.Random("%s:%s:%d" % (SEED, node, seq))
    roll = rng.random()
    kind = rng.choices(KINDS, WEIGHTS)[0]
    cut = rng.random()
    with lock:
        rate = state["rate"]
    return (kind if roll < rate else "pass"), cut


class Closed(Exception):
    pass


class Reader:
    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Closed()
        self.buf += chunk

    def until(self, marker):
        while marker not in self.buf:
            self.fill()
        end = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:end], self.buf[end:]
        return out

    def exactly(self, n):
        while len(self.buf) < n:
            self.fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def rest(self):
        try:
            while True:
                self.fill()
        except Closed:
            out, self.buf = self.buf, b""
            return out


def header(head, name):
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


def read_message(reader, is_response):
    head = reader.until(b"\r\n\r\n")
    length = header(head, b"content-length")
    if length is not None:
        return head + reader.exactly(int(length))
    if (header(head, b"transfer-encoding") or b"").lower() == b"chunked":
        body = b""
        while True:
            size_line = reader.until(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            body += size_line + reader.exactly(size + 2)
            if size == 0:
                return head + body
    return head + (reader.rest() if is_response else b"")


def upstream(request):
    with socket.create_connection(UPSTREAM, timeout=60) as sock:
        sock.sendall(request)
        return read_message(Reader(sock), True)


def reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def serve(client, conn):
    reader = Reader(client)
    try:
        while True:
            request = read_message(reader, False)
            line = request.split(b"\r\n", 1)[0].decode("latin-1").rsplit(" ", 1)[0]
            match = re.search(r"/v1/nodes/([^/?]+)/", line)
            node = match.group(1) if match else "-"
            with lock:
                seq = state["seq"][node] = state["seq"].get(node, 0) + 1
            kind, cut = fate(node, seq)
            seq = "%s#%d" % (node, seq)
            log("%s conn=%d %s -> %s" % (seq, conn, line, kind))
            if kind == "reset_before":
                return reset(client)
            if kind == "reply_503":
                body = b'{"error":"unavailable","message":"fault proxy: 503"}'
                client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                               b"Retry-After: 1\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                continue
            if kind in ("stall", "late"):
                time.sleep(STALL)
                client.close()
                if kind == "late":
                    upstream(request)
                    log("%s late delivery done" % seq)
                return
            response = upstream(request)
            if kind == "twice":
                response = upstream(request)
            if kind == "reset_after":
                return reset(client)
            if kind == "cut_response":
                client.sendall(response[: max(1, int(len(response) * cut))])
                return client.close()
            client.sendall(response)
            if (header(response, b"connection") or b"").lower() == b"close":
                return client.close()
    except Exception as error:  # the connection ends; anything but the client leaving is logged
        if not isinstance(error, Closed):
            log("conn=%d error %r" % (conn, error))
        try:
            client.close()
        except OSError:
            pass


def accept(listener):
    while True:
        client, _ = listener.accept()
        with lock:
            state["conn"] += 1
            conn = state["conn"]
        threading.Thread(target=serve, args=(client, conn), daemon=True).start()


def commands():
    # The test process holds our stdin open; EOF means it finished or died.
    for line in sys.stdin:
        word, _, arg = line.strip().partition(" ")
        if word == "rate":
            with lock:
                state["rate"] = float(arg)
            log("rate %s" % arg)
        elif word == "mark":
            log("mark %s" % arg)
        print("ok", flush=True)
    os._exit(0)


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
log("proxy seed=%s rate=%s upstream=%s stall=%s" % (SEED, state["rate"], UPSTREAM[1], STALL))
threading.Thread(target=accept, args=(listener,), daemon=True).start()
print(listener.getsockname()[1], flush=True)
commands()
"""#
