import Foundation
import GRDB
import OneThingDatabase
import OneThingModel

/// The node's SQLite database: applications, their items, the outbox, node settings and
/// sync state. WAL with `synchronous=FULL`, so that a filed application the citizen got a
/// receipt for survives a power cut; foreign keys on; a busy timeout instead of failing at
/// once when another process (a cron sync, a second kiosk) holds the write lock.
package final class NodeStore: Sendable {
    package let path: String
    let queue: DatabaseQueue
    /// True when the database was opened read-only (`openForReading` on a file that cannot
    /// be written): every write fails with `StoreError.readOnly`.
    package let isReadOnly: Bool

    /// How long a writer waits for another process's lock before giving up (exit 75).
    package static let busyTimeoutSeconds = DatabaseFile.busyTimeoutSeconds

    /// The node's database file, opened and migrated as `DatabaseFile` does for both stores.
    static func file(_ path: String) -> DatabaseFile {
        DatabaseFile(path: path, label: "onething-node", migrator: Schema.migrator)
    }

    /// Opens (creating it 0600 when missing) and migrates the database at `path`. A file
    /// that is not a database, is damaged, comes from a newer version or cannot be written
    /// is left untouched.
    package static func open(path: String) throws(StoreError) -> NodeStore {
        do {
            return NodeStore(path: path, queue: try file(path).openQueue(), isReadOnly: false)
        } catch {
            throw .database(error)
        }
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
            throw StoreError(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The value of a PRAGMA on the store's connection (for checks and tests).
    package func pragma(_ name: String) throws(StoreError) -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    package func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
