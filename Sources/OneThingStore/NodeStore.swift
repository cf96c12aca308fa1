import Foundation
import GRDB
public import OneThingModel

/// The node's SQLite database: applications, their items, the outbox, node settings and
/// sync state. WAL with `synchronous=FULL`, so that a filed application the citizen got a
/// receipt for survives a power cut; foreign keys on; a busy timeout instead of failing at
/// once when another process (a cron sync, a second kiosk) holds the write lock.
public final class NodeStore: Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// True when the database was opened read-only (`openForReading` on a file that cannot
    /// be written): every write fails with `StoreError.readOnly`.
    public let isReadOnly: Bool

    /// How long a writer waits for another process's lock before giving up (exit 75).
    public static let busyTimeoutSeconds: Double = 10

    /// Opens (creating it 0600 when missing) and migrates the database at `path`. A file
    /// that is not a database, is damaged or comes from a newer version is left untouched.
    public static func open(path: String) throws(StoreError) -> NodeStore {
        try StoreFiles.prepare(path: path)
        // SQLite would open a file it cannot write read-only without a word, and the first
        // write would fail half-way through a command: refuse at once, naming the cause.
        if StoreFiles.isReadOnly(path: path) || StoreFiles.folderIsReadOnly(path: path) {
            throw .readOnly(path: path)
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.label = "onething-node"
        // WAL is set here rather than with GRDB's `journalMode = .wal`: that set-up writes a
        // table into the file to create the WAL, which would touch a damaged database before
        // we could refuse it, and it lowers `synchronous` to NORMAL.
        config.prepareDatabase { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "WAL journal mode unavailable")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        let migrator = Schema.migrator
        do {
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: path)
            }
            try migrator.migrate(queue)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        return NodeStore(path: path, queue: queue, isReadOnly: false)
    }

    init(path: String, queue: DatabaseQueue, isReadOnly: Bool) {
        self.path = path
        self.queue = queue
        self.isReadOnly = isReadOnly
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// The value of a PRAGMA on the store's connection (for checks and tests).
    public func pragma(_ name: String) throws(StoreError) -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
