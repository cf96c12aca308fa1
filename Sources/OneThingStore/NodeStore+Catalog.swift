import Foundation
import GRDB
package import OneThingModel
import OneThingWire

extension NodeStore {
    /// Keeps a catalogue the hub published (already checked by the caller).
    package func saveCatalog(version: String, files: [CatalogFile]) throws(StoreError) {
        let json = StoredFields.encode(files)
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

    /// Keeps the files of a catalogue this node works with, once per version, so that its
    /// applications are checked under it after the node moves on (a read-only database
    /// keeps nothing and says nothing).
    package func rememberCatalog(version: String, files: [CatalogFile]) throws(StoreError) {
        guard !isReadOnly else { return }
        // Every command opens the catalogue in use: a look-up, and a write only the first time.
        let known = try read { db in
            try !db.tableExists("catalog_versions")
                || String.fetchOne(db, sql: "SELECT 1 FROM catalog_versions WHERE version = ?", arguments: [version]) != nil
        }
        guard !known else { return }
        let json = StoredFields.encode(files)
        try write { db in
            guard try db.tableExists("catalog_versions") else { return }
            try db.execute(sql: "INSERT OR IGNORE INTO catalog_versions (version, files) VALUES (?, ?)", arguments: [version, json])
        }
    }

    /// The catalogue of `version` as this node worked with it (remembered or received), or
    /// nil when it never had it (or it no longer passes the checker); the built-in one when
    /// the version is its own (see `FiledUnder`). Checked again as it is loaded; files that
    /// no longer read as JSON are a damaged row.
    package func catalog(version: String) throws(StoreError) -> Catalog? {
        if let builtIn = CatalogLoader.builtIn, builtIn.version == version { return builtIn }
        guard let files = try read({ db in try Self.keptCatalogFiles(version: version, db) }) else { return nil }
        return try? CatalogLoader.load(files: files, today: CivilDate.latestChecked)
    }

    /// The files kept under `version`: remembered (worked with here), else received.
    static func keptCatalogFiles(version: String, _ db: Database) throws -> [CatalogFile]? {
        for table in ["catalog_versions", "catalog_updates"] where try db.tableExists(table) {
            if let text = try String.fetchOne(
                db.cachedStatement(sql: "SELECT files FROM \(table) WHERE version = ?"), arguments: [version])
            {
                return try StoredFields.decode([CatalogFile].self, from: text, table: table, key: version)
            }
        }
        return nil
    }

    /// The catalogue most recently received from the hub, if any.
    package func latestCatalog() throws(StoreError) -> (version: String, files: [CatalogFile])? {
        try receivedCatalogs(limit: 1).first
    }

    /// The catalogues received from the hub, newest first (at most `limit`), so that a node
    /// can fall back to an older one it received when a newer one is unusable here. A stored
    /// row that cannot be read is skipped, as an unusable catalogue would be.
    package func receivedCatalogs(limit: Int = 20) throws(StoreError) -> [(version: String, files: [CatalogFile])] {
        try read { db in
            try CatalogUpdateRow.fetchAll(
                db, sql: "SELECT * FROM catalog_updates ORDER BY received_seq DESC LIMIT ?", arguments: [limit]
            ).compactMap { update in
                // Skipped on purpose when damaged: the node falls back to an older one it received.
                guard let files = try? JSONCodec.decode([CatalogFile].self, from: update.filesJSON) else { return nil }
                return (update.version, files)
            }
        }
    }
}
