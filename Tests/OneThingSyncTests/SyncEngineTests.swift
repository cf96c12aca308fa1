import Foundation
import OneThingModel
import OneThingStore
import OneThingSync
import OneThingWire
import TestSupport
import Testing

@Suite("Sync engine reactions (scripted hub double)")
struct SyncEngineTests {
    func makeStore(_ dir: TemporaryDirectory, filing count: Int = 3) throws -> NodeStore {
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        for _ in 0..<count { try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        return store
    }

    func engine(
        _ store: NodeStore, _ hub: ScriptedHub, budget: Double = 0, batch: Int = 250,
        elapsed: VirtualElapsedClock = VirtualElapsedClock()
    ) -> SyncEngine {
        var options = SyncOptions()
        options.retryBudgetSeconds = budget
        options.retryBaseSeconds = 0.01
        options.batchSize = batch
        return SyncEngine(
            store: store, transport: hub, nodeId: "ward-1", token: "test-token-0123456789", catalogVersion: "2026.11-1",
            options: options, clock: .fixed(TestMoment.filing), elapsed: elapsed)
    }

    @Test("a clean run pushes everything, marks it accepted and pulls once")
    func cleanRun() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage }
        let report = try await engine(store, hub).run()
        #expect(report.pushed == 3)
        #expect(report.accepted == 3)
        #expect(try store.pendingCount() == 0)
        #expect(try store.applications().allSatisfy { $0.state == .accepted && $0.provinceNo?.hasPrefix("FJ") == true })
        #expect(hub.requests.allSatisfy { $0.headers["Authorization"] == "Bearer test-token-0123456789" })
        #expect(hub.requests.first?.compressBody == true)
        #expect(try store.queueStatus().lastSuccessAt == TestMoment.filing)
    }

    @Test("a response lost on the way back: the same entries are re-sent with the same keys")
    func lostResponse() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, index throws(TransportError) in
            if index == 0 { throw .unreachable(host: "127.0.0.1", detail: "connection reset") }
            return request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage
        }
        _ = try await engine(store, hub, budget: 5).run()
        let pushes = hub.pushes
        #expect(pushes.count == 2)
        #expect(pushes[0].entries.map(\.idempotencyKey) == pushes[1].entries.map(\.idempotencyKey))
        #expect(pushes[0].entries.map(\.payloadSHA256) == pushes[1].entries.map(\.payloadSHA256))
        #expect(try store.pendingCount() == 0)
    }

    @Test("an unreachable hub after the budget: temporary failure, everything kept, error recorded")
    func unreachable() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { _, _ throws(TransportError) in throw .unreachable(host: "127.0.0.1", detail: "refused") }
        await #expect(throws: SyncError.self) { try await engine(store, hub, budget: 0.2).run() }
        #expect(hub.requests.count >= 2)  // retried within the budget
        #expect(try store.pendingCount() == 3)
        #expect(try store.queueStatus().lastError?.contains("127.0.0.1") == true)
        #expect(try store.queueStatus().lastSuccessAt == nil)
    }

    @Test("401 is a refusal, not retried")
    func refused() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { _, _ in ScriptedHub.json(ErrorBody(error: "unauthorized", message: "Unknown token."), status: 401) }
        do {
            _ = try await engine(store, hub, budget: 5).run()
            Issue.record("expected a refusal")
        } catch {
            guard error.code == .hubRefused, let status = error.status else { Issue.record("got \(error)"); return }
            #expect(status == 401)
        }
        #expect(hub.requests.count == 1)
        #expect(try store.pendingCount() == 3)
    }

    @Test("a push refused as malformed (a hub of protocol 1 reading protocol 2) keeps everything and says to upgrade the hub")
    func olderHubRefusesTheBatch() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in
            guard request.path.contains("/push") else { return HTTPResponse(status: 404) }
            return ScriptedHub.json(
                ErrorBody(error: "bad_request", message: "The request body is not a valid push request: expected \" (at byte 160); nothing was applied."),
                status: 400)
        }
        do {
            _ = try await engine(store, hub, budget: 5).run()
            Issue.record("expected a protocol violation")
        } catch {
            guard error.code == .protocolViolation, let text = error.detail else { Issue.record("got \(error)"); return }
            #expect(text.contains("HTTP 400") && text.contains("upgrade onething-hub first"), "\(text)")
        }
        #expect(try store.pendingCount() == 3)
    }

    @Test("5xx is retried, then succeeds")
    func serverErrorThenSuccess() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, index in
            if index < 2 { return HTTPResponse(status: 503) }
            return request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage
        }
        let report = try await engine(store, hub, budget: 120).run()
        #expect(report.accepted == 3)
    }

    @Test("503 with Retry-After: the node waits at least that long before trying again")
    func retryAfterHonoured() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, index in
            if index == 0 { return HTTPResponse(status: 503, headers: ["retry-after": "1"]) }
            return request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage
        }
        let elapsed = VirtualElapsedClock()
        let report = try await engine(store, hub, budget: 30, elapsed: elapsed).run()
        #expect(report.accepted == 3)
        // The retry came after the wait the hub asked for (the backoff alone, with a base of
        // 10 ms, would have retried within milliseconds), and not much later.
        #expect(elapsed.waited >= .seconds(1))
        #expect(elapsed.waited <= .milliseconds(1_010))
    }

    @Test("503 asking for a longer wait than the retry budget: the run ends at once with everything kept")
    func retryAfterBeyondBudget() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { _, _ in HTTPResponse(status: 503, headers: ["retry-after": "20"]) }
        await #expect(throws: SyncError.self) { try await engine(store, hub, budget: 2).run() }
        #expect(hub.requests.count == 1)
        #expect(try store.pendingCount() == 3)
    }

    @Test("a garbage answer keeps every entry for the next run")
    func garbage() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { _, _ in HTTPResponse(status: 200, body: Data("<html>proxy error</html>".utf8)) }
        do {
            _ = try await engine(store, hub).run()
            Issue.record("expected a protocol violation")
        } catch {
            guard error.code == .protocolViolation else { Issue.record("got \(error)"); return }
        }
        #expect(try store.pendingCount() == 3)
        #expect(try store.applications().allSatisfy { $0.provinceNo == nil })
    }

    @Test("a rejected entry is quarantined with its reason and does not block the next")
    func rejectedDoesNotBlock() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in
            guard request.method == "POST", let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }) else {
                return ScriptedHub.emptyPage
            }
            let results = push.entries.enumerated().map { index, entry in
                index == 0
                    ? PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .rejected, reason: "The bundle is unknown.", reasonCode: .unknownBundle)
                    : PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted, provinceNo: "FJ\(entry.seq)", hubRevision: 1)
            }
            return ScriptedHub.json(PushResponse(results: results, lastAppliedSeq: push.entries.last?.seq ?? 0))
        }
        let report = try await engine(store, hub).run()
        #expect(report.rejected == 1)
        #expect(report.accepted == 2)
        let apps = try store.applications()
        #expect(apps.filter { $0.state == .quarantined }.count == 1)
        #expect(apps.filter { $0.state == .accepted }.count == 2)
        let quarantined = try #require(apps.first { $0.state == .quarantined })
        #expect(try store.application(id: quarantined.id).stateReason == "The bundle is unknown.")
        #expect(try store.pendingCount() == 0)
    }

    @Test("a 413 halves the batch until it fits")
    func tooLarge() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 4)
        let hub = ScriptedHub { request, _ in
            guard request.method == "POST" else { return ScriptedHub.emptyPage }
            let count = request.body.flatMap { try? JSONCodec.decode(PushRequest.self, from: $0) }?.entries.count ?? 0
            return count > 1 ? HTTPResponse(status: 413) : ScriptedHub.accept(request)
        }
        let report = try await engine(store, hub, batch: 4).run()
        #expect(report.accepted == 4)
        #expect(hub.pushes.map(\.entries.count) == [4, 2, 1, 1, 1, 1])
    }

    @Test("a sequence gap stops the run and keeps the entries")
    func gap() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir)
        let hub = ScriptedHub { request, _ in
            guard let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }), let first = push.entries.first else {
                return ScriptedHub.emptyPage
            }
            return ScriptedHub.json(PushResponse(
                results: [PushResult(seq: first.seq, idempotencyKey: first.idempotencyKey, status: .gap, expectedSeq: 99)],
                lastAppliedSeq: 98))
        }
        do {
            _ = try await engine(store, hub).run()
            Issue.record("expected a protocol violation")
        } catch {
            guard error.code == .protocolViolation, let text = error.detail else { Issue.record("got \(error)"); return }
            #expect(text.contains("99"))
        }
        #expect(try store.pendingCount() == 3)
    }

    @Test("pull applies decisions and moves the cursor; a cursor going back is refused")
    func pull() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 1)
        let id = try #require(try store.applications().first?.id)
        let change = ApplicationChange(
            cursor: 7, applicationId: id, provinceNo: "FJ0000000001", hubRevision: 1,
            items: [ItemDecision(item: "birth-certificate", state: .approved),
                    ItemDecision(item: "household-registration", state: .issued, documents: ["resident_id_number": "350102202611200011"])],
            fields: [:])
        let hub = ScriptedHub { request, _ in
            if request.method == "POST" { return ScriptedHub.accept(request) }
            if request.path.contains("after=0") {
                return ScriptedHub.json(ChangesPage(changes: [change], nextCursor: 7, hasMore: true))
            }
            return ScriptedHub.json(ChangesPage(changes: [], nextCursor: 7, hasMore: false))
        }
        let report = try await engine(store, hub).run()
        #expect(report.pages == 2)
        #expect(try store.pullCursor() == 7)
        let items = try store.application(id: id).summary.items
        #expect(items.first { $0.item == "birth-certificate" }?.state == .approved)
        #expect(items.first { $0.item == "household-registration" }?.documents?["resident_id_number"] == "350102202611200011")

        let backwards = ScriptedHub { request, _ in
            request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.json(ChangesPage(changes: [], nextCursor: 3, hasMore: false))
        }
        await #expect(throws: SyncError.self) { try await engine(store, backwards).run() }
        #expect(try store.pullCursor() == 7)
    }

    @Test("pages fetched ahead: every page applied in order; a failed fetch ahead keeps the pages applied before it")
    func pullAhead() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 3)
        let ids = try store.applications().map(\.id)
        @Sendable func page(_ index: Int, more: Bool) -> HTTPResponse {
            let change = ApplicationChange(
                cursor: Int64(index + 1), applicationId: ids[index], provinceNo: "FJ990000000\(index + 1)", hubRevision: 1,
                items: [ItemDecision(item: "birth-certificate", state: .approved)], fields: [:])
            return ScriptedHub.json(ChangesPage(changes: [change], nextCursor: Int64(index + 1), hasMore: more))
        }
        let hub = ScriptedHub { request, _ in
            if request.method == "POST" { return ScriptedHub.accept(request) }
            for index in 0..<3 where request.path.contains("after=\(index)&") { return page(index, more: index < 2) }
            return ScriptedHub.emptyPage
        }
        let report = try await engine(store, hub).run()
        #expect(report.pages == 3)
        #expect(report.changes == 3)
        #expect(try store.pullCursor() == 3)
        let gets = hub.requests.filter { $0.method == "GET" }.map(\.path)
        #expect(gets.count == 3 && gets.indices.allSatisfy { gets[$0].contains("after=\($0)&") }, "\(gets)")

        // The third page cannot be fetched: the first two stay applied, the cursor with them.
        let dir2 = TemporaryDirectory()
        let store2 = try makeStore(dir2, filing: 3)
        let ids2 = try store2.applications().map(\.id)
        let failing = ScriptedHub { request, _ in
            if request.method == "POST" { return ScriptedHub.accept(request) }
            if request.path.contains("after=2&") { return HTTPResponse(status: 503, headers: ["retry-after": "30"]) }
            for index in 0..<2 where request.path.contains("after=\(index)&") {
                let change = ApplicationChange(
                    cursor: Int64(index + 1), applicationId: ids2[index], provinceNo: "FJ990000000\(index + 1)", hubRevision: 1,
                    items: [ItemDecision(item: "birth-certificate", state: .approved)], fields: [:])
                return ScriptedHub.json(ChangesPage(changes: [change], nextCursor: Int64(index + 1), hasMore: true))
            }
            return ScriptedHub.emptyPage
        }
        await #expect(throws: SyncError.self) { try await engine(store2, failing, budget: 1).run() }
        #expect(try store2.pullCursor() == 2)
        let approved = try ids2.prefix(2).map { try store2.application(id: $0).summary.items.first { $0.item == "birth-certificate" }?.state }
        #expect(approved == [.approved, .approved])
    }

    @Test("batches prepared ahead: sent one at a time in seq order, none skipped, every entry answered once")
    func pushAhead() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 7)
        let hub = ScriptedHub { request, _ in request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage }
        let report = try await engine(store, hub, batch: 2).run()
        #expect(report.accepted == 7)
        #expect(hub.pushes.map { $0.entries.map(\.seq) } == [[1, 2], [3, 4], [5, 6], [7]])
        #expect(try store.pendingCount() == 0)
    }

    @Test("an answer covering part of a batch: the rest is sent next, before the batch prepared ahead")
    func partialAnswer() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 5)
        let hub = ScriptedHub { request, _ in
            guard request.method == "POST" else { return ScriptedHub.emptyPage }
            guard let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }), let first = push.entries.first
            else { return HTTPResponse(status: 400) }
            // Only the first entry of each batch is answered.
            return ScriptedHub.json(PushResponse(
                results: [PushResult(seq: first.seq, idempotencyKey: first.idempotencyKey, status: .accepted,
                                     provinceNo: String(format: "FJ%010d", first.seq), hubRevision: 1)],
                lastAppliedSeq: first.seq))
        }
        let report = try await engine(store, hub, batch: 2).run()
        #expect(report.accepted == 5)
        #expect(hub.pushes.compactMap { $0.entries.first?.seq } == [1, 2, 3, 4, 5])
        #expect(try store.pendingCount() == 0)
    }

    @Test("a province number the node holds for another application: a clear protocol error, nothing of the answer recorded")
    func provinceNumberTaken() async throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(dir, filing: 2)
        let first = ScriptedHub { request, _ in request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.emptyPage }
        _ = try await engine(store, first, batch: 1).run()
        try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing)
        // A hub restored from an older backup numbers the third application FJ0000000001 again.
        let restored = ScriptedHub { request, _ in
            guard request.method == "POST", let push = request.body.flatMap({ try? JSONCodec.decode(PushRequest.self, from: $0) }),
                let entry = push.entries.first
            else { return ScriptedHub.emptyPage }
            return ScriptedHub.json(PushResponse(
                results: [PushResult(seq: entry.seq, idempotencyKey: entry.idempotencyKey, status: .accepted,
                                     provinceNo: "FJ0000000001", hubRevision: 1)],
                lastAppliedSeq: entry.seq))
        }
        do {
            _ = try await engine(store, restored).run()
            Issue.record("expected a protocol violation")
        } catch {
            guard error.code == .protocolViolation, let text = error.detail else { Issue.record("got \(error)"); return }
            #expect(text.contains("FJ0000000001") && text.contains("backup"), "\(text)")
        }
        #expect(try store.pendingCount() == 1, "the third application stays queued for the next run")
    }

    @Test("a second run while the lock is held is refused at once")
    func lock() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let first = try SyncLock(databasePath: path)
        #expect(throws: SyncError.self) { try SyncLock(databasePath: path) }
        withExtendedLifetime(first) {}
    }
}
