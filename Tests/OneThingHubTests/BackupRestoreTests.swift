import Foundation
import GRDB
import OneThingDatabase
@testable import OneThingHub
import OneThingWire
import TestSupport
import Testing

/// `HubStore.restore`: the backup's content taken in ONE transaction together with what it
/// must not take back (the live tokens, the province-number counter, the catalogues served)
/// and a new identity; a backup that cannot be taken leaves the database as it was. (That a
/// serving hub never answers from a state in between: FaultRoundsRestoreFaultTests F.)
@Suite("Hub backup and restore")
struct BackupRestoreTests {
    let time = TestMoment.filing.description

    func push(_ hub: HubFixture, _ entries: [PushEntry], node: String? = nil) async throws -> [PushResult] {
        try await hub.store.push(node: node ?? hub.node, entries: entries, catalog: hub.catalog, at: TestMoment.filing).results
    }

    func counter(_ hub: HubFixture) async throws -> Int64 {
        try await hub.file.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'province_no'") ?? 0 }
    }

    /// The database failure's code a restore from `file` fails with (nil: it did not fail so).
    func refusal(_ hub: HubFixture, restoring file: String) async throws -> DatabaseFailure.Code? {
        let store = try hub.file
        do {
            _ = try await store.restore(from: file, at: time)
            return nil
        } catch {
            #expect(error.databaseCode.map { _ in true } == true, "\(error)")
            if let failure = error.database { #expect(failure.path == file, "the message names the backup") }
            return error.databaseCode
        }
    }

    func leftovers(_ hub: HubFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: hub.directory.path).filter { $0.contains(".restoring-") }
    }

    @Test("the backup's content comes back with the live tokens, counter and catalogues and a new identity")
    func restoreKeepsWhatTheBackupMustNotTakeBack() async throws {
        let hub = try await HubFixture()
        let kept = try #require(try await push(hub, [try SyntheticEntries.newApplication(seq: 1)]).first?.provinceNo)
        let backup = hub.directory.file("backup.sqlite")
        try await hub.file.backup(to: backup)
        let before = try await hub.store.databaseId()
        // After the backup: a token rotated, a node added, an application taken, a catalogue served.
        let rotated = try await hub.store.rotateNode(hub.node)
        let added = try await hub.store.addNode("ward-2")
        let lost = try #require(try await push(hub, [try SyntheticEntries.newApplication(seq: 2)]).first?.provinceNo)
        try await hub.file.write { db in
            try db.execute(sql: "INSERT INTO catalogs (version, files) VALUES ('after-the-backup', '[]')")
        }
        let live = try await counter(hub)

        let id = try await hub.file.restore(from: backup, at: time)
        let now = try await hub.store.databaseId()
        #expect(id != before && id == now)
        #expect(try await hub.store.applications().map(\.provinceNo) == [kept], "\(lost) came after the backup")
        #expect(try await hub.store.authenticate(node: hub.node, token: rotated))
        #expect(!(try await hub.store.authenticate(node: hub.node, token: hub.token)), "the token rotated away stays refused")
        #expect(try await hub.store.authenticate(node: "ward-2", token: added))
        #expect(try await counter(hub) >= live + 1, "the counter moved on to a fresh block")
        let catalogs = try await hub.file.read { db in try String.fetchAll(db, sql: "SELECT version FROM catalogs") }
        #expect(catalogs.contains("after-the-backup"))
        // The node's state is the backup's: it applied seq 1 only.
        #expect(try await hub.store.state(node: hub.node, seenDatabaseId: id, ackedSeq: 1, cursor: 0, at: time).state.lastSeq == 1)
        #expect(try leftovers(hub).isEmpty)
        // And it serves on: the application lost with the restore comes again, numbered anew.
        let again = try #require(try await push(hub, [try SyntheticEntries.newApplication(seq: 2)]).first?.provinceNo)
        #expect(again != lost)
    }

    @Test("a file that is not a database, or from a newer version: refused, the database as it was")
    func unusableBackup() async throws {
        let hub = try await HubFixture()
        let number = try #require(try await push(hub, [try SyntheticEntries.newApplication(seq: 1)]).first?.provinceNo)
        let id = try await hub.store.databaseId()
        let garbage = hub.directory.file("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        #expect(try await refusal(hub, restoring: garbage) == DatabaseFailure.Code.notADatabase)

        let newer = hub.directory.file("newer.sqlite")
        try await hub.file.backup(to: newer)
        let queue = try DatabaseQueue(path: newer)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        try queue.close()
        #expect(try await refusal(hub, restoring: newer) == DatabaseFailure.Code.newerSchema)

        #expect(try await hub.store.databaseId() == id)
        #expect(try await hub.store.applications().map(\.provinceNo) == [number])
        #expect(try await hub.store.authenticate(node: hub.node, token: hub.token))
        #expect(try leftovers(hub).isEmpty)
    }
}
