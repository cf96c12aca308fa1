import Foundation
import GRDB
import OneThingDatabase

extension HubStore {
    /// Copies this database, consistent as of one moment, into a new file at `destination`
    /// (SQLite's online backup; the hub may go on serving), created 0600.
    package func backup(to destination: String) async throws(HubError) {
        do {
            try DatabaseFiles.prepare(path: destination)
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
            try target.close()
        } catch {
            throw HubError(error, path: destination)
        }
    }

    /// Replaces this database's content with the backup at `source`, while the hub may serve:
    ///
    /// 1. the backup is copied into a file beside this database (0600; removed afterwards)
    ///    and brought to this version's tables there, where no server looks;
    /// 2. ONE write transaction of this database then takes that content in, keeping what
    ///    the backup must not take back (the nodes' current tokens: a token rotated away
    ///    because it leaked stays refused, the current one goes on working; how far province
    ///    numbers have gone; the catalogues served), and draws a new identity, so that every
    ///    node recovers at its next sync.
    ///
    /// A serving hub therefore answers from the old content or from the restored one with the
    /// live tokens and the new identity, never from a state in between (the backup's tokens,
    /// counter or identity); a failure at any step leaves this database as it was.
    package func restore(from source: String, at time: String) async throws(HubError) -> String {
        let aside = path + ".restoring-" + String(HubIdentity.newDatabaseId().prefix(12))
        defer {
            for file in [aside, aside + "-journal"] { try? FileManager.default.removeItem(atPath: file) }
        }
        try await Self.prepareRestore(from: source, into: aside)
        do {
            return try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS restored", arguments: [aside])
                defer { try? db.execute(sql: "DETACH DATABASE restored") }
                var id = ""
                try db.inTransaction(.immediate) {
                    id = try Self.takeRestored(source: source, at: time, db)
                    return .commit
                }
                return id
            }
        } catch {
            throw HubError(error, path: path)
        }
    }

    /// The backup at `source` (refused when a newer version wrote it) copied into the new file
    /// `aside` (0600) and migrated there.
    private static func prepareRestore(from source: String, into aside: String) async throws(HubError) {
        let backup: DatabaseQueue
        do {
            backup = try file(source).openSource()
        } catch {
            throw .database(error)
        }
        defer { try? backup.close() }
        let copy: DatabaseQueue
        do {
            try DatabaseFiles.prepare(path: aside)
            copy = try DatabaseQueue(path: aside)
            try backup.backup(to: copy)
        } catch {
            // A damaged page is the backup's; anything else (a full disk) is the copy's.
            let failure = DatabaseFailure(error, path: aside)
            throw .database([.corrupt, .notADatabase].contains(failure.code) ? DatabaseFailure(error, path: source) : failure)
        }
        defer { try? copy.close() }
        do {
            // A backup from an older version gets the tables this one needs.
            try file(aside).migrate(copy)
        } catch {
            throw .database(error)
        }
    }

    /// Inside the caller's transaction, with the prepared copy attached as `restored`: every
    /// table's rows replaced by the copy's, then the live tokens, the counter and the
    /// catalogues put back, and a new identity drawn. Returns the new identity.
    private static func takeRestored(source: String, at time: String, _ db: Database) throws -> String {
        let nodes = try GRDBHubSQL(db).fetchAll(NodeRecord.self, "SELECT * FROM main.nodes")
        let counter = try Int64.fetchOne(db, sql: "SELECT value FROM main.counters WHERE name = 'province_no'") ?? 0
        let catalogs = try Row.fetchAll(db, sql: "SELECT version, files FROM main.catalogs")
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM restored.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        let ours = try String.fetchAll(
            db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        // Both were brought to this version's tables by the same migrations; other tables mean
        // a file edited by hand, which is not taken.
        guard tables == ours else { throw DatabaseFailure(.notADatabase, path: source) }
        // Rows go out and come in table by table; their references hold again at the commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for table in tables {
            let name = quoted(table)
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'restored')", arguments: [table])
                .map(quoted).joined(separator: ", ")
            try db.execute(sql: "DELETE FROM main.\(name)")
            try db.execute(sql: "INSERT INTO main.\(name) (\(columns)) SELECT \(columns) FROM restored.\(name)")
        }
        // Where AUTOINCREMENT counters stood in the backup (the change cursor among them).
        try db.execute(sql: "DELETE FROM main.sqlite_sequence")
        try db.execute(sql: "INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM restored.sqlite_sequence")
        for node in nodes {
            try db.execute(
                sql: """
                    INSERT INTO nodes (node_id, token_sha256, revoked) VALUES (?, ?, ?)
                    ON CONFLICT(node_id) DO UPDATE SET token_sha256 = excluded.token_sha256, revoked = excluded.revoked
                    """,
                arguments: [node.nodeId, node.tokenSHA256, node.revoked])
        }
        try db.execute(sql: "UPDATE counters SET value = MAX(value, ?) WHERE name = 'province_no'", arguments: [counter])
        for catalog in catalogs {
            try db.execute(
                sql: "INSERT OR IGNORE INTO catalogs (version, files) VALUES (?, ?)", arguments: [catalog["version"] as DatabaseValue, catalog["files"] as DatabaseValue])
        }
        return try HubIdentity.renew(reason: "restored from a backup", at: time, GRDBHubSQL(db))
    }

    /// An SQL identifier in double quotes.
    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
