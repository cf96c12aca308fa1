import Foundation
import OneThingModel
import OneThingStore
import OneThingSync
import OneThingWire
import TestSupport
import Testing

/// The engine's reactions to a hub database that is not the one it synced with, and to a
/// seq the hub holds under another entry (scripted hub double; the end-to-end restores on
/// the real binaries are in EndToEndTests/RestoreTests).
@Suite("Sync engine: restores (scripted hub double)")
struct SyncRecoveryTests {
    func makeStore(_ dir: TemporaryDirectory, filing count: Int = 3) throws -> NodeStore {
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        for _ in 0..<count { try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        return store
    }

    func engine(_ store: NodeStore, _ hub: ScriptedHub) -> SyncEngine {
        var options = SyncOptions()
        options.retryBudgetSeconds = 0
        return SyncEngine(
            store: store, transport: hub, nodeId: "ward-1", token: "test-token-0123456789", catalogVersion: "2026.11-1",
            options: options, clock: .fixed(TestMoment.filing))
    }

    static func acceptOrPage(_ request: HTTPRequest) -> HTTPResponse {
        request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage
    }

    @Test("the first sync remembers the hub's identity and reports nothing")
    func firstContact() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in Self.acceptOrPage(request) }
        let report = try await engine(store, hub).run()
        #expect(report.hubRecovery == nil && report.nodeBehindHub == nil)
        #expect(try store.hubIdentity().databaseId == ScriptedHub.defaultState.databaseId)
        #expect(hub.stateRequests.first?.path.contains("database_id") == false, "a node that never synced names no identity")
    }

    @Test("another identity: what the hub lacks (after its last seq) is sent again under the same keys, and the pull starts from 0")
    func hubRestored() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in Self.acceptOrPage(request) }
        _ = try await engine(store, hub).run()
        let firstKeys = hub.pushes.flatMap(\.entries).map(\.idempotencyKey)
        #expect(firstKeys.count == 3)
        // The hub comes back from a backup that holds seq 1 only.
        hub.setState(HubState(databaseId: String(repeating: "b", count: 32), lastSeq: 1, newestCursor: 0))
        let before = hub.pushes.count
        let report = try await engine(store, hub).run()
        #expect(report.hubRecovery?.resent == 2)
        let resent = hub.pushes.dropFirst(before).flatMap(\.entries)
        #expect(resent.map(\.seq) == [2, 3])
        #expect(resent.map(\.idempotencyKey) == Array(firstKeys.dropFirst()))
        #expect(hub.requests.last { $0.method == "GET" }?.path.contains("after=0") == true, "pulled again from the start")
        #expect(try store.hubIdentity().databaseId == String(repeating: "b", count: 32))
        #expect(try store.pendingCount() == 0)
        // The next run recovers nothing again.
        let quiet = try await engine(store, hub).run()
        #expect(quiet.hubRecovery == nil)
    }

    @Test("the same identity, or a hub without the state endpoint: nothing is sent again")
    func noRecovery() async throws {
        for state in [ScriptedHub.defaultState, nil] as [HubState?] {
            let dir = TemporaryDirectory()
            let store = try makeStore(dir)
            let hub = ScriptedHub(state: state) { request, _ in Self.acceptOrPage(request) }
            _ = try await engine(store, hub).run()
            let before = hub.pushes.count
            let report = try await engine(store, hub).run()
            #expect(report.hubRecovery == nil)
            #expect(hub.pushes.count == before)
        }
    }

    @Test("seq_reused: the entry and every unsent one after it are renumbered past the hub's seqs and sent, never quarantined")
    func seqReusedRenumbers() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, index in
            guard request.method == "POST", let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }),
                let first = push.entries.first
            else { return ScriptedHub.emptyPage }
            if first.seq < 10 {
                // The hub holds seqs 1...9 under other entries: it stops at the first.
                return ScriptedHub.json(PushResponse(
                    results: [PushResult(seq: first.seq, idempotencyKey: first.idempotencyKey, status: .rejected, reasonCode: .seqReused, expectedSeq: 10)],
                    lastAppliedSeq: 9))
            }
            return ScriptedHub.accept(request)
        }
        let claimed = try store.claimBatch(limit: 10, at: TestMoment.filing)
        let keys = claimed.map(\.idempotencyKey)
        try store.requeue(claimed.map(\.seq), at: TestMoment.filing)
        let report = try await engine(store, hub).run()
        #expect(report.renumbered == 3)
        #expect(report.rejected == 0)
        let accepted = hub.pushes.flatMap(\.entries).filter { $0.seq >= 10 }
        #expect(accepted.map(\.seq) == [10, 11, 12])
        #expect(accepted.map(\.idempotencyKey) == keys, "same keys, same order")
        #expect(try store.pendingCount() == 0)
        #expect(try store.queueStatus().outbox["quarantined"] == 0)
        #expect(try store.applications().allSatisfy { $0.provinceNo != nil })
    }
}
