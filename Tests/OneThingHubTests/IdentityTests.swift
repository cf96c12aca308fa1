import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// The hub database's identity and the rule that renews it: a node that saw THIS database
/// and knows more than it holds (an acknowledged seq beyond the node's last applied seq, or
/// a pull cursor beyond the newest change) shows that the database went back in time. Each
/// condition is tested on its own, at its boundary on both sides.
@Suite("Hub database identity (restores)")
struct IdentityTests {
    let time = TestMoment.filing.description

    /// A hub holding two applications of the node (seqs 1 and 2, changes 1 and 2).
    func hubWithTwo(_ backend: HubBackend = .sqlite) async throws -> HubFixture {
        let hub = try await HubFixture(backend)
        let response = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 1), try SyntheticEntries.newApplication(seq: 2)],
            catalog: hub.catalog, at: TestMoment.filing)
        #expect(response.lastAppliedSeq == 2)
        return hub
    }

    @Test(arguments: HubBackend.available) func aFirstContactLearnsTheIdentityAndChangesNothing(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let id = try await hub.store.databaseId()
        #expect(HubState.isDatabaseId(id))
        let (state, renewed) = try await hub.store.state(node: hub.node, seenDatabaseId: nil, ackedSeq: 99, cursor: 99, at: time)
        #expect(!renewed && state.databaseId == id, "a node that never saw this database proves nothing")
        #expect(state.lastSeq == 2 && state.newestCursor >= 2)
    }

    @Test(arguments: [(2, false), (3, true)] as [(Int64, Bool)])
    func anAcknowledgedSeqBeyondTheLastApplied(acked: Int64, renews: Bool) async throws {
        let hub = try await hubWithTwo()
        let id = try await hub.store.databaseId()
        let (state, renewed) = try await hub.store.state(node: hub.node, seenDatabaseId: id, ackedSeq: acked, cursor: 0, at: time)
        #expect(renewed == renews)
        #expect((state.databaseId != id) == renews)
    }

    @Test(arguments: HubBackend.available) func aCursorBeyondTheNewestChange(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let id = try await hub.store.databaseId()
        let newest = try await hub.store.state(node: hub.node, seenDatabaseId: id, ackedSeq: nil, cursor: nil, at: time).state.newestCursor
        let atNewest = try await hub.store.state(node: hub.node, seenDatabaseId: id, ackedSeq: 2, cursor: newest, at: time)
        #expect(!atNewest.renewed)
        let beyond = try await hub.store.state(node: hub.node, seenDatabaseId: id, ackedSeq: 2, cursor: newest + 1, at: time)
        #expect(beyond.renewed && beyond.state.databaseId != id)
    }

    @Test(arguments: HubBackend.available) func aNodeThatSawAnotherIdentityTriggersNothing(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let id = try await hub.store.databaseId()
        let other = String(repeating: "a", count: 32)
        let (state, renewed) = try await hub.store.state(node: hub.node, seenDatabaseId: other, ackedSeq: 50, cursor: 50, at: time)
        #expect(!renewed && state.databaseId == id, "once renewed, the other nodes' old knowledge renews nothing again")
    }

    @Test(arguments: HubBackend.available) func aRenewalStartsProvinceNumbersInAFreshBlock(_ backend: HubBackend) async throws {
        let hub = try await hubWithTwo(backend)
        let numbers = try await hub.store.applications().map(\.provinceNo)
        #expect(numbers.sorted() == ["FJ0000000001", "FJ0000000002"])
        _ = try await hub.store.renewIdentity(reason: "test", at: time)
        let response = try await hub.store.push(node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 3)], catalog: hub.catalog, at: TestMoment.filing)
        #expect(response.results.first?.provinceNo == "FJ0010000001")
    }

    @Test("the state endpoint: authenticated, names the identity in a header, refuses a malformed database_id")
    func endpoint() async throws {
        let hub = try await hubWithTwo()
        let id = try await hub.store.databaseId()
        try await hub.app().test(.router) { client in
            let path = WireProtocol.statePath(node: hub.node)
            let answer = try await client.execute(uri: path + "?database_id=\(id)&acked_seq=2&cursor=0", method: .get, headers: hub.nodeHeaders)
            #expect(answer.status == .ok)
            #expect(answer.headers[HTTPField.Name(HubState.databaseHeader)!] == id)
            let state = try JSONCodec.decode(HubState.self, from: Data(buffer: answer.body))
            #expect(state == HubState(databaseId: id, lastSeq: 2, newestCursor: state.newestCursor))
            let bad = try await client.execute(uri: path + "?database_id=XYZ", method: .get, headers: hub.nodeHeaders)
            #expect(bad.status == .badRequest)
            let anonymous = try await client.execute(uri: path, method: .get, headers: [:])
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("a seq taken by another entry stops the batch and names the next free seq")
    func seqReusedStopsTheBatch() async throws {
        let hub = try await hubWithTwo()
        let reused = try SyntheticEntries.entry(seq: 2, payload: SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(7)))
        let response = try await hub.store.push(
            node: hub.node, entries: [reused, try SyntheticEntries.newApplication(seq: 3)], catalog: hub.catalog, at: TestMoment.filing)
        #expect(response.results.count == 1, "nothing after the reused seq is applied")
        #expect(response.results.first?.reasonCode == .seqReused)
        #expect(response.results.first?.expectedSeq == 3)
        #expect(response.lastAppliedSeq == 2)
    }
}
