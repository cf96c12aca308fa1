import Foundation
import GRDB
public import OneThingModel

extension NodeStore {
    private struct StoredFile: Codable {
        var path: String
        var text: String
    }

    /// Keeps a catalogue the hub published (already checked by the caller).
    public func saveCatalog(version: String, files: [CatalogFile]) throws(StoreError) {
        let json = try Self.canonicalJSON(files.map { StoredFile(path: $0.path, text: $0.text) })
        try write { db in
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(received_seq) FROM catalog_updates") ?? 0) + 1
            try db.execute(
                sql: """
                    INSERT INTO catalog_updates (version, files, received_seq) VALUES (?, ?, ?)
                    ON CONFLICT(version) DO UPDATE SET files = excluded.files, received_seq = excluded.received_seq
                    """,
                arguments: [version, json, next])
        }
    }

    /// The catalogue most recently received from the hub, if any.
    public func latestCatalog() throws(StoreError) -> (version: String, files: [CatalogFile])? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT version, files FROM catalog_updates ORDER BY received_seq DESC LIMIT 1")
            else { return nil }
            let text: String = row["files"]
            guard let files = try? JSONDecoder().decode([StoredFile].self, from: Data(text.utf8)) else { return nil }
            return (row["version"], files.map { CatalogFile(path: $0.path, text: $0.text) })
        }
    }
}
