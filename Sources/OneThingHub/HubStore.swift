import Foundation
import GRDB
import OneThingDatabase

/// The hub's store on SQLite (`HubStorage`): one file, shared by the server and the CLI
/// commands (separate processes), opened as `DatabaseFile` opens both stores' files: WAL
/// with `synchronous=FULL`, foreign keys on, and a busy timeout instead of failing at once
/// when another process holds the write lock.
package final class HubStore: HubRules {
    package let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's lock before giving up.
    package static let busyTimeoutSeconds = DatabaseFile.busyTimeoutSeconds

    package var location: String { path }

    /// `--db`, else $ONETHING_HUB_DB, else the per-user data file.
    package static func defaultPath(environment given: [String: String]? = nil) -> String {
        let environment = given ?? ProcessInfo.processInfo.environment
        if let path = environment["ONETHING_HUB_DB"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/onething/hub.sqlite" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/onething/hub.sqlite"
    }

    /// The hub's database file at `path`, with the hub's migrations.
    static func file(_ path: String) -> DatabaseFile {
        DatabaseFile(path: path, label: "onething-hub", migrator: HubSchema.migrator)
    }

    /// Opens (creating it 0600 when missing) and migrates the database at `path`. A file
    /// that is not a database, is damaged, comes from a newer version or cannot be written
    /// is left untouched.
    package static func open(path: String) throws(HubError) -> HubStore {
        do {
            return HubStore(path: path, pool: try file(path).openPool())
        } catch {
            throw .database(error)
        }
    }

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// One write transaction. A `HubError` thrown by the body rolls it back and comes out
    /// as it is; database failures come out as `HubError.database`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw HubError(error, path: path)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw HubError(error, path: path)
        }
    }

    package func writing<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T {
        try await write { db in try body(GRDBHubSQL(db)) }
    }

    package func reading<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) throws -> T) async throws(HubError) -> T {
        try await read { db in try body(GRDBHubSQL(db)) }
    }

    /// The write-ahead log emptied into the file (and truncated), so that no value the purge
    /// removed stays in the log.
    package func afterPurge() async throws(HubError) {
        do {
            try await pool.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw HubError(error, path: path)
        }
    }

    /// The value of a PRAGMA on the writing connection (for checks and tests).
    package func pragma(_ name: String) async throws(HubError) -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        do {
            return try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
        } catch {
            throw HubError(error, path: path)
        }
    }
}
