package import GRDB
import Foundation

/// One OneThing database file and how it is opened, for the node's store and the hub's
/// alike: created 0600 when missing, WAL with `synchronous=FULL` (a filed application the
/// citizen got a receipt for, or an entry the hub acknowledged, must survive a power cut),
/// foreign keys on, a busy timeout instead of failing at once while another process (a
/// cron sync, a second kiosk, the serving hub) holds the write lock, then migrated by the
/// store's own `migrator`. A file that is not a database, is damaged or comes from a newer
/// version is refused and left untouched; so is one that cannot be written (SQLite would
/// open it read-only without a word, and the first write would fail half-way through).
package struct DatabaseFile: Sendable {
    /// The file as given (it may be a symbolic link).
    package let path: String
    /// GRDB's label for the connections, shown in its diagnostics (`onething-node`).
    package let label: String
    /// The store's migrations: one transaction each, identifiers never edited once shipped.
    package let migrator: DatabaseMigrator

    /// How long a writer waits for another process's lock before giving up.
    package static let busyTimeoutSeconds: Double = 10

    package init(path: String, label: String, migrator: DatabaseMigrator) {
        self.path = path
        self.label = label
        self.migrator = migrator
    }

    /// One serial connection (the node: one command or kiosk at a time per process).
    package func openQueue() throws(DatabaseFailure) -> DatabaseQueue {
        try prepareForWriting()
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration())
        } catch {
            throw DatabaseFailure(error, path: path)
        }
        try migrate(queue)
        return queue
    }

    /// A writer and concurrent readers (the hub's server).
    package func openPool() throws(DatabaseFailure) -> DatabasePool {
        try prepareForWriting()
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
            // DatabasePool itself sets `synchronous = NORMAL` on its writer connection after
            // `prepareDatabase` ran; put FULL back on that (only) writing connection.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw DatabaseFailure(error, path: path)
        }
        try migrate(pool)
        return pool
    }

    /// For reading a file that cannot be written (a file system remounted read-only after an
    /// I/O error, a read-only file or folder). Nothing is migrated: a database that needs a
    /// migration cannot be read until it can be written (`readOnly`). With no write-ahead log
    /// beside it (the last writer closed it cleanly) the main file holds everything, and it is
    /// opened `immutable=1`: no lock or `-shm` file is needed, and none is created. With a log
    /// left (a writer killed, or running), SQLite reads it through the existing `-shm` file
    /// (`mode=ro`); a log that holds changes but cannot be read is refused rather than shown
    /// out of date. (`immutable=1` assumes nobody writes the file meanwhile: true of a
    /// read-only file system; with read-only permissions a writer running as another user
    /// could, and a read may then fail, never change the file.)
    package func openReadOnly() throws(DatabaseFailure) -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else { throw DatabaseFailure(.missingFile, path: path) }
        var config = configuration()
        config.readonly = true
        config.label = label + "-readonly"
        if DatabaseFiles.hasLogFiles(path: path) {
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                try checkSchemaWithoutMigrating(queue)
                return queue
            } catch {
                let failure = DatabaseFailure(error, path: path)
                guard [.readOnly, .cannotOpen, .io].contains(failure.code) else { throw failure }
            }
            guard DatabaseFiles.walSize(path: path) == 0 else {
                throw .cannotOpen(
                    path: path,
                    reason: "it cannot be written, and its write-ahead log (-wal) holds changes that cannot be read without writing its -shm file; make the file system or the folder writable again")
            }
        }
        do {
            let queue = try DatabaseQueue(path: DatabaseFiles.immutableURI(path), configuration: config)
            try checkSchemaWithoutMigrating(queue)
            return queue
        } catch {
            throw DatabaseFailure(error, path: path)
        }
    }

    /// An existing database to copy from (a backup being restored): read-only, refused when a
    /// newer version wrote it; an older one is fine (the copy is migrated afterwards).
    package func openSource() throws(DatabaseFailure) -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else { throw DatabaseFailure(.missingFile, path: path) }
        if DatabaseFiles.isUnreadable(path: path) { throw DatabaseFailure(.permissionDenied, path: path) }
        var config = Configuration()
        config.readonly = true
        config.label = label + "-source"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) { throw DatabaseFailure(.newerSchema, path: path) }
            return queue
        } catch {
            throw DatabaseFailure(error, path: path)
        }
    }

    /// Runs the migrations this file lacks, after refusing a file from a newer version.
    package func migrate(_ writer: some DatabaseWriter) throws(DatabaseFailure) {
        do {
            if try writer.read({ try migrator.hasBeenSuperseded($0) }) { throw DatabaseFailure(.newerSchema, path: path) }
            try migrator.migrate(writer)
        } catch {
            throw DatabaseFailure(error, path: path)
        }
    }

    /// The connections' settings. WAL is set in `prepareDatabase` rather than with GRDB's
    /// `journalMode = .wal`: that set-up writes a table into the file to create the WAL, which
    /// would touch a damaged database before we could refuse it, and it lowers `synchronous`
    /// to NORMAL.
    func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.label = label
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" else {
                throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "WAL journal mode unavailable")
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Creates the file when missing, and refuses one that this process cannot read or write.
    private func prepareForWriting() throws(DatabaseFailure) {
        try DatabaseFiles.prepare(path: path)
        if DatabaseFiles.isUnreadable(path: path) { throw DatabaseFailure(.permissionDenied, path: path) }
        if DatabaseFiles.isReadOnly(path: path) || DatabaseFiles.folderIsReadOnly(path: path) {
            throw DatabaseFailure(.readOnly, path: path)
        }
    }

    private func checkSchemaWithoutMigrating(_ queue: DatabaseQueue) throws {
        try queue.read { db in
            if try migrator.hasBeenSuperseded(db) { throw DatabaseFailure(.newerSchema, path: path) }
            guard try migrator.hasCompletedMigrations(db) else { throw DatabaseFailure(.readOnly, path: path) }
        }
    }
}
