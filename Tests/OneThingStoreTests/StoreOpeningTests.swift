import Foundation
import GRDB
import OneThingDatabase
import OneThingStore
import TestSupport
import Testing

@Suite("Opening the node database")
struct StoreOpeningTests {
    @Test("a new database gets every migration, WAL, synchronous=FULL and foreign keys")
    func newDatabase() throws {
        let dir = TemporaryDirectory()
        let store = try NodeStore.open(path: dir.file("node.sqlite"))
        #expect(try store.pragma("journal_mode") == "wal")
        #expect(try store.pragma("synchronous") == "2")  // 2 = FULL; GRDB's WAL default would be 1 (NORMAL)
        #expect(try store.pragma("foreign_keys") == "1")
        #expect(try store.integrityCheck() == "ok")
        let tables = try DatabaseQueue(path: dir.file("node.sqlite")).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["applications", "application_items", "outbox", "node_config", "sync_state"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("reopening an existing database keeps its data and migrates nothing twice")
    func reopen() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        let first = try NodeStore.open(path: path)
        let filed = try first.file(try Examples.validated("birth"), filedAt: TestMoment.at("2026-01-01T00:00+08:00"))
        let second = try NodeStore.open(path: path)
        #expect(try second.application(id: filed.id).summary.id == filed.id)
        let migrations = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["v1-applications-outbox", "v2-revisions-conflicts-duplicates", "v3-kiosk-operators-drafts", "v4-audit-retention", "v5-state-counts", "v6-import-keys", "v7-hub-identity", "v8-keyed-person-keys", "v9-catalogue-versions", "v10-metrics"])
    }

    @Test("the database file and its folder are created readable by the owner only")
    func permissions() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("sub/node.sqlite")
        _ = try NodeStore.open(path: path)
        let file = try FileManager.default.attributesOfItem(atPath: path)
        let folder = try FileManager.default.attributesOfItem(atPath: dir.file("sub"))
        #expect((file[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test("a file that is not a database is refused and left untouched")
    func notADatabase() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.database(DatabaseFailure(.notADatabase, path: path))) { try NodeStore.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test("a database with damaged pages gives a corruption error, not a crash")
    func damagedPages() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        do {
            let store = try NodeStore.open(path: path)
            for _ in 0..<20 { try store.file(try Examples.validated("birth"), filedAt: TestMoment.filing) }
        }
        // Overwrite everything after the first page (the header stays valid).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = 4096
        #expect(bytes.count > pageSize * 2)
        for i in pageSize..<bytes.count { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var failure: StoreError?
        do {
            let store = try NodeStore.open(path: path)
            _ = try store.applications()
        } catch {
            failure = error
        }
        #expect(failure == .database(DatabaseFailure(.corrupt, path: path)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(failure?.description.contains("left untouched") == true)
    }

    @Test("a database from a newer version is refused")
    func newerSchema() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("node.sqlite")
        _ = try NodeStore.open(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.database(DatabaseFailure(.newerSchema, path: path))) { try NodeStore.open(path: path) }
    }

    @Test("a folder that cannot be created gives a clear error")
    func unopenable() throws {
        let dir = TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("plain-file")))
        let path = dir.file("plain-file/node.sqlite")
        #expect(throws: StoreError.database(.cannotOpen(path: path, reason: "its folder cannot be created"))) {
            try NodeStore.open(path: path)
        }
    }
}
