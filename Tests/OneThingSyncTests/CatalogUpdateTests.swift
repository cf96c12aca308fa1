import Foundation
import OneThingModel
import OneThingStore
import OneThingSync
import OneThingWire
import TestSupport
import Testing

@Suite("Catalogue updates pulled from the hub (scripted hub double)")
struct CatalogUpdateTests {
    func update(version: String, breakIt: Bool = false, dropRegion: String? = nil) throws -> CatalogUpdate {
        let files = CatalogLoader.embeddedFiles.map { file -> CatalogUpdate.File in
            var text = file.text
            if file.path == CatalogFile.headPath {
                text = text.replacingOccurrences(of: "\"version\": \"2026.11-1\"", with: "\"version\": \"\(version)\"")
            }
            if let dropRegion, file.path == CatalogFile.headPath {
                text = Self.removingRegion(dropRegion, from: text)
            }
            if breakIt && file.path.hasSuffix("birth.json") {
                text = text.replacingOccurrences(of: "\"promisedDays\": 1", with: "\"promisedDays\": 0")
            }
            return CatalogUpdate.File(path: file.path, text: text)
        }
        #expect(files.contains { $0.path == CatalogFile.headPath && $0.text.contains(version) })
        return CatalogUpdate(version: version, files: files)
    }

    /// catalog.json without the region `code` (parsed and written again).
    static func removingRegion(_ code: String, from text: String) -> String {
        guard var head = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let regions = head["regions"] as? [[String: Any]],
              let data = try? JSONSerialization.data(withJSONObject: { head["regions"] = regions.filter { $0["code"] as? String != code }; return head }())
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    func run(_ store: NodeStore, page: ChangesPage, region: String? = nil) async throws(SyncError) -> SyncReport {
        let hub = ScriptedHub { request, _ in
            request.method == "POST" ? ScriptedHub.accept(request) : ScriptedHub.json(page)
        }
        var options = SyncOptions()
        options.retryBudgetSeconds = 0
        return try await SyncEngine(
            store: store, transport: hub, nodeId: "ward-1", token: "t0123456789abcdef", catalogVersion: "2026.11-1",
            region: region, options: options, clock: .fixed(TestMoment.filing)
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

    @Test("a catalogue that fails the check is refused, the node keeps its own, and the page's changes are applied")
    func refused() async throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let page = ChangesPage(changes: [], nextCursor: 7, hasMore: false, catalog: try update(version: "2026.12-2", breakIt: true))
        let report = try await run(store, page: page)
        #expect(report.catalogRefused?.version == "2026.12-2")
        #expect(report.catalogRefused?.keeps == "2026.11-1")
        #expect(report.catalogVersion == nil)
        #expect(try store.latestCatalog() == nil)
        #expect(try store.pullCursor() == 7, "the page was applied: the cursor moved")
        #expect(report.summary.contains("2026.12-2 refused"))
    }

    /// Each side of the region condition: a catalogue without the node's region is refused;
    /// the same catalogue for a node of another region, or for a node with no region set, is taken.
    @Test(arguments: [("350200", true), ("350100", false), (nil, false)] as [(String?, Bool)])
    func regionMissing(region: String?, refused: Bool) async throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        let page = ChangesPage(
            changes: [], nextCursor: 0, hasMore: false, catalog: try update(version: "2026.12-3", dropRegion: "350200"))
        let report = try await run(store, page: page, region: region)
        #expect((report.catalogRefused != nil) == refused)
        #expect((try store.latestCatalog()?.version == "2026.12-3") == !refused)
        if refused { #expect(report.catalogRefused?.reason.contains("350200") == true) }
    }
}
