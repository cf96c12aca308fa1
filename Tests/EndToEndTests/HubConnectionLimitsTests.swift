import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real hub, its descriptor limit lowered for the test, under connections that hold a
/// descriptor without moving a request on: more idle connections than the limit allows, and
/// slow-loris connections sending one byte of a request head at a time, from many loopback
/// source addresses (127.0.0.2 and up, as from many hosts). A real node still syncs and
/// `/v1/health` still answers; the header, body and idle deadlines close what the cap does
/// not. Nothing here bounds elapsed time: closes are waited for, never timed.
@Suite("The hub under idle and slow-loris connections", .serialized)
struct HubConnectionLimitsTests {
    /// The hub's RLIMIT_NOFILE in these tests (the test process keeps its own).
    static let descriptorLimit = 256

    /// Starts the hub with its descriptor limit lowered by the shell; the shell waits for
    /// the hub (no exec), so that `HubProcess.stop` finds the hub as its child.
    static func startHub(_ loop: Loop, _ arguments: [String], tls: HubProcess.TLSFiles? = nil) throws -> HubProcess {
        try HubProcess(
            database: loop.hubDB, directory: loop.dir, arguments: arguments,
            launcher: ["/bin/sh", "-c", "ulimit -n \(descriptorLimit) && \"$0\" \"$@\""],
            logFile: loop.dir.file("hub.log"), tls: tls)
    }

    static func hubLog(_ loop: Loop) -> String {
        (try? String(contentsOfFile: loop.dir.file("hub.log"), encoding: .utf8)) ?? ""
    }

    /// The hub's log lines at level error or critical.
    static func loggedErrors(_ loop: Loop) -> [String] {
        hubLog(loop).split(separator: "\n").map(String.init).filter {
            $0.range(of: #"^\S+ (error|critical) "#, options: .regularExpression) != nil
        }
    }

    /// The cap the hub printed when it started.
    static func maxConnections(_ loop: Loop) -> Int? {
        let log = hubLog(loop)
        guard let range = log.range(of: #"max_connections=\d+"#, options: .regularExpression) else { return nil }
        return Int(log[range].dropFirst("max_connections=".count))
    }

    /// Opens `count` connections to the hub that send nothing, from 127.0.0.`first` on,
    /// `spread` source addresses in turn.
    static func idle(_ count: Int, port: Int, first: Int = 2, spread: Int = 40) throws -> [RawConnection] {
        try (0..<count).map { try RawConnection(to: port, from: "127.0.0.\(first + $0 % spread)") }
    }

    @Test("more idle connections than the descriptor limit and 50 slow-loris ones: a node syncs, /v1/health answers")
    func aNodeSyncsThroughAFlood() async throws {
        let loop = Loop()
        // Deadlines far off: here the connection cap alone keeps room for the node.
        let hub = try Self.startHub(loop, ["--header-timeout", "600", "--idle-timeout", "600"])
        defer { hub.stop() }
        let cap = try #require(Self.maxConnections(loop), "the hub prints its limits: \(Self.hubLog(loop))")
        #expect(cap < Self.descriptorLimit)
        _ = try loop.setUpNode(url: hub.url)
        let id = try #require(try loop.file().first)

        let idle = try Self.idle(Self.descriptorLimit + 50, port: hub.port)
        let slow = try Self.idle(50, port: hub.port, first: 42, spread: 5)
        let trickle = SlowLoris(slow, every: .seconds(2))
        defer { trickle.stop() }
        // Let the hub accept them all (each beyond the cap takes an older one's place).
        #expect(RawConnection.healthStatus(port: hub.port) == 200)

        let sync = try loop.node(["sync"])
        #expect(sync.code == 0, "sync during the flood: \(sync.stderr)")
        #expect(try loop.nodeShow(id)["province_no"] as? String != nil)
        #expect(try loop.hubApplications().count == 1)
        #expect(RawConnection.healthStatus(port: hub.port) == 200)
        // The flood was still there while the node synced: the hub kept a table's worth of it.
        let stillOpen = (idle + slow).filter { !$0.isClosedByPeer() }.count
        #expect(stillOpen >= cap / 2, "flood connections still open: \(stillOpen) of \(idle.count + slow.count), cap \(cap)")
        #expect(Self.loggedErrors(loop).isEmpty, "\(Self.loggedErrors(loop))")
    }

    @Test("slow-loris, silent, slow-body and idle keep-alive connections are closed at their deadlines")
    func deadlinesCloseWhatTheCapDoesNot() async throws {
        let loop = Loop()
        let hub = try Self.startHub(loop, ["--header-timeout", "2", "--body-timeout", "2", "--idle-timeout", "2"])
        defer { hub.stop() }
        let cap = try #require(Self.maxConnections(loop))
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()

        // Fewer than the cap, so nothing is closed to make room: only deadlines close them.
        let silent = try Self.idle(40, port: hub.port)
        let slow = try Self.idle(50, port: hub.port, first: 42, spread: 5)
        #expect(silent.count + slow.count + 10 < cap)
        let trickle = SlowLoris(slow, every: .milliseconds(500))
        defer { trickle.stop() }
        let slowBody = try RawConnection(to: hub.port, from: "127.0.0.50")
        #expect(slowBody.send(Array("POST /v1/nodes/ward-1/push HTTP/1.1\r\nHost: hub\r\nContent-Length: 1000\r\n\r\n{".utf8)))
        let keptAlive = try RawConnection(to: hub.port, from: "127.0.0.51")
        #expect(keptAlive.send(Array("GET /v1/health HTTP/1.1\r\nHost: hub\r\n\r\n".utf8)))

        // A node syncs meanwhile.
        let sync = try loop.node(["sync"])
        #expect(sync.code == 0, "sync: \(sync.stderr)")

        for connection in slow {
            #expect(connection.waitUntilClosed(), "a slow-loris connection still trickling is closed")
        }
        #expect(trickle.bytesSent > 0)
        for connection in silent {
            #expect(connection.waitUntilClosed(), "a connection that sends nothing is closed")
        }
        #expect(slowBody.waitUntilClosed(), "a request body that does not arrive is given up")
        #expect(keptAlive.waitUntilClosed(), "an idle keep-alive connection is closed")
        #expect(keptAlive.received.hasPrefix("HTTP/1.1 200"), "the kept-alive connection was answered first")
        #expect(RawConnection.healthStatus(port: hub.port) == 200)
    }

    @Test("one address at its share makes room among its own connections: a node behind it syncs")
    func oneAddressCannotHoldTheTable() async throws {
        let loop = Loop()
        let hub = try Self.startHub(
            loop, ["--header-timeout", "600", "--idle-timeout", "600", "--max-connections-per-address", "20"])
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        // From the node's own address, as a host behind the same NAT would.
        let flood = try Self.idle(100, port: hub.port, first: 1, spread: 1)
        #expect(RawConnection.healthStatus(port: hub.port) == 200)
        #expect(eventually { flood.filter { !$0.isClosedByPeer() }.count <= 20 })
        let sync = try loop.node(["sync"])
        #expect(sync.code == 0, "sync: \(sync.stderr)")
        // Another address is not touched by it.
        let other = try Self.idle(10, port: hub.port, first: 60, spread: 1)
        _ = try Self.idle(30, port: hub.port, first: 1, spread: 1)
        #expect(RawConnection.healthStatus(port: hub.port) == 200)
        #expect(other.allSatisfy { !$0.isClosedByPeer() })
    }

    @Test("over TLS: a silent or half-greeting connection is closed at the header deadline; a node syncs",
          .enabled(if: TestCertificates.isAvailable))
    func deadlinesOverTLS() async throws {
        let pki = try TestCertificates()
        let loop = Loop()
        let hub = try Self.startHub(
            loop, ["--header-timeout", "2", "--idle-timeout", "2"],
            tls: HubProcess.TLSFiles(certificate: pki.serverCertificate, key: pki.serverKey))
        defer { hub.stop() }
        _ = try loop.setUpNode(url: hub.url)
        _ = try loop.file()
        let silent = try RawConnection(to: hub.port, from: "127.0.0.2")
        let halfGreeting = try RawConnection(to: hub.port, from: "127.0.0.3")
        // The first bytes of a TLS ClientHello record, then nothing.
        #expect(halfGreeting.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]))
        let sync = try loop.node(["sync", "--ca-file", pki.caCertificate])
        #expect(sync.code == 0, "sync over TLS: \(sync.stderr)")
        #expect(silent.waitUntilClosed())
        #expect(halfGreeting.waitUntilClosed())
        #expect(Self.loggedErrors(loop).isEmpty, "\(Self.loggedErrors(loop))")
    }

    @Test("a cap the descriptor limit cannot hold stops the hub with 78 and what to change")
    func aCapBeyondTheLimitIsRefused() throws {
        let loop = Loop()
        let run = try HubProcess.runToExit(["--db", loop.hubDB, "--port", "0", "--max-connections", "100000000"])
        #expect(run.code == 78, "\(run.stderr)")
        #expect(run.stderr.contains("--max-connections"))
        #expect(run.stderr.contains("RLIMIT_NOFILE"))
        #expect(run.stderr.contains("LimitNOFILE"))
        let perAddress = try HubProcess.runToExit([
            "--db", loop.hubDB, "--port", "0", "--max-connections", "10", "--max-connections-per-address", "11",
        ])
        #expect(perAddress.code == 64, "\(perAddress.stderr)")
        #expect(perAddress.stderr.contains("--max-connections-per-address"))
    }
}

/// Polls `condition` every 100 ms for up to `seconds` (a bound on waiting, not an assertion
/// on time).
func eventually(within seconds: Double = 120, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return condition()
}

/// Sends one byte of a long request head to each connection at every interval, on a thread
/// of its own, until stopped: the slow-loris pattern.
final class SlowLoris: Sendable {
    private let state = Counter()

    var bytesSent: Int { state.sent }

    init(_ connections: [RawConnection], every interval: Duration) {
        let head = Array("GET /v1/health HTTP/1.1\r\nHost: hub\r\nX-Padding: \(String(repeating: "a", count: 4096))\r\n\r\n".utf8)
        let pause = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let state = self.state
        Thread.detachNewThread {
            var offset = 0
            while !state.stopped {
                for connection in connections where !connection.isClosedByPeer() {
                    if connection.send([head[offset]]) { state.count() }
                }
                offset = min(offset + 1, head.count - 5)
                Thread.sleep(forTimeInterval: pause)
            }
        }
    }

    func stop() { state.stop() }

    deinit { state.stop() }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var isStopped = false
        private var bytes = 0

        var stopped: Bool { lock.withLock { isStopped } }
        var sent: Int { lock.withLock { bytes } }
        func stop() { lock.withLock { isStopped = true } }
        func count() { lock.withLock { bytes += 1 } }
    }
}

/// A TCP connection to the hub on loopback from a chosen source address, driven byte by
/// byte with the socket calls (no HTTP client would send a head this slowly).
final class RawConnection: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var closed = false
    private var data: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(to port: Int, from source: String) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        // A connect that the hub's backlog cannot take gives up rather than hangs.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, size) }
        }
        guard bound == 0, connected == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "connecting from \(source) to port \(port) failed: errno \(code)")
        }
    }

    deinit { close(fd) }

    /// Sends `bytes`; false when the hub has closed the connection.
    func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// What the hub sent so far, as text.
    var received: String {
        _ = isClosedByPeer()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }

    /// Whether the hub has closed the connection (end of stream or reset), without waiting;
    /// anything it sent first is kept in `received`.
    func isClosedByPeer() -> Bool {
        lock.withLock {
            if closed { return true }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if count > 0 {
                    data += buffer[0..<count]
                    continue
                }
                if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    closed = true
                }
                return closed
            }
        }
    }

    /// Waits until the hub closes the connection (polling; at most `seconds`).
    func waitUntilClosed(within seconds: Double = 120) -> Bool {
        eventually(within: seconds) { isClosedByPeer() }
    }

    /// `GET /v1/health` on a connection of its own: the status code, or nil if none came.
    static func healthStatus(port: Int) -> Int? {
        guard let connection = try? RawConnection(to: port, from: "127.0.0.1"),
            connection.send(Array("GET /v1/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n".utf8)),
            connection.waitUntilClosed(within: 60)
        else { return nil }
        let text = connection.received
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst("HTTP/1.1 ".count).prefix(3))
    }
}
