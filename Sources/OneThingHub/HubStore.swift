import Foundation
import GRDB

/// The hub's SQLite database, shared by the server and the CLI commands (separate
/// processes): WAL with `synchronous=FULL`, foreign keys on, and a busy timeout instead of
/// failing at once when another process holds the write lock.
public final class HubStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's lock before giving up.
    public static let busyTimeoutSeconds: Double = 10

    /// `--db`, else $ONETHING_HUB_DB, else the per-user data file.
    public static func defaultPath(environment given: [String: String]? = nil) -> String {
        let environment = given ?? ProcessInfo.processInfo.environment
        if let path = environment["ONETHING_HUB_DB"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/onething/hub.sqlite" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/onething/hub.sqlite"
    }

    /// Opens (creating it 0600 when missing) and migrates the database at `path`. A file
    /// that is not a database, is damaged or comes from a newer version is left untouched.
    public static func open(path: String) throws(HubError) -> HubStore {
        try HubFiles.prepare(path: path)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.label = "onething-hub"
        // WAL is set here rather than with GRDB's `journalMode = .wal`, which lowers
        // `synchronous` to NORMAL: an accepted entry must survive a power cut.
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "WAL journal mode unavailable")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // DatabasePool itself sets `synchronous = NORMAL` on its writer connection after
            // `prepareDatabase` ran; put FULL back on that (only) writing connection.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw HubDatabaseErrors.map(error, path: path)
        }
        let migrator = HubSchema.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw HubError.newerSchema(path: path)
            }
            try migrator.migrate(pool)
        } catch {
            throw HubDatabaseErrors.map(error, path: path)
        }
        return HubStore(path: path, pool: pool)
    }

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// One write transaction. A `HubError` thrown by the body rolls it back and comes out
    /// as it is; SQLite failures are mapped to their `HubError`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw HubDatabaseErrors.map(error, path: path)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(HubError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw HubDatabaseErrors.map(error, path: path)
        }
    }

    /// The value of a PRAGMA on the writing connection (for checks and tests).
    public func pragma(_ name: String) async throws(HubError) -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        do {
            return try await pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
        } catch {
            throw HubDatabaseErrors.map(error, path: path)
        }
    }
}
