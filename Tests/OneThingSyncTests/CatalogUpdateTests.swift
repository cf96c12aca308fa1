import Foundation
import OneThingModel
import OneThingStore
import OneThingSync
import OneThingWire
import TestSupport
import Testing

@Suite("Catalogue updates pulled from the hub (scripted hub double)")
struct CatalogUpdateTests {
    func update(version: String, breakIt: Bool = false) throws -> CatalogUpdate {
        let files = CatalogLoader.embeddedFiles.map { file -> CatalogUpdate.File in
            var text = file.text
            if file.path == CatalogFile.headPath {
                text = text.replacingOccurrences(of: "\"version\": \"2026.11-1\"", with: "\"version\": \"\(version)\"")
            }
            if breakIt && file.path.hasSuffix("birth.json") {
                text = text.replacingOccurrences(of: "\"promisedDays\": 1", with: "\"promisedDays\": 0")
            }
            return CatalogUpdate.File(path: file.path, text: text)
        }
        #expect(files.contains { $0.text.contains("\"version\": \"\(version)\"") })
        return CatalogUpdate(version: version, files: files)
    }

    func run(_ store: NodeStore, page: ChangesPage) async throws(SyncError) -> SyncReport {
        let hub = ScriptedHub { request, _ in
            request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.json(page)
        }
        var options = SyncOptions()
        options.retryBudgetSeconds = 0
        return try await SyncEngine(
            store: store, transport: hub, nodeId: "ward-1", token: "t0123456789abcdef", catalogVersion: "2026.11-1",
            options: options, clock: .fixed(TestMoment.filing)
        ).run()
    }

    @Test("a valid catalogue from the hub is checked and kept; the node reports its version")
    func adopted() async throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let page = ChangesPage(changes: [], nextCursor: 0, hasMore: false, catalog: try update(version: "2026.12-1"))
        let report = try await run(store, page: page)
        #expect(report.catalogVersion == "2026.12-1")
        let stored = try #require(try store.latestCatalog())
        #expect(stored.version == "2026.12-1")
        #expect(try CatalogLoader.load(files: stored.files, today: TestMoment.filing.date).version == "2026.12-1")
    }

    @Test("a catalogue that fails the check is refused and the node keeps its own")
    func refused() async throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let page = ChangesPage(changes: [], nextCursor: 0, hasMore: false, catalog: try update(version: "2026.12-2", breakIt: true))
        await #expect(throws: SyncError.self) { try await run(store, page: page) }
        #expect(try store.latestCatalog() == nil)
    }
}
