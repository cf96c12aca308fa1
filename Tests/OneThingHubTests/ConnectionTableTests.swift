import NIOCore
import NIOEmbedded
import Testing

@testable import OneThingHub

/// The connection rules without a network: a connection's deadlines and standing from its
/// events (`ConnectionTimeline`), which connection gives way when the hub is full
/// (`ConnectionTable`), the default caps from the descriptor limit, and address keys.
@Suite struct ConnectionTableTests {
    static let limits = ConnectionLimits(
        headerTimeout: .seconds(10), bodyTimeout: .seconds(60), idleTimeout: .seconds(30), maxConnections: 3,
        maxConnectionsPerAddress: 2)

    static func at(_ seconds: Int64) -> NIODeadline { .uptimeNanoseconds(UInt64(1_000 + seconds) * 1_000_000_000) }

    @Test func aConnectionsDeadlinesFollowItsRequests() {
        var timeline = ConnectionTimeline(acceptedAt: Self.at(0))
        // Nothing sent yet: the head is due 10 s after the accept, whatever trickles in.
        #expect(timeline.deadline(Self.limits)?.at == Self.at(10))
        #expect(timeline.deadline(Self.limits)?.expiry == .header)
        timeline.bytesArrived(at: Self.at(4))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(10))
        timeline.requestHead(withCredentials: true, at: Self.at(5))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(65))
        #expect(timeline.deadline(Self.limits)?.expiry == .body)
        // Read whole and being answered: no deadline.
        timeline.requestEnd(at: Self.at(6))
        #expect(timeline.deadline(Self.limits) == nil)
        timeline.responseHead(status: 200)
        timeline.responseEnd(at: Self.at(8))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(38))
        #expect(timeline.deadline(Self.limits)?.expiry == .idle)
        // The first byte of the next request starts its head's deadline.
        timeline.bytesArrived(at: Self.at(20))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(30))
        #expect(timeline.deadline(Self.limits)?.expiry == .header)
    }

    @Test func anAnswerNotTakenGetsTheIdleTimeoutFromItsLastProgress() {
        var timeline = ConnectionTimeline(acceptedAt: Self.at(0))
        timeline.requestHead(withCredentials: true, at: Self.at(1))
        timeline.requestEnd(at: Self.at(1))
        timeline.responseHead(status: 200)
        // Written whole by the hub, still in its buffers: the client must take it.
        timeline.responseWritten(at: Self.at(2))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(32))
        #expect(timeline.deadline(Self.limits)?.expiry == .stalled)
        #expect(timeline.standing == nil)
        timeline.sendProgressed(at: Self.at(31))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(61))
        // Sent: idle from then.
        timeline.responseEnd(at: Self.at(40))
        #expect(timeline.deadline(Self.limits)?.at == Self.at(70))
        #expect(timeline.deadline(Self.limits)?.expiry == .idle)
        #expect(timeline.standing == ConnectionStanding(rank: .authenticated, since: Self.at(40)))
    }

    @Test func standingSaysWhoGivesWay() {
        var timeline = ConnectionTimeline(acceptedAt: Self.at(0))
        #expect(timeline.standing == ConnectionStanding(rank: .unauthenticated, since: Self.at(0)))
        // A slow head is still unauthenticated, since the accept.
        timeline.bytesArrived(at: Self.at(3))
        #expect(timeline.standing == ConnectionStanding(rank: .unauthenticated, since: Self.at(0)))
        timeline.requestHead(withCredentials: true, at: Self.at(4))
        #expect(timeline.standing == nil)
        timeline.requestEnd(at: Self.at(4))
        timeline.responseHead(status: 401)
        #expect(timeline.standing == nil)
        timeline.responseEnd(at: Self.at(5))
        // Refused: unauthenticated, quiet since its answer.
        #expect(timeline.standing == ConnectionStanding(rank: .unauthenticated, since: Self.at(5)))
        timeline.bytesArrived(at: Self.at(6))
        timeline.requestHead(withCredentials: true, at: Self.at(6))
        timeline.requestEnd(at: Self.at(6))
        timeline.responseHead(status: 100)
        timeline.responseHead(status: 200)
        timeline.responseEnd(at: Self.at(7))
        #expect(timeline.standing == ConnectionStanding(rank: .authenticated, since: Self.at(7)))
    }

    @Test func aHealthCheckIsNotAuthentication() {
        var timeline = ConnectionTimeline(acceptedAt: Self.at(0))
        timeline.requestHead(withCredentials: false, at: Self.at(1))
        timeline.requestEnd(at: Self.at(1))
        timeline.responseHead(status: 200)
        timeline.responseEnd(at: Self.at(2))
        #expect(timeline.standing == ConnectionStanding(rank: .unauthenticated, since: Self.at(2)))
    }

    @Test func theQuietestUnauthenticatedConnectionGivesWayFirst() throws {
        let table = ConnectionTable(limits: Self.limits)
        let channels = (0..<6).map { _ in EmbeddedChannel() }
        _ = try Self.admitted(table.admit(channels[0], address: "10.0.0.1", at: Self.at(0)))
        let b = try Self.admitted(table.admit(channels[1], address: "10.0.0.2", at: Self.at(1)))
        let c = try Self.admitted(table.admit(channels[2], address: "10.0.0.3", at: Self.at(2)))
        // b answers a request (never closed to make room), c is a node between requests.
        table.update(b, standing: nil)
        table.update(c, standing: ConnectionStanding(rank: .authenticated, since: Self.at(3)))
        // Full: d takes a's place (unauthenticated, quiet longest).
        let (admission, closing) = table.admit(channels[3], address: "10.0.0.4", at: Self.at(4))
        _ = try Self.admitted((admission, closing))
        #expect(closing.map(ObjectIdentifier.init) == [ObjectIdentifier(channels[0])])
        // e takes d's place: unauthenticated before authenticated, even though c is older.
        let (_, second) = table.admit(channels[4], address: "10.0.0.5", at: Self.at(5))
        #expect(second.map(ObjectIdentifier.init) == [ObjectIdentifier(channels[3])])
        // Then c (the only one left that may go), and then nothing: f is refused.
        table.update(c, standing: ConnectionStanding(rank: .authenticated, since: Self.at(3)))
        let (third, closingThird) = table.admit(channels[5], address: "10.0.0.6", at: Self.at(6))
        #expect(closingThird.map(ObjectIdentifier.init) == [ObjectIdentifier(channels[4])])
        guard case .admitted(let f) = third else {
            Issue.record("f was refused")
            return
        }
        table.update(f, standing: nil)
        let (fourth, closingFourth) = table.admit(EmbeddedChannel(), address: "10.0.0.7", at: Self.at(7))
        #expect(closingFourth.map(ObjectIdentifier.init) == [ObjectIdentifier(channels[2])])
        guard case .admitted(let g) = fourth else {
            Issue.record("g was refused")
            return
        }
        table.update(g, standing: nil)
        let (refused, none) = table.admit(EmbeddedChannel(), address: "10.0.0.8", at: Self.at(8))
        #expect(none.isEmpty)
        guard case .refused(addressFull: false) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
    }

    @Test func anAddressAtItsShareMakesRoomAmongItsOwn() throws {
        let limits = ConnectionLimits(maxConnections: 10, maxConnectionsPerAddress: 2)
        let table = ConnectionTable(limits: limits)
        let other = EmbeddedChannel()
        _ = try Self.admitted(table.admit(other, address: "10.0.0.9", at: Self.at(0)))
        let first = EmbeddedChannel()
        _ = try Self.admitted(table.admit(first, address: "10.0.0.1", at: Self.at(1)))
        let second = try Self.admitted(table.admit(EmbeddedChannel(), address: "10.0.0.1", at: Self.at(2)))
        let (admission, closing) = table.admit(EmbeddedChannel(), address: "10.0.0.1", at: Self.at(3))
        let third = try Self.admitted((admission, closing))
        // Its own oldest, not the other address's older connection.
        #expect(closing.map(ObjectIdentifier.init) == [ObjectIdentifier(first)])
        table.update(second, standing: nil)
        table.update(third, standing: nil)
        let (refused, none) = table.admit(EmbeddedChannel(), address: "10.0.0.1", at: Self.at(4))
        #expect(none.isEmpty)
        guard case .refused(addressFull: true) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        // A closed connection frees its place.
        table.remove(second)
        _ = try Self.admitted(table.admit(EmbeddedChannel(), address: "10.0.0.1", at: Self.at(5)))
    }

    @Test func runningOutOfDescriptorsLowersTheCap() throws {
        let table = ConnectionTable(limits: ConnectionLimits(maxConnections: 100, maxConnectionsPerAddress: 100))
        for second in 0..<20 {
            _ = try Self.admitted(table.admit(EmbeddedChannel(), address: "10.0.0.1", at: Self.at(Int64(second))))
        }
        let (closing, cap) = table.makeRoom()
        #expect(cap == 20 - ConnectionTable.exhaustionMargin)
        #expect(closing.count == ConnectionTable.exhaustionMargin)
        let (_, more) = table.admit(EmbeddedChannel(), address: "10.0.0.2", at: Self.at(30))
        #expect(more.count == 1)
        let (counts, open) = table.takeCounts()
        #expect(open == cap)
        #expect(counts.descriptorsExhausted == 1)
        #expect(counts.madeRoom == ConnectionTable.exhaustionMargin + 1)
    }

    @Test(arguments: [
        (1024, 20, 940), (256, 20, 172), (65_536, 40, DescriptorBudget.ceiling), (64, 30, 8), (4096, 30, 3810),
    ])
    func defaultCapsFollowTheDescriptorLimit(limit: Int, inUse: Int, expected: Int) {
        let budget = DescriptorBudget(limit: limit, inUse: inUse)
        #expect(budget.defaultMaxConnections == expected)
        #expect(budget.defaultMaxConnections + inUse + 1 < limit || expected == 8)
        let limits = ConnectionLimits(maxConnections: budget.defaultMaxConnections)
        #expect(limits.maxConnectionsPerAddress == max(8, expected / 4))
    }

    @Test func addressesAreKeyedByHostOrIPv6Network() throws {
        #expect(ClientAddress.key(try SocketAddress(ipAddress: "192.0.2.7", port: 1)) == "192.0.2.7")
        #expect(ClientAddress.key(try SocketAddress(ipAddress: "2001:db8:1:2:3:4:5:6", port: 1)) == "2001:db8:1:2::/64")
        #expect(ClientAddress.key(try SocketAddress(ipAddress: "2001:db8:1:2:ff::1", port: 1)) == "2001:db8:1:2::/64")
        #expect(ClientAddress.key(try SocketAddress(ipAddress: "::ffff:192.0.2.7", port: 1)) == "192.0.2.7")
        #expect(ClientAddress.key(nil) == "unknown")
    }

    static func admitted(
        _ result: (ConnectionTable.Admission, closing: [any Channel]), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ConnectionTable.ID {
        guard case .admitted(let id) = result.0 else {
            Issue.record("refused", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return id
    }
}
