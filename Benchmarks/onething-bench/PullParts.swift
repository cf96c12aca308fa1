import Foundation
import GRDB
import OneThingModel
import OneThingStore
import OneThingWire

/// Where the node's pull spends its time, part by part, on pages of changes saved from a
/// real hub (`pull-parts --db NODE --pages DIR`): decoding each page (JSONDecoder, and
/// `ChangesPage.decode(json:)` as SyncEngine does) and applying it (`NodeStore.applyChanges`, one transaction a page) to a
/// copy of the node's database. Used to find what bounds the pull figure of the suite.
enum PullParts {
    static func run(_ arguments: [String]) throws {
        guard let db = SyncDrainCommands.option("--db", in: arguments),
            let pages = SyncDrainCommands.option("--pages", in: arguments)
        else {
            FileHandle.standardError.write(Data("usage: onething-bench pull-parts --db NODE.sqlite --pages DIR\n".utf8))
            exit(64)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".json") }.sorted()
        let bodies = try files.map { try Data(contentsOf: URL(fileURLWithPath: pages + "/" + $0)) }
        let clock = ContinuousClock()
        var decoded: [ChangesPage] = []
        let decoderTime = try clock.measure {
            decoded = try bodies.map { try JSONDecoder().decode(ChangesPage.self, from: $0) }
        }
        let decodeTime = try clock.measure {
            decoded = try bodies.map { try ChangesPage.decode(json: $0) }
        }
        let copy = db + ".pull-parts"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let store = try NodeStore.open(path: copy)
        var applied = 0
        let applyTime = try clock.measure {
            for page in decoded {
                applied += try store.applyChanges(page.changes, nextCursor: page.nextCursor, at: WallClock.system.now()).applications
            }
        }
        let changes = decoded.reduce(0) { $0 + $1.changes.count }
        func perChange(_ d: Duration) -> Double { Double(d.components.attoseconds) / 1e12 / Double(max(1, changes)) + Double(d.components.seconds) * 1e6 / Double(max(1, changes)) }
        print("pull parts: \(changes) changes in \(decoded.count) pages, \(applied) applied")
        print(String(format: "  decode (JSONDecoder)         %5.1f us a change", perChange(decoderTime)))
        print(String(format: "  decode (JSONReader, used)    %5.1f us a change", perChange(decodeTime)))
        print(String(format: "  apply (NodeStore, 1 tx/page) %5.1f us a change", perChange(applyTime)))
    }
}
