import NIOCore

/// Where one connection stands: which part of a request it is reading, whether a request is
/// being answered, whether it ever carried an accepted token. From that follow its next
/// deadline and its `ConnectionStanding` when the hub needs room. Pure: the moments come in
/// with the events, so the tests drive it without a network.
struct ConnectionTimeline: Sendable {
    enum Reading: Sendable, Hashable {
        /// Waiting for a request head to complete: since the accept, or the first byte of a
        /// later request.
        case head(since: NIODeadline)
        /// A head arrived; its body is being read.
        case body(since: NIODeadline)
        /// Between requests: the last one was read whole.
        case between
    }

    /// Why a connection was closed at its deadline.
    enum Expiry: String, Sendable, Hashable {
        case header = "request head not complete in time"
        case body = "request body not complete in time"
        case idle = "idle"
        /// The client stopped taking an answer the hub had finished writing.
        case stalled = "answer not taken"
    }

    let acceptedAt: NIODeadline
    private(set) var reading: Reading
    /// Request heads read whose answer has not been sent to its end (handed to the kernel).
    private(set) var unanswered = 0
    /// Answers sent to their end.
    private(set) var answered = 0
    /// While the hub has written an answer whole and waits for the client to take it: since
    /// when (or since the client last took some of it).
    private(set) var sendingSince: NIODeadline?
    /// Whether a request on this connection carried a token the hub accepted (an answer to a
    /// request with an `Authorization` header that was not 401 or 403).
    private(set) var authenticated = false
    /// The last moment a request was read whole or an answer finished.
    private(set) var quietSince: NIODeadline
    /// For each unanswered request, in order: whether it carried an `Authorization` header.
    private var credentials: [Bool] = []

    init(acceptedAt: NIODeadline) {
        self.acceptedAt = acceptedAt
        reading = .head(since: acceptedAt)
        quietSince = acceptedAt
    }

    /// Bytes arrived (before any decoding, so with TLS too): between requests, the next
    /// request has begun.
    mutating func bytesArrived(at now: NIODeadline) {
        if reading == .between { reading = .head(since: now) }
    }

    mutating func requestHead(withCredentials: Bool, at now: NIODeadline) {
        reading = .body(since: now)
        unanswered += 1
        credentials.append(withCredentials)
    }

    mutating func requestEnd(at now: NIODeadline) {
        reading = .between
        quietSince = now
    }

    /// The head of an answer; informational (1xx) heads are not the answer.
    mutating func responseHead(status: Int) {
        guard status >= 200, !credentials.isEmpty else { return }
        let carried = credentials.removeFirst()
        if carried && status != 401 && status != 403 { authenticated = true }
    }

    /// The hub wrote an answer's end; the client has yet to take what is still buffered.
    mutating func responseWritten(at now: NIODeadline) {
        if unanswered > 0 { sendingSince = now }
    }

    /// The client took some of the buffered answer: its idle time counts from now.
    mutating func sendProgressed(at now: NIODeadline) {
        if sendingSince != nil { sendingSince = now }
    }

    /// An answer's end went out (to the kernel's send buffer).
    mutating func responseEnd(at now: NIODeadline) {
        guard unanswered > 0 else { return }
        unanswered -= 1
        answered += 1
        quietSince = now
        sendingSince = nil
    }

    /// When the connection is closed unless it moves on first, and why; nil while a request
    /// has been read and is being answered (the hub's own work has no deadline here). An
    /// answer written whole but not taken by the client gets the idle timeout, counted from
    /// the last time the client took some of it.
    func deadline(_ limits: ConnectionLimits) -> (at: NIODeadline, expiry: Expiry)? {
        switch reading {
        case .head(let since): return (since + TimeAmount(limits.headerTimeout), .header)
        case .body(let since): return (since + TimeAmount(limits.bodyTimeout), .body)
        case .between:
            if unanswered == 0 { return (quietSince + TimeAmount(limits.idleTimeout), .idle) }
            return sendingSince.map { ($0 + TimeAmount(limits.idleTimeout), .stalled) }
        }
    }

    /// How readily the connection gives way when the hub needs room; nil while a request is
    /// being answered on it, when it never does.
    var standing: ConnectionStanding? {
        guard unanswered == 0 else { return nil }
        if authenticated { return ConnectionStanding(rank: .authenticated, since: quietSince) }
        return ConnectionStanding(rank: .unauthenticated, since: answered == 0 ? acceptedAt : quietSince)
    }
}

/// How readily a connection gives way when the hub's table is full: unauthenticated before
/// authenticated, and within each the one that has been quiet longest first.
struct ConnectionStanding: Sendable, Hashable, Comparable {
    enum Rank: Int, Sendable, Hashable, CaseIterable {
        /// Never carried a token the hub accepted: a fresh connection, one that only asked
        /// `/v1/health`, or one refused with 401.
        case unauthenticated = 0
        /// A node's (or the admin's) connection, between requests.
        case authenticated = 1
    }

    var rank: Rank
    /// Since when it has done nothing: its accept, or the end of its last request or answer.
    var since: NIODeadline

    static func < (a: ConnectionStanding, b: ConnectionStanding) -> Bool {
        (a.rank.rawValue, a.since) < (b.rank.rawValue, b.since)
    }
}
