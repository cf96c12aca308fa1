import Foundation
@testable import OneThingHub
import OneThingExport
import OneThingModel
import OneThingWire
import TestSupport
import Testing

/// The `HubStorage` interface itself, on each database (`HubBackend`): what the protocol
/// and admin suites do not reach through HTTP. Together with the parameterised suites (push,
/// pull, decisions, amendments, merges, held revisions, identity) this is the contract both
/// stores keep.
@Suite("Hub storage contract")
struct StorageContractTests {
    let time = TestMoment.filing.description

    @Test("nodes: added once, listed, rotated (the old token refused at once), revoked, authenticated", arguments: HubBackend.available)
    func nodes(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let store = hub.store
        let token = try await store.addNode("ward-2.fz")
        #expect(token.count >= 32)
        #expect(try await store.authenticate(node: "ward-2.fz", token: token))
        #expect(try await !store.authenticate(node: "ward-2.fz", token: token + "x"))
        #expect(try await !store.authenticate(node: "nobody", token: token))
        await #expect(throws: HubError.nodeExists("ward-2.fz")) { _ = try await store.addNode("ward-2.fz") }
        await #expect(throws: HubError.invalidNodeId("Ward")) { _ = try await store.addNode("Ward") }
        await #expect(throws: HubError.noSuchNode("nobody")) { try await store.revokeNode("nobody") }
        await #expect(throws: HubError.noSuchNode("nobody")) { _ = try await store.rotateNode("nobody") }
        #expect(try await store.nodes().map(\.nodeId) == ["ward-1", "ward-2.fz"])

        let rotated = try await store.rotateNode("ward-2.fz")
        #expect(rotated != token)
        #expect(try await !store.authenticate(node: "ward-2.fz", token: token))
        #expect(try await store.authenticate(node: "ward-2.fz", token: rotated))

        try await store.revokeNode("ward-2.fz")
        #expect(try await !store.authenticate(node: "ward-2.fz", token: rotated))
        #expect(try await store.nodes().last?.revoked == true)
        // Rotating a revoked node makes it active again, with the new token only.
        let again = try await store.rotateNode("ward-2.fz")
        #expect(try await store.authenticate(node: "ward-2.fz", token: again))
    }

    @Test("nodes: the last applied seq is kept per node", arguments: HubBackend.available)
    func lastSeq(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        _ = try await hub.store.addNode("ward-2")
        let entries = try (1...3).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
        _ = try await hub.store.push(node: hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing)
        let seqs = Dictionary(uniqueKeysWithValues: try await hub.store.nodes().map { ($0.nodeId, $0.lastSeq) })
        #expect(seqs == ["ward-1": 3, "ward-2": 0])
    }

    @Test("ratings: stored for the node's own applications, replaced, unknown ones reported", arguments: HubBackend.available)
    func ratings(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let pushed = try await hub.store.push(
            node: hub.node, entries: [try SyntheticEntries.newApplication(seq: 1)], catalog: hub.catalog, at: TestMoment.filing)
        let number = try #require(pushed.results.first?.provinceNo)
        let id = SyntheticEntries.applicationID(1)
        let first = try await hub.store.rate(node: hub.node, [Rating(applicationId: id, score: 4)])
        #expect(first.stored == 1)
        let second = try await hub.store.rate(
            node: hub.node, [Rating(applicationId: id, score: 5), Rating(applicationId: SyntheticEntries.applicationID(9), score: 1)])
        #expect(second.stored == 1)
        #expect(second.unknown == [SyntheticEntries.applicationID(9)])
        #expect(try await hub.store.rating(provinceNo: number) == 5)
        #expect(try await hub.store.application(number).rating == 5)
        _ = try await hub.store.addNode("ward-2")
        #expect(try await hub.store.rate(node: "ward-2", [Rating(applicationId: id, score: 1)]).unknown == [id])
    }

    @Test("items in progress, then decided; the retention purge removes the fields of decided applications only", arguments: HubBackend.available)
    func decidedThenPurged(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let items = ["birth-certificate", "vaccination-certificate"]
        let entries = [
            try SyntheticEntries.newApplication(seq: 1, items: items),
            try SyntheticEntries.entry(
                seq: 2, payload: SyntheticEntries.payload(applicationId: SyntheticEntries.applicationID(2), items: items)),
        ]
        let pushed = try await hub.store.push(node: hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing)
        let numbers = pushed.results.compactMap(\.provinceNo)
        #expect(numbers.count == 2)
        let waiting = try await hub.store.itemsInProgress()
        #expect(waiting.map(\.provinceNo) == [numbers[0], numbers[0], numbers[1], numbers[1]])
        #expect(waiting.first?.bundle == "birth")

        for item in items {
            _ = try await hub.store.decide(provinceNo: numbers[0], item: item, DecisionRequest(decision: .approve), at: time)
        }
        #expect(try await hub.store.itemsInProgress().map(\.provinceNo) == [numbers[1], numbers[1]])
        #expect(try await hub.store.purge(decidedBefore: time, at: time).applications == 0, "decided at the cutoff: kept")
        let later = TestMoment.filing.adding(days: 1).description
        #expect(try await hub.store.purge(decidedBefore: later, at: later).applications == 1)
        #expect(try await hub.store.purge(decidedBefore: later, at: later).applications == 0, "purged once")

        let purged = try await hub.store.application(numbers[0])
        #expect(purged.fields.isEmpty)
        #expect(purged.items.allSatisfy { $0.state == .approved })
        #expect(try await !hub.store.application(numbers[1]).fields.isEmpty)
        let page = try await hub.store.changes(node: hub.node, after: 0, limit: 100, catalog: hub.catalog, nodeCatalogVersion: nil)
        #expect(page.changes.first { $0.provinceNo == numbers[0] }?.purged == true)
        await #expect(throws: HubError.self) {
            _ = try await hub.store.amend(
                provinceNo: numbers[0], fields: ["mother_phone": "13900000009"], officer: "officer-1", catalog: hub.catalog,
                now: TestMoment.filing.civil)
        }
    }

    @Test("export: the applications of the days asked, oldest first, recorded in an append-only audit log", arguments: HubBackend.available)
    func exportIsAudited(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        for (seq, moment) in [(Int64(1), "2026-11-30T23:59+08:00"), (2, "2026-12-01T00:00+08:00")] {
            _ = try await hub.store.push(
                node: hub.node, entries: [try SyntheticEntries.newApplication(seq: seq)], catalog: hub.catalog, at: TestMoment.at(moment))
        }
        let all = try await hub.store.export(ExportFilter(), format: "csv", actor: "stats-1", at: TestMoment.filing)
        #expect(all.map(\.provinceNo) == ["FJ0000000001", "FJ0000000002"])
        #expect(all.first?.filedAt == "2026-11-30T23:59+08:00")
        let audit: [String] = try await hub.store.reading { db in try db.values("SELECT actor FROM audit_log ORDER BY seq") }
        #expect(audit == ["stats-1"])
        await #expect(throws: HubError.self) {
            try await hub.store.writing { db in try db.execute("UPDATE audit_log SET actor = 'someone-else'") }
        }
        await #expect(throws: HubError.self) {
            try await hub.store.writing { db in try db.execute("DELETE FROM audit_log") }
        }
        let after: [String] = try await hub.store.reading { db in try db.values("SELECT actor FROM audit_log ORDER BY seq") }
        #expect(after == ["stats-1"])
    }

    @Test("changes: a page at a time after the cursor, in commit order, each application once at its last cursor", arguments: HubBackend.available)
    func changesPaging(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let entries = try (1...5).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
        let pushed = try await hub.store.push(node: hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing)
        let numbers = pushed.results.compactMap(\.provinceNo)
        _ = try await hub.store.decide(provinceNo: numbers[0], item: "birth-certificate", DecisionRequest(decision: .approve), at: time)
        var cursor: Int64 = 0
        var seen: [String] = []
        var pages = 0
        while true {
            let page = try await hub.store.changes(node: hub.node, after: cursor, limit: 2, catalog: hub.catalog, nodeCatalogVersion: nil)
            #expect(page.changes.map(\.cursor) == page.changes.map(\.cursor).sorted())
            #expect(page.changes.allSatisfy { $0.cursor > cursor })
            seen += page.changes.map(\.provinceNo)
            pages += 1
            #expect(page.nextCursor >= cursor)
            cursor = page.nextCursor
            if !page.hasMore { break }
        }
        #expect(pages == 3)
        #expect(seen == numbers + [numbers[0]], "deduplicated within a page only")
        let state = try await hub.store.state(node: hub.node, seenDatabaseId: nil, ackedSeq: nil, cursor: nil, at: time).state
        #expect(state.newestCursor == cursor)
        #expect(state.lastSeq == 5)
    }
}
