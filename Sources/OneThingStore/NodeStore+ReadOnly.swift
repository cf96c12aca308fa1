import Foundation
import GRDB

extension NodeStore {
    /// For the commands that only read (`list`, `show`, `status`): the database opened as
    /// `open` does, or, when it cannot be written (a file system remounted read-only after an
    /// I/O error, a read-only file or folder), opened read-only (`isReadOnly`), so that staff
    /// can still look applications up. Nothing is migrated then: a database that needs a
    /// migration cannot be read until it can be written. (`immutable=1` assumes nobody writes
    /// the file meanwhile: true of a read-only file system; with read-only permissions a
    /// writer running as another user could, and a read may then fail, never change the file.)
    public static func openForReading(path: String) throws(StoreError) -> NodeStore {
        do {
            return try open(path: path)
        } catch {
            switch error {
            case .readOnly, .cannotOpen, .io: break
            default: throw error
            }
            guard FileManager.default.fileExists(atPath: path) else { throw error }
            return try openReadOnly(path: path)
        }
    }

    /// A read-only connection. With no write-ahead log beside it (the last writer closed the
    /// database cleanly) the main file holds everything, and it is opened `immutable=1`: no
    /// lock or `-shm` file is needed, and none is created. With a log left (a writer killed, or
    /// running), SQLite reads it through the existing `-shm` file (`mode=ro`); a log that holds
    /// changes but cannot be read is refused rather than shown out of date.
    static func openReadOnly(path: String) throws(StoreError) -> NodeStore {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.label = "onething-node-readonly"
        if StoreFiles.hasLogFiles(path: path) {
            do {
                let queue = try DatabaseQueue(path: path, configuration: config)
                try checkSchemaWithoutMigrating(queue, path: path)
                return NodeStore(path: path, queue: queue, isReadOnly: true)
            } catch {
                let mapped = StoreErrors.map(error, path: path)
                switch mapped {
                case .readOnly, .cannotOpen, .io: break
                default: throw mapped
                }
            }
            guard StoreFiles.walSize(path: path) == 0 else {
                throw .cannotOpen(
                    path: path,
                    reason: "it cannot be written, and its write-ahead log (-wal) holds changes that cannot be read without writing its -shm file; make the file system or the folder writable again")
            }
        }
        do {
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: config)
            try checkSchemaWithoutMigrating(queue, path: path)
            return NodeStore(path: path, queue: queue, isReadOnly: true)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    private static func checkSchemaWithoutMigrating(_ queue: DatabaseQueue, path: String) throws {
        let migrator = Schema.migrator
        try queue.read { db in
            if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
            guard try migrator.hasCompletedMigrations(db) else { throw StoreError.readOnly(path: path) }
        }
    }

    /// `file:PATH?immutable=1`, the path percent-encoded as SQLite's URI filenames need.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:" + encoded + "?immutable=1"
    }
}
