/// A scripted HTTP/1.1 server for the transport tests, written to a temporary file and run
/// with python3. It listens on 127.0.0.1, port 0, prints its port, and answers by path:
///
/// - `/echo[?delay=S]`: the request as JSON (method, path, headers, raw and decoded body).
/// - `/gzip?n=N`: N bytes of digits, gzip-compressed, with `Content-Encoding: gzip`.
/// - `/bytes?n=N`: N bytes with a Content-Length.
/// - `/gzbytes?n=N`: N zero bytes gzip-compressed (small on the wire, large decoded).
/// - `/chunked?n=N`: N bytes chunked, without a Content-Length.
/// - `/sleep?s=S`: answers after S seconds.
/// - `/status?code=C`: that status with a short body and `Retry-After: 5`.
/// - `/close`: closes the connection without answering.
/// - `/stats`: connections accepted, client ports, and the most requests in flight at once.
///
/// With the arguments `tls CERT KEY` it speaks https with that certificate.
/// It exits when its stdin reaches end of file, so it never outlives the test process.
/// Run with the argument `freeport`, it prints a port that was free a moment ago and exits.
let serverScript = #"""
import base64, gzip, hashlib, json, os, signal, socket, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

# Spawned from a test thread, the process inherits that thread's blocked signals, which
# would make SIGTERM a no-op; unblock them all.
signal.pthread_sigmask(signal.SIG_SETMASK, [])

if len(sys.argv) > 1 and sys.argv[1] == "freeport":
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1], flush=True)
    s.close()
    sys.exit(0)

lock = threading.Lock()
stats = {"connections": 0, "ports": [], "inFlight": 0, "maxInFlight": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        with lock:
            stats["connections"] += 1
            stats["ports"].append(self.client_address[1])

    def do_GET(self):
        with lock:
            stats["inFlight"] += 1
            stats["maxInFlight"] = max(stats["maxInFlight"], stats["inFlight"])
        try:
            self.route()
        finally:
            with lock:
                stats["inFlight"] -= 1

    do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = do_GET

    def reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        number = lambda key: float(query[key][0])
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path == "/echo":
            if "delay" in query:
                time.sleep(number("delay"))
            encoding = self.headers.get("Content-Encoding")
            body = gzip.decompress(raw) if encoding == "gzip" else raw
            echo = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "rawLength": len(raw),
                "gzipMagic": raw[:2] == b"\x1f\x8b",
                "bodyLength": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
                "bodyBase64": base64.b64encode(body).decode(),
                "clientPort": self.client_address[1],
            }
            self.reply(200, json.dumps(echo).encode(),
                       [("Content-Type", "application/json"), ("X-Reply", "one"), ("X-Reply", "two")])
        elif url.path == "/gzip":
            n = int(number("n"))
            payload = (b"0123456789" * (n // 10 + 1))[:n]
            self.reply(200, gzip.compress(payload), [("Content-Encoding", "gzip"), ("Content-Type", "text/plain")])
        elif url.path == "/bytes":
            self.reply(200, b"a" * int(number("n")))
        elif url.path == "/gzbytes":
            self.reply(200, gzip.compress(b"\0" * int(number("n"))), [("Content-Encoding", "gzip")])
        elif url.path == "/chunked":
            n = int(number("n"))
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            step = 1000
            for start in range(0, n, step):
                piece = b"c" * min(step, n - start)
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif url.path == "/sleep":
            time.sleep(number("s"))
            try:
                self.reply(200, b"late")
            except OSError:
                pass
        elif url.path == "/status":
            self.reply(int(number("code")), b"unavailable", [("Retry-After", "5")])
        elif url.path == "/close":
            self.close_connection = True
        elif url.path == "/stats":
            with lock:
                body = json.dumps(stats).encode()
            self.reply(200, body, [("Content-Type", "application/json")])
        else:
            self.reply(404, b"")


def exit_when_parent_goes():
    # The test process holds our stdin open; EOF means it finished or died.
    sys.stdin.buffer.read()
    os._exit(0)


threading.Thread(target=exit_when_parent_goes, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if len(sys.argv) > 3 and sys.argv[1] == "tls":
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
