import Foundation
import GRDB
import OneThingDatabase
import TestSupport
import Testing

/// Opening a database file as both stores do: 0600 in a 0700 folder, WAL, synchronous=FULL,
/// foreign keys, migrations run once; and every file that must be refused, refused with its
/// code and left untouched.
@Suite("Opening a database file")
struct DatabaseFileTests {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-things") { db in
            try db.execute(sql: "CREATE TABLE things (id TEXT PRIMARY KEY NOT NULL, weight INTEGER NOT NULL, note TEXT)")
        }
        return migrator
    }

    static func file(_ path: String) -> DatabaseFile {
        DatabaseFile(path: path, label: "test", migrator: migrator)
    }

    /// journal_mode, synchronous and foreign_keys on the writing connection.
    static func pragmas(_ writer: some DatabaseWriter) throws -> [String?] {
        try writer.writeWithoutTransaction { db in
            try ["journal_mode", "synchronous", "foreign_keys"].map { try String.fetchOne(db, sql: "PRAGMA \($0)") }
        }
    }

    static func mode(_ path: String) throws -> Int {
        try ((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue) ?? -1
    }

    /// The failure `body` threw (nil when it threw none, or something else).
    static func failure(_ body: () throws -> Void) -> DatabaseFailure? {
        do {
            try body()
            return nil
        } catch {
            return error as? DatabaseFailure
        }
    }

    @Test("a queue: created 0600 in a new 0700 folder, WAL, synchronous=FULL, foreign keys, migrated")
    func queue() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("sub/data.sqlite")
        let queue = try Self.file(path).openQueue()
        #expect(try Self.pragmas(queue) == ["wal", "2", "1"])  // synchronous 2 = FULL
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") } == ["v1-things"])
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(dir.file("sub")) == 0o700)
        try queue.write { db in try db.execute(sql: "INSERT INTO things (id, weight) VALUES ('a', 1)") }
        #expect(try Self.mode(path + "-wal") & 0o077 == 0)
        // Opened again: nothing migrated twice, the data kept.
        let again = try Self.file(path).openQueue()
        #expect(try again.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM things") } == 1)
    }

    @Test("a pool: its writing connection keeps synchronous=FULL (DatabasePool lowers it)")
    func pool() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("pool.sqlite")
        let pool = try Self.file(path).openPool()
        #expect(try Self.pragmas(pool) == ["wal", "2", "1"])
        #expect(try Self.mode(path) == 0o600)
    }

    @Test("a dangling symbolic link: the file is created 0600 where the link points")
    func danglingLink() throws {
        let dir = TemporaryDirectory("onething-db")
        try FileManager.default.createDirectory(atPath: dir.file("volume"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.sqlite"), withDestinationPath: "volume/real.sqlite")
        _ = try Self.file(dir.file("link.sqlite")).openQueue()
        #expect(try Self.mode(dir.file("volume/real.sqlite")) == 0o600)
    }

    @Test("random bytes: notADatabase, the file and its folder left untouched")
    func notADatabase() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("junk.sqlite")
        let junk = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try junk.write(to: URL(fileURLWithPath: path))
        let failure = Self.failure { _ = try Self.file(path).openQueue() }
        #expect(failure == DatabaseFailure(.notADatabase, path: path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("damaged pages behind a valid header: corrupt, the file left untouched")
    func corrupt() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("damaged.sqlite")
        do {
            let queue = try Self.file(path).openQueue()
            try queue.write { db in
                for n in 0..<2000 { try db.execute(sql: "INSERT INTO things (id, weight) VALUES (?, ?)", arguments: ["id-\(n)", n]) }
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in 4096..<bytes.count { bytes[index] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let failure = Self.failure {
            let queue = try Self.file(path).openQueue()
            do {
                _ = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM things") }
            } catch {
                throw DatabaseFailure(error, path: path)
            }
        }
        #expect(failure?.code == .corrupt)
        #expect(failure?.description.contains("left untouched") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a file migrated by a newer version: newerSchema, nothing migrated")
    func newerSchema() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("newer.sqlite")
        _ = try Self.file(path).openQueue()
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(Self.failure { _ = try Self.file(path).openQueue() } == DatabaseFailure(.newerSchema, path: path))
        #expect(Self.failure { _ = try Self.file(path).openPool() } == DatabaseFailure(.newerSchema, path: path))
        #expect(Self.failure { _ = try Self.file(path).openSource() } == DatabaseFailure(.newerSchema, path: path))
    }

    @Test("a folder that is a file: cannotOpen, saying why")
    func cannotOpen() throws {
        let dir = TemporaryDirectory("onething-db")
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("plain")))
        let path = dir.file("plain/data.sqlite")
        #expect(Self.failure { _ = try Self.file(path).openQueue() } == .cannotOpen(path: path, reason: "its folder cannot be created"))
    }

    @Test("a file that is not there, where none is created: missingFile")
    func missingFile() {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("absent.sqlite")
        #expect(Self.failure { _ = try Self.file(path).openSource() } == DatabaseFailure(.missingFile, path: path))
        #expect(Self.failure { _ = try Self.file(path).openReadOnly() } == DatabaseFailure(.missingFile, path: path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file this user may not read: permissionDenied; one it may not write: readOnly, then read read-only")
    func permissions() throws {
        guard getuid() != 0 else { return }  // root passes permission checks
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("data.sqlite")
        let queue = try Self.file(path).openQueue()
        try queue.write { db in try db.execute(sql: "INSERT INTO things (id, weight) VALUES ('a', 1)") }
        try queue.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(Self.failure { _ = try Self.file(path).openQueue() } == DatabaseFailure(.readOnly, path: path))
        let reader = try Self.file(path).openReadOnly()
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM things") } == 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        #expect(Self.failure { _ = try Self.file(path).openQueue() } == DatabaseFailure(.permissionDenied, path: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    @Test("a read-only open of a clean file creates no -wal or -shm beside it")
    func readOnlyLeavesNoFiles() throws {
        let dir = TemporaryDirectory("onething-db")
        let path = dir.file("data.sqlite")
        try Self.file(path).openQueue().close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let reader = try Self.file(path).openReadOnly()
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM things") } == 0)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"))
    }
}
