import Foundation
import Hummingbird
import HummingbirdTesting
@testable import OneThingHub
import OneThingModel
import OneThingWire
import Testing

@Suite("Pull")
struct PullTests {
    @Test("paging with limit 2 over 5 applications gives each exactly once, the cursor advancing", arguments: HubBackend.available)
    func pagingGivesEachOnce(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let entries = try (1...5).map { try SyntheticEntries.newApplication(seq: Int64($0)) }
            _ = try await client.push(entries, fixture: hub)

            var seen: [String] = []
            var cursor: Int64 = 0
            var pages = 0
            while true {
                let page = try await client.pull(after: cursor, limit: 2, fixture: hub)
                pages += 1
                #expect(page.changes.count <= 2)
                if !page.changes.isEmpty { #expect(page.nextCursor > cursor) }
                #expect(page.changes.allSatisfy { $0.cursor > cursor && $0.cursor <= page.nextCursor })
                seen += page.changes.map(\.applicationId)
                cursor = page.nextCursor
                if !page.hasMore { break }
                #expect(pages < 10)
            }
            #expect(pages == 3)
            #expect(seen == (1...5).map { SyntheticEntries.applicationID($0) })

            let empty = try await client.pull(after: cursor, limit: 2, fixture: hub)
            #expect(empty.changes.isEmpty)
            #expect(empty.nextCursor == cursor)
            #expect(!empty.hasMore)
        }
    }

    @Test("each change carries the application's current state, once per page", arguments: HubBackend.available)
    func currentStateOncePerPage(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let pushed = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let number = try #require(pushed.results.first?.provinceNo)
            let decided = try await client.decide(
                number, "household-registration",
                DecisionRequest(decision: .approve, documents: ["resident_id_number": try await hub.newbornID(number)]), fixture: hub)
            #expect(decided.status == .ok)

            let page = try await client.pull(after: 0, fixture: hub)
            #expect(page.changes.count == 1)
            let change = try #require(page.changes.first)
            #expect(change.provinceNo == number)
            #expect(change.cursor == page.nextCursor)
            #expect(change.hubRevision == 2, "the issued resident ID number is a hub revision")
            #expect(change.fields["newborn_id_number"] == (try await hub.newbornID(number)))
            #expect(change.items.first { $0.item == "household-registration" }?.state == .issued)
            #expect(change.items.first { $0.item == "social-security-card" }?.state == .inProgress)
            #expect(change.fields["newborn_name"] != nil)
        }
    }

    @Test("a node sees only its own applications", arguments: HubBackend.available)
    func onlyOwnApplications(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        let otherToken = try await hub.store.addNode("school-2")
        try await hub.app().test(.router) { client in
            _ = try await client.push([try SyntheticEntries.newApplication(seq: 1)], fixture: hub)
            let response = try await client.execute(
                uri: WireProtocol.changesPath(node: "school-2"), method: .get,
                headers: [.authorization: "Bearer \(otherToken)"])
            #expect(response.status == .ok)
            let page = try JSONCodec.decode(ChangesPage.self, from: Data(buffer: response.body))
            #expect(page.changes.isEmpty)
        }
    }

    @Test("the catalogue comes with a page only when the node reports another version", arguments: HubBackend.available)
    func catalogUpdate(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            let same = try await client.pull(after: 0, catalogVersion: hub.catalog.version, fixture: hub)
            #expect(same.catalog == nil)
            let none = try await client.pull(after: 0, fixture: hub)
            #expect(none.catalog == nil)
            let old = try await client.pull(after: 0, catalogVersion: "2020.01-1", fixture: hub)
            let update = try #require(old.catalog)
            #expect(update.version == hub.catalog.version)
            #expect(update.files.map(\.path).contains("catalog.json"))
            #expect(update.files.count == CatalogLoader.embeddedFiles.count)
        }
    }

    @Test("bad paging parameters are refused with 400", arguments: HubBackend.available)
    func badParameters(_ backend: HubBackend) async throws {
        let hub = try await HubFixture(backend)
        try await hub.app().test(.router) { client in
            // catalog_version's maxLength 64 counts code points: 33 accented letters written
            // with combining marks are 66 (and were taken as 33 Characters).
            let overlong = ["catalog_version=" + String(repeating: "a", count: 65), "catalog_version=" + String(repeating: "e%CC%81", count: 33)]
            for query in ["after=-1", "after=abc", "after=9223372036854775808", "limit=0", "limit=1001", "limit=two"] + overlong {
                let response = try await client.execute(
                    uri: WireProtocol.changesPath(node: hub.node) + "?" + query, method: .get, headers: hub.nodeHeaders)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.errorBody().error == "bad_request")
            }
        }
    }
}
