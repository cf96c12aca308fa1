import NIOCore
import Synchronization

/// Every connection the hub has open, by client address, and the decision on each new one.
///
/// Why it works this way: the descriptor table is the scarce thing, and a connection costs
/// one whether it carries a node's push or nothing at all. A share reserved for nodes would
/// sit unused most of the time and still be refused to a node once it was spent; instead the
/// whole table is used, and when it is full a new connection takes the place of the open
/// connection that has done least:
///
/// 1. A connection on which a request is being answered is never closed to make room: no
///    node loses an answer it is waiting for.
/// 2. First to go are connections that never carried a token the hub accepted (fresh ones
///    that sent nothing or a trickle, ones that only asked `/v1/health` or were refused 401),
///    the one quiet longest first; then authenticated connections idle between requests,
///    again the one idle longest first. A node whose idle keep-alive connection is closed
///    loses nothing: its next request opens a new one.
/// 3. When a client address holds its share (`maxConnectionsPerAddress`), its new
///    connection takes the place of one of its own, by the same order, so one host's flood
///    closes its own connections and not other nodes'.
/// 4. Only when every connection is answering a request is the new one closed at once; the
///    node retries within its retry budget, and the next cron run after it.
///
/// A node that connects during a flood is therefore accepted, and its connection, which
/// sends its request at once, is answered; the flood's connections, which never complete a
/// request, are the ones that make room, and the deadlines (`ConnectionLimits`) close those
/// the cap has not reached.
final class ConnectionTable: Sendable {
    typealias ID = UInt64

    enum Admission {
        case admitted(ID)
        /// Every connection (of the address) is answering a request.
        case refused(addressFull: Bool)
    }

    /// What the table closed or refused since the last report, for the hub's log.
    struct Counts: Sendable, Hashable {
        var admitted = 0
        var refused = 0
        var madeRoom = 0
        var expired: [ConnectionTimeline.Expiry: Int] = [:]
        var descriptorsExhausted = 0

        var isEmpty: Bool { self == Counts() }
    }

    private struct Entry {
        let channel: any Channel
        let address: String
        var standing: ConnectionStanding?
        /// Bumped at every change of standing: queue entries with an older stamp are stale.
        var stamp: UInt64 = 0
    }

    /// Open connections in the order they became quiet, one queue per rank. Entries are
    /// appended at each change of standing and skipped when stale, so finding the next
    /// connection to close costs no scan of the table.
    private struct Queue {
        var items: [(id: ID, stamp: UInt64)] = []
        var head = 0

        var count: Int { items.count - head }

        mutating func append(_ id: ID, _ stamp: UInt64) { items.append((id, stamp)) }

        mutating func compact(keeping isCurrent: ((id: ID, stamp: UInt64)) -> Bool) {
            items = items[head...].filter(isCurrent)
            head = 0
        }
    }

    private struct State {
        /// `limits.maxConnections`, lowered if the process runs out of descriptors anyway.
        var maxConnections: Int
        var entries: [ID: Entry] = [:]
        var byAddress: [String: Set<ID>] = [:]
        var queues = Array(repeating: Queue(), count: ConnectionStanding.Rank.allCases.count)
        var nextID: ID = 0
        var counts = Counts()
    }

    let limits: ConnectionLimits
    private let state: Mutex<State>
    /// Where refusals and connections closed to make room are counted for `GET /metrics`.
    private let metrics: HubMetrics?

    init(limits: ConnectionLimits, metrics: HubMetrics? = nil) {
        self.limits = limits
        self.metrics = metrics
        state = Mutex(State(maxConnections: limits.maxConnections))
    }

    /// Connections open now.
    var openCount: Int { state.withLock { $0.entries.count } }

    /// Decides on a connection just accepted. When it is admitted, the connections returned
    /// in `closing` make room for it; the caller closes them (outside the table's lock).
    func admit(_ channel: any Channel, address: String, at now: NIODeadline) -> (Admission, closing: [any Channel]) {
        let limits = self.limits
        return state.withLock { state in
            var closing: [any Channel] = []
            if let own = state.byAddress[address], own.count >= limits.maxConnectionsPerAddress {
                let victim = own.compactMap { id in state.entries[id]?.standing.map { (id, $0) } }.min { $0.1 < $1.1 }
                guard let (id, _) = victim, let channel = Self.remove(id, from: &state) else {
                    state.counts.refused += 1
                    metrics?.connectionRefused(addressFull: true)
                    return (.refused(addressFull: true), [])
                }
                closing.append(channel)
                state.counts.madeRoom += 1
                metrics?.connectionClosedForRoom()
            }
            if state.entries.count >= state.maxConnections {
                guard let channel = Self.closeQuietest(in: &state) else {
                    state.counts.refused += 1
                    metrics?.connectionRefused(addressFull: false)
                    return (.refused(addressFull: false), closing)
                }
                closing.append(channel)
                state.counts.madeRoom += 1
                metrics?.connectionClosedForRoom()
            }
            let id = state.nextID
            state.nextID += 1
            let standing = ConnectionStanding(rank: .unauthenticated, since: now)
            state.entries[id] = Entry(channel: channel, address: address, standing: standing)
            state.byAddress[address, default: []].insert(id)
            state.queues[standing.rank.rawValue].append(id, 0)
            state.counts.admitted += 1
            return (.admitted(id), closing)
        }
    }

    /// A connection's standing changed (nil: it is answering a request).
    func update(_ id: ID, standing: ConnectionStanding?) {
        state.withLock { state in
            guard var entry = state.entries[id] else { return }
            entry.stamp += 1
            entry.standing = standing
            state.entries[id] = entry
            guard let standing else { return }
            state.queues[standing.rank.rawValue].append(id, entry.stamp)
            let rank = standing.rank.rawValue
            if state.queues[rank].count > 2 * state.entries.count + 64 {
                let entries = state.entries
                state.queues[rank].compact { item in
                    entries[item.id].map { $0.stamp == item.stamp && $0.standing?.rank == standing.rank } ?? false
                }
            }
        }
    }

    /// The connection closed (for whatever reason).
    func remove(_ id: ID) {
        state.withLock { state in _ = Self.remove(id, from: &state) }
    }

    /// The process ran out of descriptors (something besides connections took more than the
    /// reserve, or the limit was lowered while the hub ran): the cap comes down to a little
    /// under the connections open now, for good, and the quietest connections that may be
    /// closed are returned for closing down to it. Returns them and the new cap.
    func makeRoom() -> (closing: [any Channel], maxConnections: Int) {
        state.withLock { state in
            state.counts.descriptorsExhausted += 1
            state.maxConnections = max(1, min(state.maxConnections, state.entries.count - Self.exhaustionMargin))
            var closing: [any Channel] = []
            while state.entries.count > state.maxConnections, let channel = Self.closeQuietest(in: &state) {
                closing.append(channel)
            }
            state.counts.madeRoom += closing.count
            return (closing, state.maxConnections)
        }
    }

    /// How far under the connections open the cap comes down when descriptors run out.
    static let exhaustionMargin = 8

    func noteExpired(_ expiry: ConnectionTimeline.Expiry) {
        state.withLock { $0.counts.expired[expiry, default: 0] += 1 }
    }

    /// What happened since the last call, and the connections open now.
    func takeCounts() -> (counts: Counts, open: Int) {
        state.withLock { state in
            defer { state.counts = Counts() }
            return (state.counts, state.entries.count)
        }
    }

    private static func closeQuietest(in state: inout State) -> (any Channel)? {
        for rank in ConnectionStanding.Rank.allCases {
            let r = rank.rawValue
            while state.queues[r].count > 0 {
                let item = state.queues[r].items[state.queues[r].head]
                state.queues[r].head += 1
                if state.queues[r].head > 4096 && state.queues[r].head * 2 > state.queues[r].items.count {
                    state.queues[r].compact { _ in true }
                }
                guard let entry = state.entries[item.id], entry.stamp == item.stamp, entry.standing?.rank == rank
                else { continue }
                return remove(item.id, from: &state)
            }
            state.queues[r].compact { _ in true }
        }
        return nil
    }

    private static func remove(_ id: ID, from state: inout State) -> (any Channel)? {
        guard let entry = state.entries.removeValue(forKey: id) else { return nil }
        state.byAddress[entry.address]?.remove(id)
        if state.byAddress[entry.address]?.isEmpty == true {
            state.byAddress[entry.address] = nil
        }
        return entry.channel
    }
}
